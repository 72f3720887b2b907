"""Every write to organisations goes through these functions."""

from .organisations import add_association_member, add_operation_area, create_organisation
from .population import PopulationFileError, load_population, parse_population_csv
from .reference_data import load_reference_data

__all__ = [
    "PopulationFileError",
    "add_association_member",
    "add_operation_area",
    "create_organisation",
    "load_population",
    "load_reference_data",
    "parse_population_csv",
]
