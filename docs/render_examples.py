"""Render the demo's two seed assignment documents (VG 2018 and 2020) to PDF, and each page to
a greyscale PNG in this folder, as docs/README.md describes:

    .venv/bin/python docs/render_examples.py

The demo is built in a database of its own (a temporary SQLite file, removed afterwards), so
the installation's database is never touched. Needs Poppler's pdftoppm (Debian: poppler-utils).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
EXAMPLES = [
    ("Statsbidrag för att stärka brukarsamverkan", "assignment-brukarsamverkan-2018"),
    (
        "Koordinatörer för samverkan kring personer med samsjuklighet",
        "assignment-samsjuklighet-2020",
    ),
]
RESOLUTION = "80"  # dots per inch: an A4 page becomes 661 × 935 pixels


def main() -> None:
    pdftoppm = shutil.which("pdftoppm")
    if not pdftoppm:
        sys.exit("pdftoppm is missing: install Poppler (Debian: apt-get install poppler-utils).")
    folder = Path(tempfile.mkdtemp(prefix="pusselbit-docs-"))
    try:
        render(folder, pdftoppm)
    finally:
        shutil.rmtree(folder)


def render(folder: Path, pdftoppm: str) -> None:
    os.environ["PUSSELBIT_VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/docs.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "pusselbit.settings"
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from PIL import Image
    from pypdf import PdfReader

    from pusselbit.assignments.document import assignment_document
    from pusselbit.assignments.models import Assignment
    from pusselbit.assignments.views.downloads import TEMPLATE, assignment_with_parts
    from pusselbit.core.scoping import scopes_disabled
    from pusselbit.demo.builders import build_demo
    from pusselbit.documents.pdf import render_pdf

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    build_demo()
    for title, stem in EXAMPLES:
        # A script for every region's documents, outside any request's region scope.
        with scopes_disabled():
            assignment = Assignment.objects.get(region__slug="vastra-gotaland", title=title)
            document = assignment_document(assignment_with_parts(assignment.region, assignment.pk))
        pdf = folder / f"{stem}.pdf"
        pdf.write_bytes(render_pdf(document, TEMPLATE))
        pages = len(PdfReader(pdf).pages)
        for number in range(1, pages + 1):
            png = DOCS / f"{stem}-p{number}"
            subprocess.run(  # noqa: S603 -- our own file names and numbers
                [pdftoppm, "-png", "-r", RESOLUTION, "-f", str(number), "-l", str(number)]
                + ["-singlefile", str(pdf), str(png)],
                check=True,
            )
            # The documents are black on white: greyscale keeps the files a third the size.
            path = png.with_suffix(".png")
            Image.open(path).convert("L").save(path, optimize=True)
            print(f"{png.relative_to(REPO)}.png (page {number} of {pages})")


if __name__ == "__main__":
    main()
