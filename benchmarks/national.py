"""The national data set: every region and municipality of Sweden at the scale of a shared
installation, in a PostgreSQL database of its own, for the served benchmark (serve.py).

    .venv/bin/python benchmarks/national.py [--database URL] [--rebuild] [--initiatives N]

The database (default `postgres://postgres@127.0.0.1:5432/pusselbit_national`, or
PUSSELBIT_NATIONAL_DATABASE_URL) is created when missing and migrated on every run, so a newer
schema works; the data set is built once, marked by the audit entry `benchmark.national_built`,
and skipped when that is there unless `--rebuild` (which drops and recreates the database).

What it holds, and how each part is written:

- Domain functions, as the pages and the demo write them (each call is milliseconds, and there
  are at most a few thousand): the reference data (21 regions, 290 municipalities, populations),
  the demo's three regions in full (`build_demo`), the same set-up for the other 18 regions
  (one user per role with memberships, operation areas, the user organisation, the workflow,
  the demo's six ideas walked through the stages with their meetings and follow-up: these are
  the initiatives with a full history), ten agreement years ÖK 2011–2020 with each region's
  funds per direction allocated (county-joint to the region, municipal per capita over the
  municipalities) and requisitioned, a reporting requirement per region and year (a partial
  one too for 2020), an action plan per region with goals and indicators and their values, and
  assignment documents.
- Bulk rows (national_rows.py), consistent with those: what is counted in tens of thousands,
  where a domain call per row (with its permission check, locks and audit entry) would take
  an hour — an initiating user per municipality, ~20 000 initiatives with directions, priority
  areas, participants, proposals, stage changes, recommendations and decisions with
  commitments and spending against the shares (never more than a share holds), the reports
  on the requirements with answers, the goals' linked initiatives, and ~560 000 audit entries
  on the initiatives (inserted by one INSERT … SELECT in PostgreSQL).

Everything is seeded: two builds give the same data set. Every user's password is printed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/pusselbit_national"
DATABASE_ENV = "PUSSELBIT_NATIONAL_DATABASE_URL"
MARKER = "benchmark.national_built"
PASSWORD = "pusselbit-benchmark"
COORDINATOR = "vastra-gotaland-lanssamordnare"
YEARS = range(2011, 2021)


def database_url(given: str | None = None) -> str:
    return given or os.environ.get(DATABASE_ENV) or DEFAULT_DATABASE


def ensure_database(url: str, *, rebuild: bool) -> None:
    """Create the database when missing (drop it first with `rebuild`)."""
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if rebuild:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str, settings: str = "pusselbit.settings") -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    # Mail the domain functions queue is dropped, and its tasks run at once (no worker here).
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.dummy.EmailBackend"
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    import django

    django.setup()


class Progress:
    def __init__(self):
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.start:6.1f} s] {message}", flush=True)


def built() -> bool:
    from pusselbit.core.models import AuditEntry

    return AuditEntry.objects.filter(action=MARKER).exists()


def build(
    *, initiatives: int = 20_000, regions: list[str] | None = None, years=YEARS, say=print
) -> dict:
    """Build the data set in the configured database; return the counts. `regions` (slugs,
    beside the demo's three) and `years` make a small build, for the test."""
    import national_rows
    import national_setup
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from pusselbit.accounts.models import User
    from pusselbit.core import audit
    from pusselbit.demo.builders import build_demo

    with transaction.atomic():
        build_demo(password=None)
        say("demo built (Blekinge, Dalarna, Västra Götaland)")
        chosen = national_setup.set_up_regions(regions)
        say(f"{len(chosen)} regions set up with users, workflow and walked ideas")
    with transaction.atomic():
        national_setup.build_funds(chosen, years)
        say("agreements, funds, allocations and requisitions")
        national_setup.build_requirements(chosen, years)
        plans = national_setup.build_plans(chosen)
        say("reporting requirements and action plans")
    with transaction.atomic():
        national_rows.build_rows(chosen, plans, years, initiatives=initiatives, say=say)
        national_setup.build_assignments(chosen, plans)
        # One hash for every account (hashing hundreds would take minutes).
        User.objects.update(password=make_password(PASSWORD))
        counts = national_rows.counts()
        audit.record(MARKER, actor=None, **counts)
    return counts


def analyse() -> None:
    """Fresh planner statistics: bulk rows (and a migration's new index) are not counted until
    autovacuum gets to them, and plans made on stale estimates are not what production sees."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help=f"default: ${DATABASE_ENV} or {DEFAULT_DATABASE}")
    parser.add_argument("--rebuild", action="store_true", help="drop the database and rebuild")
    parser.add_argument("--initiatives", type=int, default=20_000)
    parser.add_argument(
        "--regions", help="only these regions (comma-separated slugs) beside the demo's three"
    )
    args = parser.parse_args(argv)
    url = database_url(args.database)
    say = Progress()
    ensure_database(url, rebuild=args.rebuild)
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    say(f"database {url.rsplit('/', 1)[1]} migrated")
    if built():
        analyse()
        say("the national data set is there already (--rebuild to build it anew)")
        return 0
    regions = args.regions.split(",") if args.regions else None
    counts = build(initiatives=args.initiatives, regions=regions, say=say)
    analyse()
    say("built")
    for name, count in counts.items():
        print(f"  {name}: {count:,}".replace(",", " "))
    print(f"Sign in as {COORDINATOR} (any user) with the password {PASSWORD}")
    return 0


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A benchmark builds and reads every region's rows, outside any request's region scope
    # (pusselbit.core.scoping); the pages it times are served, and scoped, as any other.
    with scopes_disabled():
        sys.exit(main())
