"""The served benchmark: the national data set (national.py) served by gunicorn with DEBUG off,
every key page timed against a bare view behind the same middleware, in the same run.

    .venv/bin/python benchmarks/serve.py [--rounds 50] [--workers 2] [--database URL]

Signs in over HTTP as Västra Götaland's county coordinator, then runs interleaved rounds (the
bare view, then every key page, in a fixed order) after one warm-up round, and prints a
markdown table: page | queries | kB of HTML | p50 | p95 | p95 ÷ bare p95. The query count is
the served process's own (benchmarks.settings adds it as a response header). A page over 3×
the bare view's p95, or over 150 kB, is flagged. Exits non-zero when the server cannot be
reached or a page does not answer 200; gunicorn is stopped at the end either way.
"""

import argparse
import http.cookiejar
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import national  # noqa: E402

REGION = "vastra-gotaland"
LIMIT_RATIO = 3
LIMIT_KB = 150


def key_pages() -> list[tuple[str, str]]:
    """(name, path) of every key page for Västra Götaland, found in the data set."""
    from django.db.models import Count

    from pusselbit.assignments.models import Assignment
    from pusselbit.core.models import AuditEntry
    from pusselbit.funds.models import Agreement
    from pusselbit.initiatives.models import Initiative
    from pusselbit.organisations.models import Region
    from pusselbit.plans.models import ActionPlan, Goal

    region = Region.objects.get(slug=REGION)
    base = f"/regioner/{region.slug}"
    stage = region.workflow.stages.get(key="genomforande")
    goal = (
        Goal.objects.filter(plan__region=region)
        .annotate(linked=Count("initiatives"))
        .order_by("-linked", "pk")
        .first()
    )
    plan = ActionPlan.objects.filter(region=region).order_by("-first_year", "pk").first()
    ids = [str(pk) for pk in Initiative.objects.filter(region=region).values_list("pk", flat=True)]
    history = (
        AuditEntry.objects.filter(target_type__model="initiative", target_id__in=ids)
        .values("target_id")
        .annotate(entries=Count("pk"))
        .order_by("-entries", "target_id")
        .first()
    )
    agreement = Agreement.objects.filter(funds__region=region).order_by("-year").first()
    assert Assignment.objects.filter(region=region).exists()
    return [
        ("start page", "/"),
        ("pipeline (unfiltered)", f"{base}/satsningar/"),
        ("pipeline searching “suicid”", f"{base}/satsningar/?q=suicid"),
        (f"pipeline, stage {stage.name}", f"{base}/satsningar/?stage={stage.pk}"),
        ("action-plan goal page", f"{base}/handlingsplaner/mal/{goal.pk}/"),
        ("action plan", f"{base}/handlingsplaner/{plan.pk}/"),
        ("ledger", f"{base}/medel/huvudbok/"),
        ("reporting overview", f"{base}/redovisning/"),
        (
            f"initiative page ({history['entries']} audit entries)",
            f"{base}/satsningar/{history['target_id']}/",
        ),
        (f"agreement ({agreement.name})", f"{base}/medel/{agreement.pk}/"),
        ("funds overview", f"{base}/medel/"),
        ("requisitions", f"{base}/medel/rekvisitioner/"),
        ("municipalities", f"{base}/kommuner/"),
        ("assignment list", f"{base}/uppdrag/"),
        # Learning across regions: words and meaning combined (the model loaded once per
        # worker, the matrix of meanings read once and refreshed by what changed).
        ("search “ensamhet bland äldre”", f"{base}/sok/?q=ensamhet+bland+%C3%A4ldre"),
        (
            "similar initiatives (list)",
            f"{base}/satsningar/{history['target_id']}/liknande/?del=lista",
        ),
        # Insyn, the open data and the REST API: everyone's, cached by proxies in production,
        # timed here uncached.
        ("public: decided initiatives", f"/insyn/{region.slug}/satsningar/"),
        ("public: money", f"/insyn/{region.slug}/medel/"),
        ("open data: allocations (CSV)", f"/datasets/{region.slug}/fordelning.csv"),
        ("open data: catalogue (DCAT)", "/datasets/dcat"),
        ("API: initiatives, 100", f"/api/v1/regions/{region.slug}/initiatives?limit=100"),
        ("API: allocations, 100", f"/api/v1/regions/{region.slug}/allocations?limit=100"),
    ]


class Browser:
    """A signed-in HTTP client: cookies kept, no redirects followed silently on sign-in."""

    def __init__(self, origin: str):
        self.origin = origin
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str):
        start = time.perf_counter()
        try:
            with self.opener.open(self.origin + path, timeout=120) as response:
                body = response.read()
                seconds = time.perf_counter() - start
                return response.status, body, seconds, response.headers.get("X-Query-Count")
        except urllib.error.HTTPError as error:
            return error.code, b"", time.perf_counter() - start, None

    def sign_in(self, username: str, password: str) -> None:
        _status, body, _s, _q = self.get("/konto/logga-in/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1, made here)
            self.origin + "/konto/logga-in/", data=data, headers={"Referer": self.origin + "/"}
        )
        with self.opener.open(request, timeout=60) as response:
            if "/konto/logga-in/" in response.url:
                raise SystemExit(f"sign-in as {username} was refused")


def wait_for(origin: str, server: subprocess.Popen, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            urllib.request.urlopen(origin + "/konto/logga-in/", timeout=5).read()  # noqa: S310
            return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    return False


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(browser: Browser, pages, rounds: int):
    bare = ("bare view", "/benchmark/bare/")
    everything = [bare, *pages]
    times = {path: [] for _name, path in everything}
    facts = {}
    for round_number in range(rounds + 1):  # the first round warms up and is not counted
        for _name, path in everything:
            status, body, seconds, queries = browser.get(path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            if round_number:
                times[path].append(seconds)
            facts[path] = (queries, len(body))
        if round_number and round_number % 10 == 0:
            print(f"  {round_number} of {rounds} rounds", file=sys.stderr, flush=True)
    return bare, times, facts


def table(bare, pages, times, facts, rounds: int) -> tuple[str, list[str]]:
    bare_p95 = percentile(times[bare[1]], 0.95)
    lines = [
        "| page | queries | kB of HTML | p50 | p95 | p95 ÷ bare p95 |",
        "|---|---|---|---|---|---|",
    ]
    flagged = []
    for name, path in pages:
        p50, p95 = statistics.median(times[path]), percentile(times[path], 0.95)
        queries, size = facts[path]
        ratio = p95 / bare_p95
        flags = []
        if ratio > LIMIT_RATIO:
            flags.append(f"over {LIMIT_RATIO}×")
        if size / 1024 > LIMIT_KB:
            flags.append(f"over {LIMIT_KB} kB")
        if flags:
            flagged.append(f"{name}: {', '.join(flags)}")
        mark = " ⚠" if flags else ""
        lines.append(
            f"| {name}{mark} | {queries} | {size / 1024:.0f} | {ms(p50)} | {ms(p95)} | "
            f"{ratio:.1f}× |"
        )
    lines.append("")
    lines.append(
        f"Bare view (same middleware): p50 {ms(statistics.median(times[bare[1]]))}, "
        f"p95 {ms(bare_p95)}, {facts[bare[1]][0]} queries; {rounds} interleaved rounds."
    )
    return "\n".join(lines), flagged


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", help=f"default: ${national.DATABASE_ENV} or the default")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    url = national.database_url(args.database)
    national.setup_django(url, settings="benchmarks.settings")
    if not national.built():
        print(f"No national data set in {url}: run benchmarks/national.py first.", file=sys.stderr)
        return 2
    pages = key_pages()
    origin = f"http://127.0.0.1:{args.port}"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "0",
        "PORT": str(args.port),
    }
    server = subprocess.Popen(  # noqa: S603 (a fixed command line)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "pusselbit.wsgi:application",
            "--chdir",
            str(REPO),
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ],
        env=environment,
        cwd=REPO,
    )
    try:
        if not wait_for(origin, server):
            print(f"The server at {origin} could not be reached.", file=sys.stderr)
            return 1
        browser = Browser(origin)
        browser.sign_in(national.COORDINATOR, national.PASSWORD)
        print(
            f"Served by gunicorn ({args.workers} workers, DEBUG off), signed in as "
            f"{national.COORDINATOR}; {args.rounds} rounds of {len(pages) + 1} requests…",
            flush=True,
        )
        bare, times, facts = measure(browser, pages, args.rounds)
        text, flagged = table(bare, pages, times, facts, args.rounds)
        print()
        print(text)
        if flagged:
            print(f"\nOver target ({LIMIT_RATIO}× the bare view's p95 or {LIMIT_KB} kB):")
            for line in flagged:
                print(f"- {line}")
        return 0
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    from django_scopes import scopes_disabled

    # A benchmark builds and reads every region's rows, outside any request's region scope
    # (pusselbit.core.scoping); the pages it times are served, and scoped, as any other.
    with scopes_disabled():
        sys.exit(main())
