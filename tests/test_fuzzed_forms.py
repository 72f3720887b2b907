"""Every form of the product, sent what an outsider would send: empty, very long, NUL and other
control characters, huge numbers, impossible dates, markup, formulas. None may answer with a
server error, and no page may show stored markup unescaped afterwards.

The forms are found the way a user finds them: by following the links and forms of the demo's
pages as a user who holds every role in every demo region (and as anonymous for the sign-in
pages). Every URL of the product must be reached, so a new page cannot slip past untested."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver
from django_otp import DEVICE_ID_SESSION_KEY

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.organisations.models import Region
from pusselbit.reporting.models import Compilation, Report
from tests.crawl import crawl, templates_uninstrumented

pytestmark = pytest.mark.django_db

MARK = "fuzz-xss"
MARKUP = f'<i id="{MARK}">markup</i><script>alert("{MARK}")</script>'
FUZZ = [
    "",
    "x" * 20_000,
    "nul\x00 control\x01\x1b\x7f line\r\nBcc: fuzz@example.org",
    "9" * 40,
    "-" + "9" * 25,
    "1e309",
    "NaN",
    "2021-02-30",
    "99999-12-31",
    MARKUP,
    '=HYPERLINK("http://fuzz.example","klicka")',
]
FILES = [b"", b"PK\x03\x04 not a zip", "kod;fråga\n1;".encode() + b"\xff\xfe", b"\x00" * 1000]

# Not reached by following links: the token page of a password reset (its address is mailed),
# the pages a password reset's forms lead to, and the progress that the compile page's script
# asks for while a compilation runs (the test's compilation has run; asked below).
# Pages whose links depend on their object's state (an initiative's stage, a draft or an
# adopted assignment): each one is visited, not just two of each region.
EVERY = {
    "initiatives:detail",
    "initiatives:participants",
    "assignments:detail",
    "initiatives:meeting_detail",
}
UNREACHABLE = {
    "password_reset_confirm",
    "password_reset_done",
    "password_reset_complete",
    "reporting:compilation_status",
    # Two-step verification: the code after the password is asked of an account with an app;
    # turning off and new recovery codes are offered once it is on (the crawl's user has it
    # off, so turning it on is fuzzed). tests/accounts/test_two_factor_pages.py sends them odd
    # codes.
    "login_code",
    "two_factor:turn_off",
    "two_factor:recovery_codes",
    "two_factor:renew_recovery_codes",
    # Shown beside a token, and the crawl's user has none: tests/api/test_token_pages.py
    # revokes one twice, someone else's and another region's.
    "api_tokens:revoke",
    # For load balancers, not people; no form: tests/operations/test_health.py.
    "operations:live",
    "operations:ready",
}


# The forms of the signed-out, sent signed out (the invitation's page shows the signed-in a
# button instead of its account form).
ANONYMOUS_FORMS = {"login", "password_reset", "accept_invitation"}
INVITATION_TOKEN = "fuzzed-forms-invitation-token"


def _sign_in(client, user) -> None:
    """Signed in as with a password and a code: the fuzzed sign-in policy form turns two-step
    verification on for the region, which would send every later page to its set-up."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = "fuzz"
    session.save()


def every_url_name() -> set[str]:
    names = set()

    def walk(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                # Single sign-on's protocol addresses answer identity providers, not forms of
                # ours: tests/accounts/test_sso.py sends them what a provider would, and worse.
                # The REST API is fuzzed by schemathesis against its own description
                # (tests/api/test_schema.py).
                if str(pattern.pattern) in ("admin/", "i18n/", "sso/", "api/"):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver())
    return names - UNREACHABLE - {"logout", "set_language"}


@pytest.fixture
def everyone(demo_once, settings):
    """On the demo: one user with every role in every demo region, and what the demo lacks for
    every page to exist: initiatives waiting for a recommendation and a decision, a draft
    assignment, a requirement without reports, a corrected report, a published compilation and
    a newer one, and an action plan being drafted."""
    user = User.objects.create_user("fuzz", email="fuzz@example.org", password="x")
    for region in Region.objects.filter(memberships__isnull=False).distinct():
        own = region.organisations.get(kind="region")
        Membership.objects.bulk_create(
            Membership(user=user, region=region, organisation=own, role=role) for role in Role
        )
    _every_state(user)
    # Compiling is queued from now on, not run in the request: the fuzzed sendings of the
    # compile form would each build a PDF.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return user


def _every_state(user):
    from pusselbit.accounts.domain import invite_person
    from pusselbit.accounts.domain.sso import add_identity_provider
    from pusselbit.accounts.models import RoleInvitation
    from pusselbit.agreements.models import Direction
    from pusselbit.assignments.domain import add_position, create_assignment
    from pusselbit.attachments.domain import upload_attachment
    from pusselbit.funds.domain import create_agreement, set_region_funds
    from pusselbit.initiatives.domain import record_recommendation
    from pusselbit.initiatives.models import Initiative
    from pusselbit.notifications.domain import notify
    from pusselbit.plans.domain import create_plan
    from pusselbit.proposals.domain import create_proposal
    from pusselbit.reporting.domain import correct_report
    from pusselbit.reporting.domain.compilations import publish_compilation, request_compilation
    from pusselbit.reporting.domain.requirements import create_requirement
    from pusselbit.reporting.models import Report, Requirement

    # An organisation login, for its page (its address leads nowhere: the crawl never signs in
    # through it).
    add_identity_provider(
        Region.objects.get(slug="blekinge"),
        actor=None,
        name="Region Blekinge",
        slug="blekinge-fuzz",
        protocol="openid_connect",
        server_url="https://login.invalid/blekinge/v2.0",
        client_id="pusselbit",
        client_secret="hemligt",
    )

    # Invited to Blekinge's next coordination-group meeting, for the start page's answer form.
    from pusselbit.initiatives.domain.invitations import invite_by_role
    from pusselbit.initiatives.models import Meeting

    upcoming = Meeting.objects.get(region__slug="blekinge", title__endswith="nästa möte")
    invite_by_role(upcoming, ["coordination_group_member"], actor=user)

    # Blekinge's initiative that waits for LSVO gets its recommendation and waits for a decision.
    waiting = Initiative.objects.get(region__slug="blekinge", stage__key="rekommendation")
    record_recommendation(
        waiting,
        waiting.stage.outgoing.get(outcome="recommend"),
        actor=user,
        rationale="Väl underbyggd.",
        meeting_date=datetime.date(2026, 11, 20),
    )
    # A file on an initiative, for its download and its removal (the upload form and the
    # comment form are on every initiative's page).
    upload_attachment(
        waiting,
        SimpleUploadedFile("protokoll.pdf", b"%PDF-1.7\n%%EOF\n"),
        kind="other",
        actor=user,
    )
    draft = create_assignment(
        Region.objects.get(slug="vastra-gotaland"),
        actor=user,
        title="Utkast",
        place="Borås",
        dated=datetime.date(2026, 11, 30),
    )
    add_position(draft, actor=user, title="Samordnare", extent=Decimal("0.5"))
    # An action plan being drafted, for the page that records its adoption.
    create_plan(draft.region, "Utkast till handlingsplan", 2027, 2029, actor=user)
    requirement = Requirement.objects.get(region__slug="dalarna")
    create_requirement(
        user,
        requirement.region,
        agreement=requirement.agreement,
        kind="partial",
        deadline=requirement.deadline,
        question_set=requirement.question_set,
        recipients=list(requirement.recipients.all()[:2]),
        remind_days_before=[7],
        precondition_for_next_year=False,
    )
    correct_report(Report.objects.filter(status="submitted").first(), actor=user)
    # A draft use-of-funds proposal (the demo's is adopted) for its editing pages, on a new
    # agreement year's funds: Västra Götaland's ÖK 2019 stays without one, for the page that
    # starts one.
    dalarna = Region.objects.get(slug="dalarna")
    next_year = create_agreement(
        "ÖK 2021", "ÖK 2021", 2021, datetime.date(2021, 12, 31), actor=None
    )
    direction = Direction.objects.get(code="samsjuklighet")
    set_region_funds(next_year, dalarna, direction, Decimal("1000000"), actor=user)
    create_proposal(dalarna, next_year, actor=user)
    # A compiled report published (its files are on the public pages), and a newer one not
    # yet published (its page has the button).
    publish_compilation(request_compilation(requirement, actor=user), actor=user)
    request_compilation(requirement, actor=user)
    # A pending invitation, for the list's resend and withdraw forms and the link's page.
    invite_person(
        Region.objects.get(slug="blekinge"),
        actor=user,
        email="inbjuden@example.org",
        organisation=Region.objects.get(slug="blekinge").organisations.get(kind="region"),
        role="analyst",
    )
    RoleInvitation.objects.update(token_hash=RoleInvitation.hash_token(INVITATION_TOKEN))
    # An unread notice, for the notifications page's form that marks one read.
    notify(
        [user],
        region=Region.objects.get(slug="blekinge"),
        kind="submitted",
        subject="Idén är inskickad",
        body="",
        url="/",
    )


def variants(form):
    """The form as shown (a real sending); every field fuzzed, each with another value, until
    every field has had every value; and the form as shown with one field fuzzed (so that the
    other fields' checks pass and the value reaches the domain function)."""
    base = {}
    for name, value in form.values:
        base.setdefault(name, []).append(value)
    yield base, FILES[0]
    # The test client does not check the CSRF token, so a fuzzed one would tell nothing.
    fields = [name for name in form.fields if name != "csrfmiddlewaretoken"]
    for turn, content in zip(range(len(FUZZ)), itertools.cycle(FILES), strict=False):
        yield {name: FUZZ[(i + turn) % len(FUZZ)] for i, name in enumerate(fields)}, content
    for name, value in zip(fields, itertools.cycle(FUZZ), strict=False):
        yield base | {name: value}, FILES[0]


def send_variants(client, name, form) -> list[str]:
    """POST the form's variants; the sendings answered with a server error."""
    failures = []
    sent = set()
    for data, content in variants(form):
        # A form with few fields gives the same sending many times; once is enough.
        key = repr(sorted(data.items()))
        if key in sent:
            continue
        sent.add(key)
        data |= {field: SimpleUploadedFile("fuzz.xlsx", content) for field in form.files}
        response = client.post(form.action, data)
        if response.status_code >= 500:
            failures.append(f"POST {form.action} ({name}): {response.status_code}")
    return failures


def markup_shown(raw: list[str], escaped: list[str]):
    def check(url, html):
        if f'<i id="{MARK}">' in html or f'alert("{MARK}")</script>' in html:
            raw.append(url)
        if f"&lt;i id=&quot;{MARK}&quot;&gt;" in html:
            escaped.append(url)

    return check


def test_every_form_answers_fuzzed_values_without_a_server_error(everyone):
    # A server error is an answer to count, not an exception that ends the test.
    client = Client(raise_request_exception=False)
    failures = []
    invitation = reverse("accept_invitation", args=[INVITATION_TOKEN])  # the mail's link
    anonymous = crawl(
        client, ["/konto/logga-in/", "/konto/glomt-losenord/", invitation], prefix="/konto/"
    )
    _sign_in(client, everyone)
    # The report pages are where a report's versions and its correction are linked; the lists
    # that lead to them are paged and the crawl reads two report pages per region, so it starts
    # at a corrected and at a submitted one as well.
    reports = Report.objects.select_related("requirement__region")
    corrected = reports.filter(version__gt=1).first()
    submitted = (
        reports.filter(status="submitted")
        .exclude(requirement=corrected.requirement, recipient=corrected.recipient)
        .first()
    )
    start = ["/"] + [
        reverse(
            "reporting:report",
            args=[report.requirement.region.slug, report.requirement_id, report.recipient_id],
        )
        for report in (corrected, submitted)
    ]
    # The downloads are built by the last crawl, from what the fuzzed sendings stored.
    signed_in = crawl(client, start, every=EVERY, downloads=False)
    failures += anonymous.failures + signed_in.failures
    missing = every_url_name() - anonymous.names - signed_in.names
    assert sorted(missing) == [], "no page links to these; link them or list them in UNREACHABLE"

    forms = {}  # one form of each kind: the one with the most fields
    for form in anonymous.forms + signed_in.forms:
        if len(form.fields) > len(forms.get(form.name, form).fields) or form.name not in forms:
            forms[form.name] = form
    for name, form in sorted(forms.items()):
        if name in ANONYMOUS_FORMS:
            client.logout()
        else:
            _sign_in(client, everyone)
        with templates_uninstrumented():
            failures += send_variants(client, name, form)
    for compilation in Compilation.objects.select_related("requirement__region"):
        address = reverse(
            "reporting:compilation_status",
            args=[compilation.requirement.region.slug, compilation.pk],
        )
        assert client.get(address).status_code == 200
    client.logout()
    for name in ("password_reset_done", "password_reset_complete"):
        assert client.get(reverse(name)).status_code == 200
    assert failures == []

    # What was stored comes out escaped on every page that shows it.
    _sign_in(client, everyone)
    raw, escaped = [], []
    shown = crawl(client, start, every=EVERY, on_page=markup_shown(raw, escaped))
    assert shown.failures == [], "a page or a download fails on what the fuzzed forms stored"
    assert raw == []
    assert escaped, "no fuzzed markup was stored, so the check above shows nothing"
