"""Throughput of one web process against two: the national data set (national.py) served by
`pusselbit serve` (gunicorn with the repository's configuration, sessions and cache in Redis as
in production), first with one process, then with two, each loaded for the same time by the
same number of signed-in clients asking for a key page and the bare view in turn.

    .venv/bin/python benchmarks/scale.py [--seconds 20] [--clients 6] [--database URL]

Prints requests per second for each page with one and two processes and their ratio, in one
run. On this two-core machine the clients, PostgreSQL and Redis share the cores with the web
processes, so the ratio is what two processes gain here, not on a machine of their own.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import national  # noqa: E402
from serve import REGION, Browser, wait_for  # noqa: E402

PAGES = [
    ("bare view", "/benchmark/bare/"),
    ("pipeline (unfiltered)", f"/regioner/{REGION}/satsningar/"),
    ("initiative search “suicid”", f"/regioner/{REGION}/satsningar/?q=suicid"),
]


def load(origin: str, clients: int, seconds: float, path: str) -> float:
    """Requests per second answered 200 by `clients` signed-in clients asking for `path`."""
    browsers = []
    for _ in range(clients):
        browser = Browser(origin)
        browser.sign_in(national.COORDINATOR, national.PASSWORD)
        browser.get(path)  # warm: the process has its caches and connections
        browsers.append(browser)
    done = [0] * clients
    failed = []
    stop = time.monotonic() + seconds

    def run(index: int) -> None:
        while time.monotonic() < stop:
            status, _body, _s, _q = browsers[index].get(path)
            if status == 200:
                done[index] += 1
            else:
                failed.append(status)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed:
        raise SystemExit(f"{path}: {len(failed)} requests failed ({sorted(set(failed))})")
    return sum(done) / (time.monotonic() - started)


def served(url: str, port: int, workers: int) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DEBUG": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2"),
        "LOG_LEVEL": "warning",
        "PUSSELBIT_REQUEST_LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(  # noqa: S603 (a fixed command line)
        [sys.executable, "-m", "pusselbit", "serve", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers)],
        env=environment,
        cwd=REPO,
        stderr=None if os.environ.get("SCALE_DEBUG") else subprocess.DEVNULL,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--database", help=f"default: ${national.DATABASE_ENV} or the default")
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args(argv)
    url = national.database_url(args.database)
    national.setup_django(url, settings="benchmarks.settings")
    if not national.built():
        print(f"No national data set in {url}: run benchmarks/national.py first.", file=sys.stderr)
        return 2
    origin = f"http://127.0.0.1:{args.port}"
    rates = {}
    for workers in (1, 2):
        server = served(url, args.port, workers)
        try:
            if not wait_for(origin, server):
                print(f"The server at {origin} could not be reached.", file=sys.stderr)
                return 1
            for name, path in PAGES:
                rates[name, workers] = load(origin, args.clients, args.seconds, path)
                print(
                    f"  {workers} process(es), {name}: {rates[name, workers]:.1f} req/s",
                    file=sys.stderr,
                    flush=True,
                )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    print(
        f"\n`pusselbit serve`, {args.clients} signed-in clients, {args.seconds:.0f} s per page "
        f"and process count, {os.cpu_count()} cores shared with the clients and the databases\n"
    )
    print("| page | 1 process, req/s | 2 processes, req/s | ratio |")
    print("|---|---:|---:|---:|")
    for name, _path in PAGES:
        one, two = rates[name, 1], rates[name, 2]
        print(f"| {name} | {one:.1f} | {two:.1f} | {two / one:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
