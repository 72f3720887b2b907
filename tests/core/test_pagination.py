"""The shared pagination: one page rendered, filters kept in the links, the current page marked."""

from django.template import Context, Template
from django.test import RequestFactory

from pusselbit.core.pagination import paginate

INCLUDE = Template(
    '{% include "core/includes/pagination.html" with page=page label="Pages of things" %}'
)


def render(path):
    request = RequestFactory().get(path)
    page = paginate(request, list(range(1, 121)), per_page=50)
    return page, INCLUDE.render(Context({"page": page, "request": request}))


def test_one_page_of_the_list_is_kept_and_the_filters_stay_in_the_links():
    page, html = render("/x/?q=suicid&page=2")
    assert list(page.object_list) == list(range(51, 101))
    assert 'aria-label="Pages of things"' in html
    assert 'href="?q=suicid&amp;page=1" rel="prev"' in html
    assert 'href="?q=suicid&amp;page=3" rel="next"' in html
    assert 'href="?q=suicid&amp;page=2" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


def test_a_page_number_that_is_not_a_page_shows_a_real_page():
    assert render("/x/?page=abc")[0].number == 1
    assert render("/x/?page=999")[0].number == 3
    assert render("/x/?page=-1")[0].number == 3


def test_a_list_that_fits_one_page_has_no_page_links():
    request = RequestFactory().get("/x/")
    page = paginate(request, [1, 2, 3])
    assert "<nav" not in INCLUDE.render(Context({"page": page, "request": request}))
