"""The region's own search and the similar initiatives: what learning.ranking finds, in the shape
the pages show it (one page of hits with their stage and a passage marked where the words are)."""

from dataclasses import dataclass

from django.core.paginator import Page

from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.search import fulltext

from . import ranking


@dataclass
class Result:
    initiative: Initiative
    snippet: str
    by_words: bool
    by_meaning: bool


def results_page(region, text: str, page_number, *, per_page: int) -> Page:
    """One page of the region's initiatives that match `text`, best first: the ranking is worked
    out for the best few dozen; only the page's rows and snippets are read."""
    # Imported here: a Paginator over the ranked keys (a list), not over a queryset.
    from django.core.paginator import Paginator

    found = ranking.search(Initiative.objects.filter(region=region), text)
    page = Paginator(found, per_page).get_page(page_number)
    keys = [entry.pk for entry in page.object_list]
    rows = Initiative.objects.filter(pk__in=keys).select_related("stage", "organisation")
    by_pk = {row.pk: row for row in rows}
    snippets = fulltext.snippets(keys, text)
    page.object_list = [
        Result(by_pk[entry.pk], snippets.get(entry.pk, ""), entry.by_words, entry.by_meaning)
        for entry in page.object_list
        if entry.pk in by_pk
    ]
    page.param = "page"
    return page
