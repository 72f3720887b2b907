import contextvars

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Swedish unless the user chose English with the language switch (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Swedish
    public body's pages are Swedish first, whatever language the browser was installed in. The
    REST API (/api/) is the exception: a program sends no language cookie, so its
    Accept-Language chooses (Swedish when it names neither language)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        api = request.path_info.startswith("/api/")
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
            if api:
                language = translation.get_language_from_request(request)
        request.LANGUAGE_CODE = language
        # override, not activate: the thread goes back to its language after the response, so
        # one request's choice never leaks into the next one served by the same thread.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie", "Accept-Language"] if api else ["Cookie"])
        return response


# The address the current request came to (scheme://host:port), for links in the e-mail it
# queues; None outside a request.
_SITE_ORIGIN = contextvars.ContextVar("pusselbit_site_origin", default=None)


def site_url(path: str = "") -> str:
    """An absolute link to `path`: on the address the current request came to (so the port the
    site really runs on, behind a proxy its public name), or SITE_URL where there is no
    request (a command, the task worker)."""
    origin = _SITE_ORIGIN.get() or settings.SITE_URL
    return origin.rstrip("/") + path


class SiteOriginMiddleware:
    """Remember the request's own address for `site_url`. The host is one ALLOWED_HOSTS
    permits (get_host checks it), and the scheme honours PUSSELBIT_BEHIND_PROXY."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            origin = None
        token = _SITE_ORIGIN.set(origin)
        try:
            return self.get_response(request)
        finally:
            _SITE_ORIGIN.reset(token)
