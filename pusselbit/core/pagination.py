"""One way to page a list: every list page slices its query in the database and renders one page.

A page number that is not a number, or past the end, shows the nearest real page rather than an
error (Paginator.get_page), so an old or edited link never breaks. The template include
`core/includes/pagination.html` renders the links, keeping the list's filters in the URL.
"""

from django.core.paginator import Page, Paginator

PER_PAGE = 50


def paginate(request, object_list, *, per_page: int = PER_PAGE, param: str = "page") -> Page:
    """The requested page of object_list (a QuerySet is sliced in the database: LIMIT/OFFSET and
    one COUNT). The page knows its parameter name, for the include's links."""
    page = Paginator(object_list, per_page).get_page(request.GET.get(param))
    page.param = param
    return page
