"""What the benchmark settings add to Pusselbit: the bare view (the baseline every page is
compared with: all the middleware, no work) and the query count of each request."""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

BARE_URL = "/benchmark/bare/"
QUERY_HEADER = "X-Query-Count"


def bare(request):
    return HttpResponse("bare", content_type="text/plain")


urlpatterns = [
    path(BARE_URL.strip("/") + "/", bare, name="benchmark_bare"),
    path("", include("pusselbit.urls")),
]


class QueryCountMiddleware:
    """Counts the database queries a request makes (connection.execute_wrapper) and reports
    them in the X-Query-Count header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counting(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counting):
            response = self.get_response(request)
        response[QUERY_HEADER] = str(count)
        return response
