"""The container image and the compose file cannot be built here (no container engine), so
what can be checked is checked: each service runs a command the product has, every setting
given to the product is one the README's table documents, each secret file it names is
declared, and the image starts the web server and asks the live endpoint."""

import re
from pathlib import Path

import django_rq
import pytest
import yaml
from django.core.management import find_commands, get_commands

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "compose.yaml").read_text())


def _documented() -> set[str]:
    table = (REPO / "README.md").read_text().split("## Settings", 1)[1].split("\n## ", 1)[0]
    names = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    # NAME_FILE: every secret of the table's list may come from a file.
    secrets = re.search(r"\| `NAME_FILE` \|.*", table).group(0)
    return names | {f"{name}_FILE" for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", secrets)}


def _ours(compose):
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("image") == "pusselbit:latest"
    }


def test_every_service_of_ours_runs_a_command_the_product_has(compose):
    services = _ours(compose)
    assert set(services) == {"migrate", "web", "worker", "scheduler"}
    commands = set(get_commands())
    # django-rq's commands (rqworker) exist where the RQ backend installs it (settings.py).
    with_rq = commands | set(find_commands(str(Path(django_rq.__file__).parent / "management")))
    for name, service in services.items():
        rq = service["environment"].get("TASKS_BACKEND") == "django_tasks_rq.RQBackend"
        assert service["command"][0] in (with_rq if rq else commands), name
    assert services["worker"]["command"][:2] == ["rqworker", "--with-scheduler"]


def test_every_setting_given_to_the_product_is_documented(compose):
    documented = _documented()
    for name, service in _ours(compose).items():
        given = set(service["environment"])
        assert given <= documented, (name, sorted(given - documented))


def test_every_secret_named_is_declared(compose):
    declared = set(compose["secrets"])
    for name, service in compose["services"].items():
        assert set(service.get("secrets", [])) <= declared, name
        for key, value in service.get("environment", {}).items():
            if key.endswith("_FILE") and str(value).startswith("/run/secrets/"):
                assert value.removeprefix("/run/secrets/") in service["secrets"], (name, key)


def test_the_database_is_utf8_for_the_swedish_text_search(compose):
    assert "UTF8" in compose["services"]["db"]["environment"]["POSTGRES_INITDB_ARGS"]


def test_the_image_serves_and_checks_itself():
    dockerfile = (REPO / "Dockerfile").read_text()
    assert dockerfile.startswith("# ") and "\nFROM python:3.11-slim-bookworm\n" in dockerfile
    assert 'ENTRYPOINT ["pusselbit"]' in dockerfile and 'CMD ["serve"]' in dockerfile
    assert "/health/live" in dockerfile
    assert "libpango-1.0-0" in dockerfile  # WeasyPrint
    assert "USER pusselbit" in dockerfile
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var"} <= set(ignored)
