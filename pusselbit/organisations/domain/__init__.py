"""Every write to organisations goes through these functions."""

from .organisations import (
    REFERENCE_KINDS,
    add_association_member,
    add_operation_area,
    change_association_member,
    create_organisation,
    remove_association_member,
    remove_operation_area,
    remove_organisation,
    rename_operation_area,
    update_organisation,
)
from .population import (
    PopulationFileError,
    PopulationLoad,
    load_population,
    load_population_file,
    parse_population_rows,
)
from .reference_data import load_reference_data

__all__ = [
    "REFERENCE_KINDS",
    "PopulationFileError",
    "PopulationLoad",
    "add_association_member",
    "add_operation_area",
    "change_association_member",
    "create_organisation",
    "load_population",
    "load_population_file",
    "load_reference_data",
    "parse_population_rows",
    "remove_association_member",
    "remove_operation_area",
    "remove_organisation",
    "rename_operation_area",
    "update_organisation",
]
