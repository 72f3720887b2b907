"""Search by words and by meaning, combined, within what the asker may see.

The full-text search (initiatives.search.fulltext) finds the initiatives that share the
query's words, in any inflection; the comparison by meaning (initiatives.search.similar) finds
those that say the same in other words ("pensionärer som sitter ensamma hemma" and "ensamhet
bland äldre"). The two lists are merged by reciprocal rank fusion: each initiative scores
1/(K + its place) in each list it is in, so one found high by both ranks first and one found by
either still ranks, with no need to make a cosine and a ts_rank comparable. Without the model
(core.embeddings.available() is False) the result is the full-text list alone.

Only public content crosses a region's border: the asker's own regions' initiatives, and the
published ones of every other region (public.publishing.published_anywhere)."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pusselbit.accounts.rules import roles_by_region
from pusselbit.core import embeddings
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.models import Initiative, SearchText
from pusselbit.initiatives.search import fulltext, index, similar
from pusselbit.public.publishing import published_anywhere

# Reciprocal rank fusion's constant (60 in the paper that introduced it; the labelled queries
# in benchmarks/search.py were measured with it) and how many of each list take part.
K = 60
CANDIDATES = 50
# The closest in meaning over every region, before the asker's access is checked in the
# database. At national scale one region holds a twentieth of the initiatives, so its own best
# twenty or so are among these; asking access of more costs a millisecond per hundred
# (benchmarks/search.py).
POOL = 400
# Below this cosine, multilingual-e5-small calls almost any two Swedish texts about health
# "similar"; above it they share a subject (measured on the labelled queries).
SEARCH_FLOOR = 0.80
SIMILAR_FLOOR = 0.86
# A text being written is compared as a query (E5's "query:" side) with the stored passages,
# whose cosines run lower than between two passages.
TEXT_FLOOR = 0.83
SUGGESTIONS = 5


@dataclass
class Found:
    pk: int
    score: float
    by_words: bool
    by_meaning: bool


def _within(found, allowed, limit: int) -> list:
    """The first `limit` of `found` (best first) among `allowed` (a queryset of Initiative),
    asked of the database for those few: the comparison ran over every initiative, and access
    is the database's to say, not a list of every id the asker may see read for each query."""
    keep = set(allowed.filter(pk__in=[hit.pk for hit in found]).values_list("pk", flat=True))
    return [hit for hit in found if hit.pk in keep][:limit]


def _visible_to(found, user, limit: int) -> list[similar.Neighbour]:
    """Of `found`, those `user` may see: their regions' initiatives and every region's
    published ones (only public content crosses a region's border)."""
    own = set(roles_by_region(user))
    others = [hit for hit in found if hit.region_id not in own]
    with scopes_disabled():
        public = set(
            published_anywhere()
            .filter(pk__in=[hit.pk for hit in others])
            .values_list("pk", flat=True)
        )
    return [hit for hit in found if hit.region_id in own or hit.pk in public][:limit]


def search(scope, text: str, *, limit: int = CANDIDATES, public: bool = False) -> list[Found]:
    """The initiatives of `scope` (a queryset of Initiative the asker may see) that match
    `text` by words or by meaning, best first. `public`: by their public texts only (a search
    across regions; the meanings are made of public texts alone, initiatives.search.index)."""
    text = text.strip()
    if not text:
        return []
    by_meaning = []
    if embeddings.available():
        # The query's meaning is computed on another thread while the database ranks the
        # words (the model and the database both release the GIL): the two take about as
        # long, so a search takes the longer of them, not their sum. The thread touches no
        # database connection.
        with ThreadPoolExecutor(max_workers=1) as meaning:
            vector = meaning.submit(embeddings.query, text)
            by_words = fulltext.ranked(scope, text, limit=CANDIDATES, public=public)
            nearest = similar.nearest(
                vector.result(), similar.ANYWHERE, limit=POOL, floor=SEARCH_FLOOR
            )
        by_meaning = _within(nearest, scope, CANDIDATES)
    else:
        by_words = fulltext.ranked(scope, text, limit=CANDIDATES, public=public)
    found: dict[int, Found] = {}
    for place, hit in enumerate(by_words):
        found[hit.pk] = Found(hit.pk, 1 / (K + place), True, False)
    for place, hit in enumerate(by_meaning):
        entry = found.setdefault(hit.pk, Found(hit.pk, 0.0, False, True))
        entry.score += 1 / (K + place)
        entry.by_meaning = True
    ranked = sorted(found.values(), key=lambda entry: (-entry.score, -entry.pk))
    return ranked[:limit]


def similar_to(initiative, user, *, limit: int = SUGGESTIONS) -> list[similar.Neighbour]:
    """The initiatives closest in meaning to `initiative` that `user` may see, itself left out
    (empty when the model is off)."""
    if not embeddings.available():
        return []
    vector = similar.vector_of(initiative.pk)
    if vector is None:
        # Not embedded yet (the worker has not come to it): embed it now, it takes a moment.
        with scopes_disabled():
            row = SearchText.objects.filter(pk=initiative.pk).first()
        if row is None:
            return []
        vector = embeddings.as_vector(embeddings.passage(index.meaning(row)))
    nearest = similar.nearest(
        vector, similar.ANYWHERE, limit=POOL, exclude=[initiative.pk], floor=SIMILAR_FLOOR
    )
    return _visible_to(nearest, user, limit)


def similar_to_text(text: str, user, *, limit: int = SUGGESTIONS) -> list[similar.Neighbour]:
    """The initiatives closest in meaning to a text being written (a new idea), for `user`."""
    text = text.strip()
    if not embeddings.available() or len(text) < 10:
        return []
    vector = embeddings.query(text)
    nearest = similar.nearest(vector, similar.ANYWHERE, limit=POOL, floor=TEXT_FLOOR)
    return _visible_to(nearest, user, limit)


@dataclass
class Shown:
    """One initiative as a list of similar ones shows it: where it is and where to read it."""

    pk: int
    title: str
    region: object
    own: bool  # in one of the asker's regions: linked to its page there, else to the public one
    score: float


def shown(neighbours, user) -> list[Shown]:
    own = set(roles_by_region(user))
    with scopes_disabled():
        rows = Initiative.objects.filter(pk__in=[n.pk for n in neighbours]).select_related("region")
        by_pk = {row.pk: row for row in rows}
    return [
        Shown(n.pk, by_pk[n.pk].title, by_pk[n.pk].region, n.region_id in own, n.score)
        for n in neighbours
        if n.pk in by_pk
    ]
