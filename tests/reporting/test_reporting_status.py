"""Issue 11, point 6: reporting status says the truth. Days late are a positive number, a report
submitted after its deadline is marked as submitted late with its date, a recipient nobody can
be reminded at is named on the coordinator's overview (never skipped in silence), a partial
report that is a requirement meets its precondition by itself, and many recipients are marked
against a precondition with one form."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pusselbit.core.models import AuditEntry
from pusselbit.funds.domain import create_agreement
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    send_reminders,
    start_report,
    submit_report,
)
from pusselbit.reporting.domain.preconditions import add_precondition, record_precondition_check
from pusselbit.reporting.models import (
    Precondition,
    PreconditionCheck,
    ReminderSent,
    Requirement,
)
from pusselbit.reporting.preconditions import precondition_table
from tests.factories import MembershipFactory, OrganisationFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,,text,ja,
"""
TODAY = timezone.localdate()


def text(html: str) -> str:
    """The page's text, tags dropped and spaces (also non-breaking) made one."""
    said = " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())
    return said.replace(" :", ":")


@pytest.fixture
def agreement():
    return create_agreement(
        "ÖK 2020", "Överenskommelse 2020", 2020, datetime.date(2020, 12, 31), actor=None
    )


def make_requirement(region, agreement, deadline, kind="final", **fields):
    question_set = import_question_set("ÖK 2020", "SKR", "f.csv", CSV.encode(), actor=None)
    return Requirement.objects.create(
        agreement=agreement,
        region=region,
        kind=kind,
        deadline=deadline,
        question_set=question_set,
        **fields,
    )


@pytest.fixture
def late_requirement(blekinge, agreement):
    return make_requirement(blekinge, agreement, TODAY - datetime.timedelta(days=2070))


@pytest.fixture
def karlskrona(blekinge, late_requirement):
    municipality = OrganisationFactory(region=blekinge, name="Karlskrona")
    late_requirement.recipients.add(municipality)
    return municipality


@pytest.fixture
def ronneby(blekinge, late_requirement):
    municipality = OrganisationFactory(region=blekinge, name="Ronneby")
    late_requirement.recipients.add(municipality)
    return municipality


def submit(requirement, recipient, actor=None):
    report = start_report(requirement, recipient, actor=actor)
    save_answers(report, {"1.1": "Gjort"}, actor=actor)
    return submit_report(report, actor=actor, registration_number="KS 1")


def overview(client, user, region="blekinge") -> str:
    """The overview and, since issue 12, each requirement's page with its recipients' rows."""
    client.force_login(user)
    pages = [client.get(reverse("reporting:overview", args=[region])).content.decode()]
    for pk in Requirement.objects.filter(region__slug=region).values_list("pk", flat=True):
        url = reverse("reporting:recipients", args=[region, pk])
        pages.append(client.get(url).content.decode())
    return "\n".join(pages)


def row_html(html: str, name: str) -> str:
    return re.search(rf'<tr data-recipient="{name}">(.*?)</tr>', html, re.S).group(1)


# Days late ----------------------------------------------------------------------------------
def test_a_late_report_shows_its_days_late_as_a_positive_number(client, alice, karlskrona):
    """Before: the cell read "-2070" with " (dagar försenad)" for screen readers only."""
    row = text(row_html(overview(client, alice), "Karlskrona"))
    assert "2 070 dagar försenad" in row
    assert "-2070" not in row and "-2 070" not in row


def test_days_left_before_the_deadline_say_so(client, alice, blekinge, agreement):
    requirement = make_requirement(blekinge, agreement, TODAY + datetime.timedelta(days=12))
    requirement.recipients.add(OrganisationFactory(region=blekinge, name="Karlshamn"))
    assert "12 dagar kvar" in text(row_html(overview(client, alice), "Karlshamn"))


# Submitted late -----------------------------------------------------------------------------
def test_a_report_submitted_after_its_deadline_is_marked_submitted_late_with_its_date(
    client, alice, late_requirement, karlskrona
):
    """Before: the overview said plain "Inlämnad" for a report 2 070 days late."""
    report = submit(late_requirement, karlskrona, actor=alice)
    day = timezone.localdate(report.submitted_at)
    row = text(row_html(overview(client, alice), "Karlskrona"))
    assert f"Inlämnad sent {day.isoformat()}" in row

    page = client.get(
        reverse("reporting:report", args=["blekinge", late_requirement.pk, karlskrona.pk])
    ).content.decode()
    assert "Inlämnad sent: 2 070 dagar efter sista dagen" in text(page)


def test_a_report_submitted_in_time_is_plain_submitted(client, alice, blekinge, agreement):
    requirement = make_requirement(blekinge, agreement, TODAY + datetime.timedelta(days=3))
    sölvesborg = OrganisationFactory(region=blekinge, name="Sölvesborg")
    requirement.recipients.add(sölvesborg)
    submit(requirement, sölvesborg, actor=alice)
    row = text(row_html(overview(client, alice), "Sölvesborg"))
    assert "Inlämnad" in row and "sent" not in row


# Nobody to remind ---------------------------------------------------------------------------
def test_a_recipient_nobody_can_be_reminded_at_is_named_on_the_overview_with_why(
    client, alice, blekinge, late_requirement, karlskrona, ronneby
):
    """Karlskrona has no user account at all, Ronneby's only reminded user has no e-mail
    address; before, send_reminders recorded both as reminded (to nobody) and no page said so."""
    MembershipFactory(
        region=blekinge, organisation=ronneby, role="local_coordinator", user__email=""
    )
    olofström = OrganisationFactory(region=blekinge, name="Olofström")
    late_requirement.recipients.add(olofström)
    MembershipFactory(
        region=blekinge,
        organisation=olofström,
        role="local_coordinator",
        user__email="lokal@olofstrom.se",
    )

    errors = io.StringIO()
    call_command("send_reminders", stdout=io.StringIO(), stderr=errors)
    assert ReminderSent.objects.get(recipient=olofström).addresses == ["lokal@olofstrom.se"]
    assert ReminderSent.objects.get(recipient=karlskrona).addresses == []
    assert "Karlskrona" in errors.getvalue() and "Ronneby" in errors.getvalue()
    assert "Olofström" not in errors.getvalue()

    html = overview(client, alice)
    block = re.search(r"data-not-reminded>(.*?)</div>", html, re.S)
    assert block, "the overview names who cannot be reminded"
    said = text(block.group(1))
    assert "2 mottagare kan inte påminnas" in said
    assert "Karlskrona: Inget användarkonto arbetar för organisationen." in said
    assert "Ronneby: De användare som skulle påminnas saknar e-postadress" in said
    assert "Olofström" not in said
    assert "gick till ingen" in said  # the reminder already due, sent to nobody


def test_a_recipient_that_has_submitted_is_not_listed_as_unreachable(
    client, alice, late_requirement, karlskrona
):
    submit(late_requirement, karlskrona, actor=alice)
    send_reminders()
    assert "data-not-reminded" not in overview(client, alice)


def test_who_cannot_be_reminded_is_for_the_coordinator_only(
    client, bob, late_requirement, karlskrona
):
    assert "data-not-reminded" not in overview(client, bob)


# A partial report meets its precondition ----------------------------------------------------
@pytest.fixture
def partial(blekinge, agreement, karlskrona, ronneby):
    requirement = make_requirement(
        blekinge, agreement, TODAY + datetime.timedelta(days=20), kind="partial"
    )
    requirement.recipients.add(karlskrona, ronneby)
    return requirement


def test_a_submitted_partial_report_meets_the_precondition_by_itself(
    client, alice, blekinge, agreement, partial, karlskrona, ronneby
):
    """Before: "Delredovisning inlämnad" was a precondition ticked by hand, whatever had been
    submitted."""
    basic = add_precondition(alice, blekinge, agreement, "Avsnitt 3–6 uppfyllda")
    by_report = add_precondition(
        alice, blekinge, agreement, "Delredovisning inlämnad", requirement=partial
    )
    record_precondition_check(basic, karlskrona, actor=alice, met=True)
    record_precondition_check(basic, ronneby, actor=alice, met=True)
    submit(partial, karlskrona, actor=alice)

    table = precondition_table(blekinge, agreement)
    rows = {row.recipient.name: row for row in table.rows}
    assert dict(rows["Karlskrona"].cells)[by_report].met is True
    assert rows["Karlskrona"].meets_all is True
    assert dict(rows["Ronneby"].cells)[by_report].met is False
    assert rows["Ronneby"].meets_all is False
    assert table.not_met[by_report.pk] == 1
    assert not PreconditionCheck.objects.filter(precondition=by_report).exists()

    with pytest.raises(Exception, match="inte"):
        record_precondition_check(by_report, ronneby, actor=alice, met=True)

    client.force_login(alice)
    page = client.get(reverse("reporting:preconditions", args=["blekinge", agreement.pk]))
    said = text(page.content.decode())
    assert "Uppfylld: redovisningen är inlämnad" in said
    assert "Ej uppfylld: redovisningen är inte inlämnad" in said


def test_the_precondition_is_linked_to_a_report_on_the_page(
    client, alice, agreement, partial, karlskrona
):
    client.force_login(alice)
    url = reverse("reporting:preconditions", args=["blekinge", agreement.pk])
    response = client.post(url, {"text": "Delredovisning inlämnad", "requirement": partial.pk})
    assert response.status_code == 302
    assert Precondition.objects.get(text="Delredovisning inlämnad").requirement == partial


# Many at once -------------------------------------------------------------------------------
def test_many_recipients_are_marked_with_one_form_once(
    client, alice, blekinge, agreement, karlskrona, ronneby
):
    """Before: one button per recipient and precondition (32 buttons for Dalarna's 16)."""
    basic = add_precondition(alice, blekinge, agreement, "Avsnitt 3–6 uppfyllda")
    client.force_login(alice)
    url = reverse("reporting:preconditions", args=["blekinge", agreement.pk])
    page = client.get(url).content.decode()
    assert page.count('type="checkbox"') == 2  # one a recipient
    assert "Markera som uppfylld" not in page  # no button a cell
    key = re.search(r'name="checks-submission" value="([^"]+)"', page).group(1)

    data = {
        "checks-submission": key,
        "checks-precondition": basic.pk,
        "checks-recipients": [karlskrona.pk, ronneby.pk],
        "checks-met": "1",
        "checks-note": "Enligt handlingsplan",
    }
    post_url = reverse("reporting:check_preconditions", args=["blekinge", agreement.pk])
    response = client.post(post_url, data)
    assert response.status_code == 302
    checks = PreconditionCheck.objects.filter(precondition=basic)
    assert {(c.recipient.name, c.met, c.note) for c in checks} == {
        ("Karlskrona", True, "Enligt handlingsplan"),
        ("Ronneby", True, "Enligt handlingsplan"),
    }
    entries = AuditEntry.objects.filter(action="reporting.precondition_checked")
    assert entries.count() == 2

    again = client.post(post_url, {**data, "checks-met": "0"}, follow=True)
    assert "redan skickats" in again.content.decode()
    assert entries.count() == 2 and all(c.met for c in checks.all())


def test_marking_without_a_recipient_says_so_next_to_the_field(
    client, alice, blekinge, agreement, karlskrona
):
    basic = add_precondition(alice, blekinge, agreement, "Avsnitt 3–6 uppfyllda")
    client.force_login(alice)
    post_url = reverse("reporting:check_preconditions", args=["blekinge", agreement.pk])
    response = client.post(
        post_url, {"checks-precondition": basic.pk, "checks-met": "1", "checks-note": "Kvar"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Välj minst en mottagare." in html and 'value="Kvar"' in html
    assert not PreconditionCheck.objects.exists()


def test_only_the_coordinator_marks_many(client, bob, blekinge, agreement, karlskrona):
    client.force_login(bob)
    post_url = reverse("reporting:check_preconditions", args=["blekinge", agreement.pk])
    with nothing_written():
        assert client.post(post_url, {"checks-met": "1"}).status_code == 403
