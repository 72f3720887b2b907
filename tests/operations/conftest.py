import os

import pytest


@pytest.fixture
def environment(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        PUSSELBIT_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        PUSSELBIT_LOG_FORMAT="json",
        SECRET_KEY="a-test-key-" + "x" * 50,
        DEBUG="0",
    )
    return env
