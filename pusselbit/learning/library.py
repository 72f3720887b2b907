"""Lär av andra: every region's published initiatives, filtered and searched, one page at a
time. With words to search for, the page is ranked by learning.ranking (words and meaning)
within the published initiatives the filters leave; without, it is the newest decisions first.
What each hit shows is read through public.results, which lets only published initiatives
through."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from pusselbit.core.pagination import PER_PAGE
from pusselbit.core.scoping import scopes_disabled
from pusselbit.initiatives.search import fulltext
from pusselbit.public import results

from . import ranking

# A hit shows the start of its summary; its public page has the whole.
SUMMARY_WORDS = 60


@dataclass
class Hit:
    result: results.Result
    passage: SafeString | str  # the public summary, the searched words marked
    by_meaning_only: bool = False


def results_page(filters: results.Filters, text: str, page_number, *, per_page=PER_PAGE) -> Page:
    """One page of hits: ranked by `text` when there is one, else newest decision first."""
    if not text:
        page = results.newest_page(filters, page_number, per_page=per_page)
        page.object_list = [
            Hit(result, Truncator(result.summary).words(SUMMARY_WORDS))
            for result in page.object_list
        ]
        return page
    # Every region's published initiatives, for anyone: the asker's region scope (none for
    # the anonymous, their own regions for a user) has no say in what is public.
    with scopes_disabled():
        found = ranking.search(results.searchable(filters), text, public=True)
    page = Paginator(found, per_page).get_page(page_number)
    meaning_only = {entry.pk for entry in page.object_list if not entry.by_words}
    page.object_list = [
        Hit(result, fulltext.passage(result.summary, text), result.pk in meaning_only)
        for result in results.results([entry.pk for entry in page.object_list])
    ]
    page.param = "page"
    return page
