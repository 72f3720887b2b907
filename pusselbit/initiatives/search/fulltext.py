"""Full-text search in Swedish over the initiatives' search texts (index.py).

On PostgreSQL: the `swedish` text-search configuration (Snowball stemming, so "ångesten" and
"Ångest" find "ångest"; Swedish stop words dropped), the weighted tsvector under its GIN index,
ts_rank for the order and ts_headline for the snippets. On SQLite, the embedded default, the
same interface done more simply: the query's words stemmed by the same Snowball algorithm
(snowballstemmer) and looked for in the texts with a lower() that folds å, ä and ö, ranked by
the weight of the texts that hold them.

`every=True` (the pipeline's filter) wants every word; `every=False` (the ranked search)
wants any and ranks those with more of them higher. `public=True` (a search across regions)
matches, ranks and marks on the public texts only (weights A–C, index.py), never the
background (D), so nothing of what a region keeps to itself decides or shows a hit."""

import math
import re
from dataclasses import dataclass
from functools import cache, reduce

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat, Lower
from django.db.models.lookups import Contains
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import SearchText
from .index import CONFIG

# Longer queries are cut: a search box is not a place for a whole document.
MAX_QUERY = 200
FIELDS = {"title": 1.0, "summary": 0.4, "results": 0.2, "context": 0.1}
PUBLIC_FIELDS = ["title", "summary", "results"]
# ts_rank's weights, {D, C, B, A}: PostgreSQL's defaults, and the same without the background.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]
PUBLIC_WEIGHTS = [0.0, 0.2, 0.4, 1.0]
# PostgreSQL's own Swedish stop-word list is used there; this is the short list of the words
# that carry no meaning in a query, for SQLite.
_STOP_WORDS = (
    "och i att det som en på är av för med till den har de inte om ett men var jag så från "
    "vid kan när man eller efter under mot hos här nu alla där hur vad vilka vilken inom utan "
    "någon några finns har hade ska skulle bli blir vara sig sin sina sitt dem deras vi oss er "
    "du ni han hon de detta denna dessa andra annat samt även bara också mer mycket"
)
STOP_WORDS = frozenset(_STOP_WORDS.split(" "))
_WORD = re.compile(r"\w+", re.UNICODE)
START, STOP = "\x02", "\x03"


@dataclass
class Hit:
    pk: int
    rank: float


def words(text: str) -> list[str]:
    return _WORD.findall(text[:MAX_QUERY].lower())


@cache
def _stemmer():
    # Imported here: only SQLite's search needs it (PostgreSQL stems in the database).
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


def stems(text: str) -> list[str]:
    """The query's meaningful words as stems, each once ("ångesten" → "ångest")."""
    kept = [word for word in words(text) if word not in STOP_WORDS and len(word) > 1]
    return list(dict.fromkeys(_stemmer().stemWords(kept)))


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _query(text: str, every: bool, public: bool = False):
    """Each word of the query as a prefix of a stem ("suicid" finds "suicidprevention": Swedish
    writes compounds as one word, and the first part is what people type), in the public
    texts' weights only when `public`. The words are the \\w+ runs of the query only, so
    nothing of tsquery's own syntax gets through."""
    terms = [f"{word}:*{'ABC' if public else ''}" for word in words(text)]
    return SearchQuery((" & " if every else " | ").join(terms), config=CONFIG, search_type="raw")


def _fields(public: bool):
    return PUBLIC_FIELDS if public else list(FIELDS)


def _sqlite_match(text: str, every: bool, public: bool = False) -> Q | None:
    found = [
        reduce(lambda a, b: a | b, (Q(Contains(Lower(field), stem)) for field in _fields(public)))
        for stem in stems(text)
    ]
    if not found:
        return None
    return reduce((lambda a, b: a & b) if every else (lambda a, b: a | b), found)


def matching(text: str, *, every: bool = True):
    """The keys of the initiatives whose search text matches `text`, as a subquery (for
    `pk__in`); nothing for a query of stop words only."""
    rows = SearchText.objects.all()
    if _postgres():
        return rows.filter(vector=_query(text, every)).values("pk")
    match = _sqlite_match(text, every)
    return (rows.filter(match) if match is not None else rows.none()).values("pk")


def ranked(scope, text: str, *, limit: int = 50, public: bool = False) -> list[Hit]:
    """The best-matching initiatives among `scope` (a queryset of Initiative), best first; on
    their public texts only when `public`."""
    rows = SearchText.objects.filter(pk__in=scope.values("pk"))
    if _postgres():
        query = _query(text, every=False, public=public)
        weights = PUBLIC_WEIGHTS if public else WEIGHTS
        found = (
            rows.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query, weights=weights))
            .order_by("-rank", "-pk")
            .values_list("pk", "rank")[:limit]
        )
        return [Hit(pk, rank) for pk, rank in found]
    match = _sqlite_match(text, every=False, public=public)
    if match is None:
        return []
    wanted = stems(text)
    fields = _fields(public)
    scored = [
        Hit(row[0], _score(dict(zip(fields, row[1:], strict=True)), wanted))
        for row in rows.filter(match).values_list("pk", *fields)
    ]
    scored.sort(key=lambda hit: (-hit.rank, -hit.pk))
    return scored[:limit]


def _score(texts: dict, wanted: list[str]) -> float:
    """More of the query's words, in heavier texts, more often (dampened), rank higher."""
    score = 0.0
    for stem in wanted:
        for field, text in texts.items():
            weight = FIELDS[field]
            count = text.lower().count(stem)
            if count:
                score += weight * (1 + math.log(count))
    return score


def snippets(pks, text: str) -> dict[int, SafeString]:
    """A passage of each initiative's texts around the query's words, the words marked
    (<mark>), everything else escaped: for the region's own initiatives (it shows the
    background); a public page marks a public text with `passage`."""
    rows = SearchText.objects.filter(pk__in=pks)
    if _postgres():
        headline = SearchHeadline(
            Concat(
                "summary", Value("\n"), "results", Value("\n"), "context", output_field=TextField()
            ),
            _query(text, every=False),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
        found = rows.annotate(snippet=headline).values_list("pk", "snippet")
        return {pk: _marked(snippet) for pk, snippet in found}
    wanted = stems(text)
    return {
        pk: _around(f"{summary}\n{results}\n{context}", wanted)
        for pk, summary, results, context in rows.values_list("pk", "summary", "results", "context")
    }


def passage(text: str, query: str) -> SafeString:
    """A passage of `text` around the query's words, the words marked, the rest escaped: for a
    text the page shows as it is (a public page marks the public summary, not the index's
    texts, which hold more than is public)."""
    return _around(text, stems(query))


def _marked(snippet: str) -> SafeString:
    escaped = escape((snippet or "").strip())
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _around(text: str, wanted: list[str], width: int = 200) -> SafeString:
    """SQLite's headline: the window of `text` around the first word that starts with one of
    the stems, those words marked."""
    lowered = text.lower()
    positions = [
        m.start() for m in _WORD.finditer(lowered) if any(m.group().startswith(s) for s in wanted)
    ]
    start = max(0, positions[0] - width // 4) if positions else 0
    if start:
        # From the beginning of a word, not the middle of one.
        start = text.find(" ", start) + 1 or start
    window = text[start : start + width]
    marked = _WORD.sub(
        lambda m: (
            f"{START}{m.group()}{STOP}"
            if any(m.group().lower().startswith(s) for s in wanted)
            else m.group()
        ),
        window,
    )
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    window = marked.replace("\n", " ").strip()
    return _marked(prefix + window + suffix) if window else _marked("")
