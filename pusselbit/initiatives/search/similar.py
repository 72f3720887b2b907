"""Initiatives compared by meaning: every stored vector (SearchText.embedding) in one NumPy
matrix per process, and a query compared with all of them at once. A brute-force comparison is
exact and, at 20 000 initiatives of 384 numbers each, a matrix product of a few milliseconds
(benchmarks/search.py measures it); an approximate index would only pay off far beyond that.

The matrix is read once and then kept current by reading only the rows changed since: a
comparison asks the database how many vectors there are and when the last one changed (one
query, of a scan's cost at 20 000 rows), at most once every PUSSELBIT_SIMILAR_RECHECK_SECONDS,
and at once after this process embedded something (`forget`); a row removed makes it read the
whole again. Another process's change is seen within those seconds."""

import threading
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max

from pusselbit.core import embeddings
from pusselbit.core.scoping import scopes_disabled

from ..models import SearchText


@dataclass(frozen=True)
class Allowed:
    """Which initiatives a comparison may return: every one of `regions`, and `ids` anywhere
    (the caller's access: its own regions' initiatives and the others' public ones)."""

    regions: frozenset = frozenset()
    ids: frozenset = frozenset()
    # Every initiative: the caller checks access in the database for the few it gets back.
    anywhere: bool = False


ANYWHERE = Allowed(anywhere=True)


@dataclass
class Neighbour:
    pk: int
    region_id: int
    score: float


@dataclass
class _Matrix:
    stamp: tuple = (None, 0)
    ids: object = None
    regions: object = None
    vectors: object = None
    position: dict = field(default_factory=dict)


_lock = threading.Lock()
_cached = _Matrix()
_checked_at = 0.0


def forget() -> None:
    """Makes the next comparison ask the database again (this process changed a vector)."""
    global _checked_at
    _checked_at = 0.0


def _stamp() -> tuple:
    found = SearchText.objects.filter(embedding__isnull=False).aggregate(
        latest=Max("updated_at"), count=Count("pk")
    )
    return found["latest"], found["count"]


def _rows(since=None):
    rows = SearchText.objects.filter(embedding__isnull=False)
    if since is not None:
        rows = rows.filter(updated_at__gte=since)
    return rows.values_list("pk", "region_id", "embedding")


def _build(rows, stamp) -> _Matrix:
    # Imported here: NumPy comes with the optional model package.
    import numpy

    rows = list(rows)
    matrix = _Matrix(stamp=stamp)
    matrix.ids = numpy.array([pk for pk, _, _ in rows], dtype=numpy.int64)
    matrix.regions = numpy.array([region for _, region, _ in rows], dtype=numpy.int64)
    matrix.vectors = numpy.frombuffer(
        b"".join(bytes(vector) for _, _, vector in rows), dtype="<f4"
    ).reshape(len(rows), embeddings.DIMENSIONS)
    matrix.position = {pk: index for index, pk in enumerate(matrix.ids.tolist())}
    return matrix


def _merged(old: _Matrix, changed: list, stamp) -> _Matrix | None:
    """`old` with the changed rows replaced or added, or None when the counts do not add up
    (a row was removed: read everything again)."""
    known = {pk: (region, vector) for pk, region, vector in changed}
    new = [pk for pk in known if pk not in old.position]
    if len(old.position) + len(new) != stamp[1]:
        return None
    keep = [
        (pk, int(region), old.vectors[index].tobytes())
        for index, (pk, region) in enumerate(zip(old.ids.tolist(), old.regions, strict=True))
        if pk not in known
    ]
    return _build(keep + [(pk, *known[pk]) for pk in known], stamp)


# The matrix is every region's, shared by the process's requests, so it is read outside the
# request's region scope; what a caller may see is `Allowed`'s to say.
@scopes_disabled()
def matrix() -> _Matrix:
    global _cached, _checked_at
    current = _cached
    recheck = settings.PUSSELBIT_SIMILAR_RECHECK_SECONDS
    if current.ids is not None and time.monotonic() - _checked_at < recheck:
        return current
    stamp = _stamp()
    _checked_at = time.monotonic()
    with _lock:
        current = _cached
        if current.stamp == stamp and current.ids is not None:
            return current
        fresh = None
        if current.ids is not None and current.stamp[0] and stamp[0]:
            fresh = _merged(current, list(_rows(since=current.stamp[0])), stamp)
        _cached = fresh or _build(_rows(), stamp)
        return _cached


def nearest(vector, allowed: Allowed, *, limit: int = 5, exclude=(), floor=None):
    """The `limit` allowed initiatives whose meaning is closest to `vector`, closest first,
    with their cosine similarity (at least `floor`, when given)."""
    # Imported here: NumPy comes with the optional model package.
    import numpy

    found = matrix()
    if found.ids is None or not len(found.ids):
        return []
    if allowed.anywhere:
        mask = numpy.ones(len(found.ids), dtype=bool)
    else:
        mask = numpy.isin(found.regions, list(allowed.regions))
    if allowed.ids:
        mask |= numpy.isin(found.ids, numpy.fromiter(allowed.ids, dtype=numpy.int64))
    if exclude:
        mask &= ~numpy.isin(found.ids, list(exclude))
    scores = found.vectors @ vector
    scores = numpy.where(mask, scores, -numpy.inf)
    count = min(limit, int(mask.sum()))
    if count <= 0:
        return []
    best = numpy.argpartition(-scores, count - 1)[:count]
    best = best[numpy.argsort(-scores[best], kind="stable")]
    return [
        Neighbour(int(found.ids[i]), int(found.regions[i]), float(scores[i]))
        for i in best
        if floor is None or scores[i] >= floor
    ]


@scopes_disabled()
def vector_of(pk: int):
    """The stored meaning of one initiative, or None when it is not embedded (yet)."""
    stored = SearchText.objects.filter(pk=pk).values_list("embedding", flat=True).first()
    return embeddings.as_vector(bytes(stored)) if stored is not None else None
