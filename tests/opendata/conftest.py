import pytest


@pytest.fixture
def demo(demo_once, db):
    """The demo, built once for the run; each test's changes are rolled back after it."""
