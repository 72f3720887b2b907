"""Every string exists in Swedish: the catalogue is complete and matches the code."""

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

import pusselbit

PACKAGE = Path(pusselbit.__file__).parent
PO_FILE = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def test_swedish_catalogue_is_complete():
    untranslated = [
        message.id
        for message in catalogue(PO_FILE)
        if message.id
        and (
            message.fuzzy
            or not (all(message.string) if isinstance(message.string, tuple) else message.string)
        )
    ]
    assert untranslated == []


def test_swedish_catalogue_is_compiled():
    assert PO_FILE.with_suffix(".mo").exists(), "run `make messages`"


@pytest.mark.skipif(
    not shutil.which("xgettext") and os.environ.get("CI") != "true",
    reason="makemessages needs GNU gettext (installed by .ci/run)",
)
def test_swedish_catalogue_has_every_string_of_the_code(tmp_path, settings, monkeypatch):
    # makemessages writes into any `locale` folder it walks past, so it runs on a copy of the
    # package without one, writing into a copy of the catalogue.
    source = tmp_path / "src"
    shutil.copytree(
        PACKAGE, source / "pusselbit", ignore=shutil.ignore_patterns("locale", "__pycache__")
    )
    target = tmp_path / "locale" / "sv" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(PO_FILE, target / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["sv"], no_obsolete=True, verbosity=0)
    extracted = {m.id for m in catalogue(target / "django.po") if m.id}
    shipped = {m.id for m in catalogue(PO_FILE) if m.id}
    assert extracted - shipped == set(), "run `scripts/messages.sh` and translate"
    assert shipped - extracted == set(), "the catalogue has strings the code no longer uses"
