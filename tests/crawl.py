"""A crawler over the product's pages as one signed-in user, for tests that must reach every page
and every form (the fuzzed forms). It follows the links and forms the pages themselves show, so a
new page is reached as soon as a page links to it — and the tests fail when one is not."""

from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from django.template.base import Template
from django.test.utils import _TestState
from django.urls import Resolver404, resolve

# Never followed: signing out ends the crawl's session; the language is the crawl's to keep;
# the organisation login buttons lead to the identity provider (tests/accounts/test_sso.py).
SKIPPED = {"logout", "set_language", "openid_connect_login", "saml_login"}
# The admin (linked in the menu for administrators) has a walk of its own,
# tests/core/test_admin_site.py; crawled, its pages would be most of the crawl.
SKIPPED_NAMESPACES = ("admin:",)
DOWNLOADS = (".pdf", ".docx", ".xlsx", ".csv", ".ics", ".json")


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@dataclass
class Form:
    page: str  # the page the form is on
    action: str
    name: str  # the view name of the action
    # What the form sends as it is shown: (name, value) pairs, the first submit button's too.
    values: list[tuple[str, str]]
    fields: list[str]  # every named control, hidden ones included
    files: list[str]  # file inputs


@dataclass
class Crawl:
    pages: dict[str, str] = field(default_factory=dict)  # url -> view name
    forms: list[Form] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def names(self) -> set[str]:
        return set(self.pages.values()) | {form.name for form in self.forms}


@contextmanager
def templates_uninstrumented():
    """Render templates without the test client's instrumentation, which sends a signal and
    copies the context for every template rendered (a tenth of a crawl's time) so that a
    response's `context` can be read; a crawl never reads it."""
    instrumented = Template._render
    # setup_test_environment() keeps the plain render there while its instrumented one is in.
    Template._render = _TestState.saved_data.template_render
    try:
        yield
    finally:
        Template._render = instrumented


def crawl(
    client,
    start: list[str],
    *,
    per_name: int = 2,
    every=(),
    prefix: str = "/",
    on_page=None,
    downloads: bool = True,
) -> Crawl:
    """GET every page reachable from `start` whose path starts with `prefix`, at most `per_name`
    pages of each view in each region (two initiatives' pages tell as much as twenty) but every
    page of the views named in `every` (whose links depend on the object's state), and collect
    their forms. Any answer of 500 or more is a failure. `on_page(url, html)` sees every HTML
    page. With `downloads` false, a download (a PDF, a spreadsheet…) is counted as reached but
    not built: for a crawl whose test GETs them in a later crawl anyway."""
    with templates_uninstrumented():
        return _crawl(client, start, per_name, every, prefix, on_page, downloads)


def _crawl(client, start, per_name, every, prefix, on_page, downloads) -> Crawl:
    result = Crawl()
    visits = Counter()
    queue = deque(start)
    seen = set()
    while queue:
        url = urldefrag(queue.popleft()).url
        path = urlsplit(url).path
        name = url_name(path)
        if url in seen or name is None or name in SKIPPED or not path.startswith(prefix):
            continue
        if name.startswith(SKIPPED_NAMESPACES):
            continue
        seen.add(url)
        # A region's own pages and its public ones (insyn) are counted per region: each
        # region's show other objects.
        region = path.split("/")[2] if path.startswith(("/regioner/", "/insyn/")) else ""
        if name not in every and visits[name, region] >= per_name:
            continue
        visits[name, region] += 1
        result.pages[url] = name
        if not downloads and path.endswith(DOWNLOADS):
            continue
        response = client.get(url)
        if response.status_code >= 500:
            result.failures.append(f"GET {url} ({name}): {response.status_code}")
            continue
        if response.status_code in (301, 302, 303) and response["Location"].startswith("/"):
            queue.append(response["Location"])  # e.g. a step that is recorded on its own page
        if response.status_code != 200 or path.endswith(DOWNLOADS):
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if on_page is not None:
            on_page(url, html)
        document = lxml.html.fromstring(html, base_url=url)
        # Links, and addresses the pages' scripts fetch (in data-… attributes).
        for href in document.xpath("//a/@href | //@*[starts-with(name(), 'data-')]"):
            if not href.startswith(("/", "?")) and "://" not in href:
                continue
            target = urljoin(url, href)
            if urlsplit(target).netloc in ("", "testserver"):
                queue.append(urlsplit(target)._replace(scheme="", netloc="").geturl())
        for element in document.forms:
            if (element.method or "GET").upper() != "POST":
                continue
            action = urlsplit(urljoin(url, element.action or url)).path
            action_name = url_name(action)
            if action_name is None or action_name in SKIPPED:
                continue
            if action_name.startswith(SKIPPED_NAMESPACES):
                continue
            result.forms.append(_form(url, action, action_name, element))
    return result


def _form(page, action, name, element) -> Form:
    values = [(key, value) for key, value in element.form_values() if value is not None]
    buttons = element.xpath(".//button[@name]|.//input[@type='submit'][@name]")
    if buttons:
        values.append((buttons[0].get("name"), buttons[0].get("value", "")))
    fields, files = [], []
    for control in element.xpath(".//input[@name]|.//select[@name]|.//textarea[@name]"):
        if control.get("type") == "file":
            files.append(control.get("name"))
        elif control.get("name") not in fields:
            fields.append(control.get("name"))
    return Form(page=page, action=action, name=name, values=values, fields=fields, files=files)
