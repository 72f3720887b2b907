"""The search's quality and speed: recall@5 on the labelled queries, time per query at national
scale, and the time to embed a new initiative.

    .venv/bin/python benchmarks/search.py [--database URL] [--quality-database URL]

1. Quality, on the demo (with its library of past initiatives), built afresh in a PostgreSQL
   database of its own (`pusselbit_search_quality`, or --quality-database): for each labelled
   query of benchmarks/search_queries.py, the first five distinct titles that the full-text
   search, the comparison by meaning and the two combined (learning.ranking.search) return
   over every initiative of the demo, and the share of the query's expected titles among them
   (recall@5), averaged over the queries. The demo has the same six ideas in each of its three
   regions beside its library of 24 past initiatives (pusselbit/demo/library.py), so results
   are counted by title.
2. Speed, on the national data set (benchmarks/national.py; 20 000 initiatives): the search
   texts and meanings of every initiative made first when missing (timed), then each labelled
   query run over all of them by each method, warm, its median and 95th percentile printed, and
   the similar initiatives of one initiative.
3. Embedding one new initiative's text, median of 20.

The model must be installed (`pip install -e '.[similar]'`, as `make install` does)."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import national  # noqa: E402  (the data set's database helpers)

QUALITY_DATABASE = "postgres://postgres@127.0.0.1:5432/pusselbit_search_quality"
TOP = 5
NEW_IDEA = (
    "Träffpunkter för äldre som sitter ensamma hemma\n"
    "Allt fler äldre i kommunen lever ensamma och har få sociala kontakter, vilket ökar risken "
    "för nedstämdhet och depression. Vi vill starta träffpunkter på biblioteken där äldre kan "
    "mötas, fika och delta i samtalsgrupper ledda av anhörigkonsulenter och frivilliga."
)


def _distinct_titles(pks, titles, limit=TOP) -> list[str]:
    found = []
    for pk in pks:
        title = titles[pk]
        if title not in found:
            found.append(title)
        if len(found) == limit:
            break
    return found


def _methods():
    from pusselbit.core import embeddings
    from pusselbit.initiatives.models import Initiative
    from pusselbit.initiatives.search import fulltext, similar
    from pusselbit.learning import ranking

    everything = Initiative.objects.all()
    regions = frozenset(everything.values_list("region_id", flat=True).distinct())
    allowed = similar.Allowed(regions=regions)

    def words(text):
        return [hit.pk for hit in fulltext.ranked(everything, text, limit=ranking.CANDIDATES)]

    def meaning(text):
        found = similar.nearest(embeddings.query(text), allowed, limit=ranking.CANDIDATES)
        return [hit.pk for hit in found]

    def combined(text):
        return [hit.pk for hit in ranking.search(everything, text)]

    return {"full text": words, "meaning": meaning, "combined": combined}


def quality(url: str) -> None:
    from django.core.management import call_command
    from search_queries import QUERIES

    from pusselbit.core.scoping import scopes_disabled
    from pusselbit.demo.builders import build_demo
    from pusselbit.initiatives.models import Initiative

    call_command("migrate", verbosity=0)
    with scopes_disabled():
        started = time.perf_counter()
        build_demo(password=None)
        print(f"demo built in {time.perf_counter() - started:.1f} s ({url})")
        titles = dict(Initiative.objects.values_list("pk", "title"))
        missing = {t for _, expected in QUERIES for t in expected} - set(titles.values())
        assert not missing, f"labelled titles missing from the demo: {sorted(missing)}"
        print(
            f"{len(QUERIES)} labelled queries over {len(titles)} initiatives "
            f"({len(set(titles.values()))} distinct titles)\n"
        )
        print(f"{'method':<10} {'recall@5':>9} {'all found':>10} {'ms/query':>9}")
        misses = {}
        for name, method in _methods().items():
            recalls, times, complete = [], [], 0
            misses[name] = []
            for text, expected in QUERIES:
                started = time.perf_counter()
                top = _distinct_titles(method(text), titles)
                times.append((time.perf_counter() - started) * 1000)
                hit = len(set(expected) & set(top)) / len(expected)
                recalls.append(hit)
                complete += hit == 1
                if hit < 1:
                    misses[name].append((text, expected, top))
            print(
                f"{name:<10} {statistics.mean(recalls):>9.3f} "
                f"{complete:>5}/{len(QUERIES):<4} {statistics.median(times):>9.1f}"
            )
        print("\nCombined search, queries not fully answered in the first five:")
        for text, expected, top in misses["combined"]:
            print(f"  {text!r}: wanted {expected}, got {top}")


def speed(url: str) -> None:
    from search_queries import QUERIES

    from pusselbit.core import embeddings
    from pusselbit.core.scoping import scopes_disabled
    from pusselbit.initiatives.models import Initiative, SearchText
    from pusselbit.initiatives.search import similar
    from pusselbit.initiatives.search.index import refresh_missing
    from pusselbit.initiatives.search.tasks import embed_rows

    with scopes_disabled():
        count = Initiative.objects.count()
        started = time.perf_counter()
        indexed = refresh_missing()
        if indexed:
            print(f"{indexed} search texts made in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        embedded = embed_rows()
        if embedded:
            seconds = time.perf_counter() - started
            print(f"{embedded} meanings embedded in {seconds:.0f} s ({embedded / seconds:.0f}/s)")
        national.analyse()
        vectors = SearchText.objects.filter(embedding__isnull=False).count()
        print(f"\n{count} initiatives, {vectors} with their meaning embedded ({url})")
        started = time.perf_counter()
        similar.matrix()
        print(
            f"the matrix read into memory once per process: {time.perf_counter() - started:.2f} s"
        )
        print(
            f"\n{'method':<10} {'median ms':>10} {'p95 ms':>8}   (each of {len(QUERIES)} queries)"
        )
        for name, method in _methods().items():
            for text, _ in QUERIES[:3]:
                method(text)  # warm
            times = []
            for text, _ in QUERIES:
                started = time.perf_counter()
                method(text)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"{name:<10} {statistics.median(times):>10.1f} {p95:>8.1f}")
        one = Initiative.objects.order_by("pk").first()
        times = []
        for _ in range(20):
            started = time.perf_counter()
            vector = similar.vector_of(one.pk)
            similar.nearest(vector, similar.Allowed(regions=frozenset([one.region_id])), limit=5)
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{'similar':<10} {statistics.median(times):>10.1f}   (one initiative's five nearest)"
        )
    times = []
    for _ in range(20):
        started = time.perf_counter()
        embeddings.passage(NEW_IDEA)
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"\nembedding a new initiative ({len(NEW_IDEA)} characters): "
        f"median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="the national data set (benchmarks/national.py)")
    parser.add_argument("--quality-database", default=QUALITY_DATABASE)
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("PUSSELBIT_SIMILAR_SEARCH", "1")
    # The quality database is built anew each run; Django is set up for it first, then the
    # connection is pointed at the national data set for the timings.
    national.ensure_database(args.quality_database, rebuild=True)
    national.setup_django(args.quality_database)
    from django.conf import settings
    from django.db import connections

    from pusselbit.core import embeddings

    if not embeddings.available():
        sys.exit("The model is not installed: pip install -e '.[similar]'")
    if not args.skip_quality:
        quality(args.quality_database)
    if args.skip_speed:
        return
    url = national.database_url(args.database)
    connections["default"].close()
    import dj_database_url

    settings.DATABASES["default"].update(dj_database_url.parse(url))
    connections["default"].settings_dict.update(dj_database_url.parse(url))
    if not national.built():
        sys.exit(f"No national data set in {url}: run benchmarks/national.py first.")
    print()
    speed(url)


if __name__ == "__main__":
    main()
