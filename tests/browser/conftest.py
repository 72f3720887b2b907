"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, the demo data, and
an axe-core check that every visited page must pass (WCAG 2.1 A and AA)."""

import os
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from . import snapshot

# The live server at the loopback literal, not "localhost": an identity provider accepts a
# redirect address at any port only there (RFC 8252, 7.3), and the sign-in tests need that.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

# Playwright's sync API runs an asyncio loop in this thread, which makes Django refuse ORM calls
# from the test; they are safe here, as the test and the loop never run at the same time.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# The machine has no internet: keep Chromium from reaching out for updates, sync and the like.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
DEMO_PASSWORD = "pusselbit-demo"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; missing Chromium skips, but fails in CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; install Debian's chromium package to run browser tests."
        if _in_ci():
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


class PageLog:
    """What a page did during a test: documents loaded, documents checked, script errors."""

    def __init__(self):
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.errors: list[str] = []

    def watch(self, page) -> None:
        page.on("load", lambda p: self.loaded.append(urldefrag(p.url).url))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        page.on("console", self._console)

    def _console(self, message) -> None:
        # A blocked resource or inline script shows up as a console error, not a page error.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"{message.location.get('url', '')}: {message.text}")


@pytest.fixture
def page_log():
    return PageLog()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def page(request, browser, live_server, page_log):
    """A fresh browser context per test, pointed at the live server. Swedish is asked for, as
    Pusselbit's users' browsers would; English is reached through the header's language button.

    At the end a passing test fails after all if a page was loaded that `assert_accessible` never
    checked, or if a script error or Content-Security-Policy violation occurred."""
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page_log.watch(page)
    yield page
    page.evaluate("1")  # let every event the page sent so far reach the log
    context.close()
    if getattr(request.node, "browser_test_failed", True):
        return  # the test's own failure says what went wrong
    # Pusselbit's pages; an identity provider's sign-in page on its own server is not ours.
    unchecked = sorted(
        {
            url
            for url in page_log.loaded
            if url.startswith(live_server.url) and url not in page_log.checked
        }
    )
    problems = []
    if unchecked:
        problems.append("Pages loaded but never checked with assert_accessible:")
        problems.extend(f"  {url}" for url in unchecked)
    if page_log.errors:
        problems.append("Script errors or CSP violations:")
        problems.extend(f"  {error}" for error in page_log.errors)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility violation(s) (WCAG 2.1 A/AA) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']}"
        )
        lines.append(f"    {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = ", ".join(
                " >> ".join(part) if isinstance(part, list) else str(part)
                for part in node["target"]
            )
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").strip()
            if summary:
                lines.extend(f"       {line.strip()}" for line in summary.splitlines())
            lines.append(f"       {node.get('html', '').strip()[:200]}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe, page_log):
    """Run axe-core on the page as it is now; fail listing every WCAG 2.1 A/AA violation."""

    def check(page) -> None:
        page.wait_for_load_state("load")
        results = axe.run(page, options=AXE_OPTIONS)
        url = urldefrag(page.url).url
        page_log.checked.add(url)
        violations = results.response["violations"]
        if violations:
            pytest.fail(format_violations(page.url, violations), pytrace=False)

    return check


@pytest.fixture(scope="session")
def _demo_kept(django_db_blocker):
    """What the first browser test's demo left: its logins and the tables it copied."""
    kept = {}
    yield kept
    if kept:
        with django_db_blocker.unblock():
            snapshot.drop(kept["tables"])


@pytest.fixture
def demo(transactional_db, settings, _demo_kept):
    """The demo installation (three regions, one user per role) for each test: the live server
    needs committed data, which the transactional database removes after each test. Built
    through the domain functions for the first test, and put back from a copy for the others
    (snapshot.py): the same rows, two seconds less a test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from pusselbit.demo.builders import build_demo

    if not _demo_kept:
        logins = build_demo()
        _demo_kept.update(logins=logins, tables=snapshot.take())
    else:
        snapshot.put_back(_demo_kept["tables"])
    return _demo_kept["logins"]


@pytest.fixture
def sign_in(live_server):
    """Sign in as `username` the quick way: a session made on the server, its cookie given to
    the browser, and the start page opened, where the sign-in page leads. The sign-in page
    itself is driven by test_sign_in.py, `sign_in_with_form` and every change of user after
    signing out; in every other test it cost a page, an axe run and a sending more."""

    def do_sign_in(page, username: str) -> None:
        from django.conf import settings
        from django.test import Client

        from pusselbit.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page.goto("/")

    return do_sign_in


@pytest.fixture
def sign_in_with_form(assert_accessible):
    """Sign in through the login page as it is in the browser's current language."""

    def do_sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
        page.goto("/konto/logga-in/")
        assert_accessible(page)
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("main").get_by_role("button").click()
        page.wait_for_url(lambda url: "/konto/logga-in/" not in url)

    return do_sign_in
