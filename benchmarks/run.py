"""Timings of Pusselbit's hot paths, outside the test run: `.venv/bin/python benchmarks/run.py`
(or only some of them, by name: `.venv/bin/python benchmarks/run.py compiled_report`).

Each benchmark is a small function that returns one line; BENCHMARKS lists them in the order
they run. The figures are medians of repeated runs, timed with time.perf_counter.
"""

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from pusselbit.funds.engine import allocate  # noqa: E402


def median_seconds(work: Callable[[], object], runs: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def setup_django() -> None:
    """For benchmarks that need the database or templates (call it first); the engine does not."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pusselbit.settings")
    import django

    django.setup()


def populations(count: int, seed: int) -> list[tuple[str, Decimal]]:
    """Municipality-like weights: 2 000 to 1 000 000 inhabitants, the same on every run."""
    rng = random.Random(seed)
    return [(f"{i:04d}", Decimal(rng.randint(2_000, 1_000_000))) for i in range(count)]


def allocate_290_recipients() -> str:
    # Sweden's 290 municipalities; a stimulus total in öre.
    weights = populations(290, seed=290)
    runs = 1000
    seconds = median_seconds(
        lambda: allocate(Decimal("123456789.01"), weights, unit="ore"), runs=runs
    )
    return f"allocate 290 recipients: {seconds * 1000:.2f} ms (median of {runs})"


def allocate_100000_recipients() -> str:
    weights = populations(100_000, seed=100_000)
    runs = 7
    seconds = median_seconds(
        lambda: allocate(Decimal("123456789.01"), weights, unit="ore"), runs=runs
    )
    return f"allocate 100 000 recipients: {seconds:.2f} s (median of {runs})"


# ---------------------------------------------------------------------------------------------
# The benchmarks, in the order they run. Add new ones here: a function that returns one line
# (a ledger page render goes here; it calls setup_django() first).
# ---------------------------------------------------------------------------------------------
def ledger_page() -> str:
    """The region's ledger with 10 agreement years and 2 000 decided initiatives."""
    import ledger

    ledger.prepare_environment()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, url, add_initiatives = ledger.build(years=10)

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            get()
        return len(queries)

    add_initiatives(1)
    with_one = count_queries()
    add_initiatives(1999)
    with_2000 = count_queries()
    runs = 20
    seconds = median_seconds(get, runs=runs, warmup=2)
    return (
        f"ledger page, 10 agreement years, 2 000 decided initiatives: {seconds * 1000:.0f} ms "
        f"(median of {runs}); {with_2000} queries (with 1 initiative: {with_one})"
    )


def _assignment_download(name: str):
    """A signed-in client and the address of the samsjuklighet assignment (VG 2020 seed) as
    document `name`, in the benchmarks' own database with the demo (built once)."""
    import ledger
    from django.apps import apps

    if not apps.ready:
        ledger.prepare_environment()
        setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from pusselbit.accounts.models import User
    from pusselbit.assignments.models import Assignment
    from pusselbit.demo.builders import build_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    build_demo()
    assignment = Assignment.objects.get(
        region__slug="vastra-gotaland",
        title="Koordinatörer för samverkan kring personer med samsjuklighet",
    )
    client = Client()
    client.force_login(User.objects.get(username="vastra-gotaland-lanssamordnare"))
    # assignment_pdf → assignments:document_pdf, the download of the assignment document.
    view = name.replace("assignment_", "assignments:document_")
    return client, reverse(view, args=["vastra-gotaland", assignment.pk])


def _time_download(name: str, runs: int) -> tuple[float, int]:
    client, url = _assignment_download(name)
    size = 0

    def get():
        nonlocal size
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        size = len(response.content)

    return median_seconds(get, runs=runs, warmup=2), size


def assignment_pdf() -> str:
    """The samsjuklighet assignment document (4 pages) as tagged PDF: the whole request."""
    runs = 15
    seconds, size = _time_download("assignment_pdf", runs)
    return (
        f"assignment document as PDF/UA (4 pages, {size // 1024} kB): {seconds * 1000:.0f} ms "
        f"(median of {runs})"
    )


def assignment_docx() -> str:
    """The same assignment document as Word (.docx): the whole request."""
    runs = 30
    seconds, size = _time_download("assignment_docx", runs)
    return (
        f"assignment document as Word ({size // 1024} kB): {seconds * 1000:.0f} ms "
        f"(median of {runs})"
    )


def compiled_report() -> str:
    """The county report for 290 recipients × 40 questions, as .xlsx and as .docx."""
    import ledger
    import reporting

    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        ledger.prepare_environment()
        setup_django()
        ledger.build(years=1)
    from pusselbit.documents.word import render_docx
    from pusselbit.reporting.county_report import compiled_document, compiled_xlsx

    requirement = reporting.build_requirement(recipients=290, questions=40)
    recipients = requirement.recipients.count()
    overview = _overview_line(requirement)
    xlsx = median_seconds(lambda: compiled_xlsx(requirement), runs=3)
    word = median_seconds(lambda: render_docx(compiled_document(requirement)), runs=3)
    return (
        f"compiled county report, {recipients} recipients × 40 questions: "
        f".xlsx {xlsx:.2f} s, .docx {word:.2f} s (median of 3)\n{_job_line(requirement)}\n"
        f"{overview}"
    )


def _job_line(requirement) -> str:
    """The whole job the page follows: gather, .xlsx, .docx and the PDF, as the worker runs it."""
    import time

    from pusselbit.reporting.domain.compilations import run_compilation
    from pusselbit.reporting.models import Compilation

    compilation = Compilation.objects.create(requirement=requirement)
    start = time.perf_counter()
    status = run_compilation(compilation.pk)
    seconds = time.perf_counter() - start
    pdf_size = Compilation.objects.values_list("pdf_size", flat=True).get(pk=compilation.pk)
    size = (pdf_size or 0) // 1024
    return f"compilation job (all three files, PDF {size} kB): {seconds:.1f} s, {status} (one run)"


def _overview_line(requirement) -> str:
    """The reporting overview for the coordinator, with the requirement's 290 recipients."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pusselbit.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="dalarna-lanssamordnare"))
    url = "/regioner/dalarna/redovisning/"

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    seconds = median_seconds(get, runs=20, warmup=2)
    with CaptureQueriesContext(connection) as queries:
        get()
    return (
        f"reporting overview, {requirement.recipients.count()} recipients: "
        f"{seconds * 1000:.0f} ms (median of 20), {len(queries)} queries"
    )


BENCHMARKS: list[Callable[[], str]] = [
    allocate_290_recipients,
    allocate_100000_recipients,
    ledger_page,
    assignment_pdf,
    assignment_docx,
    compiled_report,
]


def main(names: list[str]) -> None:
    """Every benchmark, or those named: `benchmarks/run.py compiled_report`."""
    unknown = set(names) - {benchmark.__name__ for benchmark in BENCHMARKS}
    if unknown:
        sys.exit(f"unknown benchmarks: {', '.join(sorted(unknown))}")
    for benchmark in BENCHMARKS:
        if not names or benchmark.__name__ in names:
            print(benchmark(), flush=True)


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A benchmark builds and reads every region's rows, outside any request's region scope
    # (pusselbit.core.scoping); the pages it times are served, and scoped, as any other.
    with scopes_disabled():
        main(sys.argv[1:])
