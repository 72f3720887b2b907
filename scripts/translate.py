"""Fill the Swedish catalogue from a dict of translations: `python scripts/translate.py FILE.py`
(without FILE, only list what is untranslated — and write the file in the one layout, so a
refresh without new strings changes only what changed).

The dict (SV = {msgid: msgstr, (singular, plural): (sv_singular, sv_plural)}) is a working aid;
the .po file is the source of truth and is committed."""

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "pusselbit/locale/sv/LC_MESSAGES/django.po"


def main(dict_file: str | None) -> None:
    translations = runpy.run_path(dict_file)["SV"] if dict_file else {}
    with open(PO, "rb") as f:
        catalogue = read_po(f, locale="sv")
    catalogue.fuzzy = False
    catalogue.project, catalogue.version = "Pusselbit", "0.1"
    catalogue.language_team = "Pusselbit <sv@pusselbit.localhost>"
    catalogue.last_translator = "Pusselbit developers"
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        if message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
        elif message.fuzzy:
            # makemessages' guess from a similar message: often wrong, sometimes with other
            # placeholders. Blank it, so it is translated afresh.
            message.string = ("", "") if isinstance(message.id, tuple) else ""
            message.flags.discard("fuzzy")
            missing.append(message.id)
        elif not (all(message.string) if isinstance(message.string, tuple) else message.string):
            missing.append(message.id)
    with open(PO, "wb") as f:
        write_po(f, catalogue, width=100)
    for message_id in missing:
        print("untranslated:", message_id)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
