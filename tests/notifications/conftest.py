# The lifecycle's people and initiatives (tests/initiatives/conftest.py), for walking an idea
# to its decision here.
from tests.initiatives.conftest import (  # noqa: F401
    karlskrona,
    make_initiative,
    people,
    regional_org,
    workflow,
)
