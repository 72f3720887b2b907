"""The county coordinator's pages for reporting requirements (create, change) and for adding a
precondition, on the Dalarna demo: what is saved, errors next to their field with what was
typed kept, what reports lock, a save over someone else's change, and the region and role
boundaries."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.funds.models import Agreement
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Region
from pusselbit.reporting.domain import import_question_set
from pusselbit.reporting.domain.requirements import (
    create_requirement,
    parse_reminder_days,
    requirement_version,
    update_requirement,
)
from pusselbit.reporting.models import Precondition, ReminderSent, Requirement
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db
User = get_user_model()

CSV = """section,code,question,help_text,answer_type,required,choices
Insatser,1.1,Vilka insatser har genomförts?,,text,ja,
"""


@pytest.fixture
def dalarna_demo(demo_once, db):
    return Region.objects.get(slug="dalarna")


def login(client, username):
    client.force_login(User.objects.get(username=username))
    # English, so the assertions read the messages as written, whatever the catalogue holds.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def coordinator(client, dalarna_demo):
    return login(client, "dalarna-lanssamordnare")


@pytest.fixture
def reported(dalarna_demo):
    """The demo's final report of ÖK 2020, which Borlänge, Mora and Avesta have submitted."""
    return Requirement.objects.get(region=dalarna_demo)


@pytest.fixture
def other_set():
    return import_question_set("Delredovisning (test)", "SKR", "d.csv", CSV.encode(), actor=None)


@pytest.fixture
def unreported(dalarna_demo, reported, other_set):
    """A partial report nobody has started on."""
    return create_requirement(
        User.objects.get(username="dalarna-lanssamordnare"),
        dalarna_demo,
        agreement=reported.agreement,
        kind="partial",
        deadline=datetime.date(2020, 10, 31),
        question_set=reported.question_set,
        recipients=list(reported.recipients.all()),
        remind_days_before="14",
    )


def new_url(region):
    return reverse("reporting:new_requirement", args=[region.slug])


def edit_url(requirement):
    return reverse("reporting:edit_requirement", args=[requirement.region.slug, requirement.pk])


def posted(requirement, **changes):
    """The edit form as the page would post it, with `changes`."""
    data = {
        "agreement": requirement.agreement_id,
        "kind": requirement.kind,
        "deadline": requirement.deadline.isoformat(),
        "question_set": requirement.question_set_id,
        "recipients": list(requirement.recipients.values_list("pk", flat=True)),
        "remind_days_before": ", ".join(map(str, requirement.remind_days_before)),
        "precondition_for_next_year": "on" if requirement.precondition_for_next_year else None,
        "edit_version": requirement_version(requirement),
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


def new_requirement_data(region, **changes):
    agreement = Agreement.objects.get(name="ÖK 2020")
    data = {
        "agreement": agreement.pk,
        "kind": "partial",
        "deadline": "2021-03-31",
        "question_set": Requirement.objects.get(region=region).question_set_id,
        "recipients": list(
            region.organisations.filter(kind=OrganisationKind.MUNICIPALITY).values_list(
                "pk", flat=True
            )
        ),
        "remind_days_before": "7, 30,1",
        "precondition_for_next_year": "on",
        **changes,
    }
    return data


def checked(html, pk) -> bool:
    match = re.search(rf'<input type="checkbox" name="recipients" value="{pk}"[^>]*>', html)
    assert match, f"no checkbox for {pk}"
    return " checked" in match.group(0)


def error_of(html, field) -> str:
    """The text of the error list shown next to `field`."""
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""


# Creating


def test_new_requirement_page_preselects_the_region_and_its_municipalities(
    coordinator, dalarna_demo
):
    html = coordinator.get(new_url(dalarna_demo)).content.decode()

    for organisation in dalarna_demo.organisations.filter(
        kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION]
    ):
        assert checked(html, organisation.pk), organisation.name
    civil = dalarna_demo.organisations.filter(kind=OrganisationKind.CIVIL_SOCIETY).first()
    assert f'value="{civil.pk}"' not in html  # civil society does not report here
    assert html.count("<h1>") == 1 and "<legend>Who must report</legend>" in html
    assert '<label for="id_remind_days_before">' in html and 'type="date"' in html


def test_create_requirement_saves_it_and_returns_to_the_overview(coordinator, dalarna_demo):
    before = set(Requirement.objects.values_list("pk", flat=True))
    data = new_requirement_data(dalarna_demo)

    response = coordinator.post(new_url(dalarna_demo), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:overview", args=["dalarna"])
    created = Requirement.objects.exclude(pk__in=before).get()
    assert created.region == dalarna_demo and created.kind == "partial"
    assert created.deadline == datetime.date(2021, 3, 31)
    assert created.remind_days_before == [30, 7, 1]
    assert created.precondition_for_next_year is True
    assert set(created.recipients.values_list("pk", flat=True)) == set(data["recipients"])
    entry = AuditEntry.objects.filter(action="reporting.requirement_created").order_by("pk").last()
    assert entry.target_id == str(created.pk) and entry.data["deadline"] == "2021-03-31"
    overview = coordinator.get(response["Location"]).content.decode()
    assert "The reporting requirement is saved: Partial report, ÖK 2020" in overview


def test_create_with_bad_reminder_days_keeps_what_was_typed_and_says_why(coordinator, dalarna_demo):
    count = Requirement.objects.count()

    response = coordinator.post(
        new_url(dalarna_demo), new_requirement_data(dalarna_demo, remind_days_before="30, sju")
    )

    assert response.status_code == 200 and Requirement.objects.count() == count
    html = response.content.decode()
    assert "“sju” is not a whole number of days" in error_of(html, "remind_days_before")
    assert 'value="30, sju"' in html and 'aria-invalid="true"' in html
    assert 'href="#id_remind_days_before"' in html  # the error summary links to the field


def test_create_with_reminder_day_zero_is_refused(coordinator, dalarna_demo):
    response = coordinator.post(
        new_url(dalarna_demo), new_requirement_data(dalarna_demo, remind_days_before="7, 0")
    )

    assert "between 1 and 365 days" in error_of(response.content.decode(), "remind_days_before")


def test_create_with_a_bad_date_keeps_it_and_shows_the_error(coordinator, dalarna_demo):
    count = Requirement.objects.count()

    response = coordinator.post(
        new_url(dalarna_demo), new_requirement_data(dalarna_demo, deadline="2021-02-30")
    )

    assert Requirement.objects.count() == count
    html = response.content.decode()
    assert error_of(html, "deadline") == "Enter a valid date."
    assert 'value="2021-02-30"' in html
    assert 'value="7, 30,1"' in html  # the rest of what was typed is kept too


def test_reminder_days_are_parsed_largest_first_without_repeats():
    assert parse_reminder_days("1, 30;7 7") == [30, 7, 1]
    assert parse_reminder_days("") == []
    with pytest.raises(ValidationError):
        parse_reminder_days("-3")


# Changing


def test_edit_moves_the_deadline_and_keeps_reminders_already_sent(coordinator, reported):
    recipient = reported.recipients.first()
    ReminderSent.objects.create(
        requirement=reported, recipient=recipient, key="before-7:2021-03-31"
    )
    page = coordinator.get(edit_url(reported)).content.decode()
    assert f'name="edit_version" value="{requirement_version(reported)}"' in page

    response = coordinator.post(edit_url(reported), posted(reported, deadline="2021-04-30"))

    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.deadline == datetime.date(2021, 4, 30)
    assert ReminderSent.objects.filter(requirement=reported, key="before-7:2021-03-31").count() == 1
    entry = AuditEntry.objects.get(action="reporting.requirement_changed")
    assert entry.data["changed"] == {"deadline": ["2021-03-31", "2021-04-30"]}


def test_question_set_and_agreement_are_locked_once_a_report_exists(
    coordinator, reported, unreported, other_set
):
    page = coordinator.get(edit_url(reported)).content.decode()
    assert re.search(r'<select name="question_set"[^>]*disabled', page)
    assert re.search(r'<select name="agreement"[^>]*disabled', page)
    assert "so its agreement and question set can no longer be changed" in page
    original = reported.question_set_id

    coordinator.post(edit_url(reported), posted(reported, question_set=other_set.pk))
    with pytest.raises(ValidationError) as refused:
        update_requirement(None, reported, requirement_version(reported), question_set=other_set)

    reported.refresh_from_db()
    assert reported.question_set_id == original
    assert "question_set" in refused.value.message_dict
    # Without reports, the question set can still be changed.
    coordinator.post(edit_url(unreported), posted(unreported, question_set=other_set.pk))
    unreported.refresh_from_db()
    assert unreported.question_set == other_set


def test_removing_a_recipient_with_a_report_is_refused_naming_it(coordinator, reported):
    keep = reported.recipients.exclude(name="Borlänge")
    count = reported.recipients.count()

    response = coordinator.post(
        edit_url(reported),
        posted(reported, recipients=list(keep.values_list("pk", flat=True))),
    )

    assert response.status_code == 200
    assert error_of(response.content.decode(), "recipients") == (
        "Borlänge has a report on this requirement and cannot be removed."
    )
    assert reported.recipients.count() == count


def test_a_recipient_without_a_report_can_be_removed(coordinator, reported):
    falun = reported.recipients.get(name="Falun")  # has not started its report
    keep = reported.recipients.exclude(pk=falun.pk)

    coordinator.post(
        edit_url(reported), posted(reported, recipients=list(keep.values_list("pk", flat=True)))
    )

    assert not reported.recipients.filter(pk=falun.pk).exists()


def test_a_save_over_someone_elses_change_is_refused(coordinator, reported):
    opened = posted(reported, deadline="2021-05-31")  # the page as it was opened
    colleague = User.objects.get(username="dalarna-administrator")
    update_requirement(colleague, reported, requirement_version(reported), remind_days_before=[14])

    response = coordinator.post(edit_url(reported), opened)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this reporting requirement after you opened it" in html
    assert f'href="{edit_url(reported)}"' in html and 'value="2021-05-31"' in html
    reported.refresh_from_db()
    assert reported.deadline == datetime.date(2021, 3, 31) and reported.remind_days_before == [14]


# Who may


def test_the_coordinator_opens_both_pages(coordinator, dalarna_demo, reported):
    new = coordinator.get(new_url(dalarna_demo)).content.decode()
    edit = coordinator.get(edit_url(reported)).content.decode()

    assert "<h1>New reporting requirement</h1>" in new
    assert "<h1>Change the reporting requirement: Final report, ÖK 2020</h1>" in edit


def test_a_local_coordinator_may_not_set_up_requirements(client, dalarna_demo, reported):
    login(client, "dalarna-lokal-samordnare")
    count = Requirement.objects.count()

    assert client.get(new_url(dalarna_demo)).status_code == 403
    with nothing_written():
        response = client.post(new_url(dalarna_demo), new_requirement_data(dalarna_demo))
        assert response.status_code == 403
    assert client.get(edit_url(reported)).status_code == 403
    moved = client.post(edit_url(reported), posted(reported, deadline="2021-06-30"))

    assert moved.status_code == 403 and Requirement.objects.count() == count
    reported.refresh_from_db()
    assert reported.deadline == datetime.date(2021, 3, 31)


def test_another_regions_coordinator_gets_a_404(client, dalarna_demo, reported):
    login(client, "vastra-gotaland-lanssamordnare")

    assert client.get(new_url(dalarna_demo)).status_code == 404
    assert client.get(edit_url(reported)).status_code == 404
    # Dalarna's requirement under the user's own region is not found either.
    own = reverse("reporting:edit_requirement", args=["vastra-gotaland", reported.pk])
    assert client.get(own).status_code == 404
    with nothing_written():
        assert client.post(own, posted(reported, deadline="2021-06-30")).status_code == 404
    reported.refresh_from_db()
    assert reported.deadline == datetime.date(2021, 3, 31)


def test_anonymous_is_sent_to_sign_in(client, dalarna_demo):
    response = client.get(new_url(dalarna_demo))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


# Preconditions


def precondition_url(requirement):
    return reverse(
        "reporting:preconditions", args=[requirement.region.slug, requirement.agreement_id]
    )


def test_the_coordinator_adds_a_precondition_last(coordinator, reported):
    url = precondition_url(reported)
    assert 'name="text"' in coordinator.get(url).content.decode()

    response = coordinator.post(url, {"text": "  Handlingsplanen är  antagen "})

    assert response.status_code == 302 and response["Location"] == url
    added = Precondition.objects.filter(region=reported.region).order_by("order").last()
    assert added.text == "Handlingsplanen är antagen" and added.agreement == reported.agreement
    assert AuditEntry.objects.filter(
        action="reporting.precondition_added", target_id=str(added.pk)
    ).exists()
    page = coordinator.get(url).content.decode()
    assert "“Handlingsplanen är antagen” is added to the preconditions." in page
    assert '<th scope="col">Handlingsplanen är antagen</th>' in page


def test_a_precondition_already_there_or_empty_is_refused(coordinator, reported):
    existing = Precondition.objects.filter(region=reported.region).first()
    count = Precondition.objects.count()

    again = coordinator.post(precondition_url(reported), {"text": existing.text.upper()})
    empty = coordinator.post(precondition_url(reported), {"text": "   "})

    assert error_of(again.content.decode(), "text") == (
        "This agreement already has that precondition."
    )
    assert error_of(empty.content.decode(), "text")
    assert Precondition.objects.count() == count


def test_a_local_coordinator_may_not_add_a_precondition(client, reported):
    login(client, "dalarna-lokal-samordnare")
    count = Precondition.objects.count()

    page = client.get(precondition_url(reported)).content.decode()
    response = client.post(precondition_url(reported), {"text": "Något nytt"})

    assert 'name="text"' not in page
    assert response.status_code == 403 and Precondition.objects.count() == count


# Removing


def remove_url(requirement):
    return f"{edit_url(requirement).removesuffix('andra/')}ta-bort/"


def test_a_requirement_nobody_reported_on_is_removed_after_asking(coordinator, unreported):
    from pusselbit.reporting.models import ReminderSent

    recipient = unreported.recipients.first()
    ReminderSent.objects.create(requirement=unreported, recipient=recipient, key="x")
    edit = coordinator.get(edit_url(unreported)).content.decode()
    assert f'href="{remove_url(unreported)}"' in edit
    ask = coordinator.get(remove_url(unreported))
    assert ask.status_code == 200 and Requirement.objects.filter(pk=unreported.pk).exists()

    response = coordinator.post(remove_url(unreported))

    assert response.status_code == 302
    assert not Requirement.objects.filter(pk=unreported.pk).exists()
    assert not ReminderSent.objects.filter(key="x").exists()
    entry = AuditEntry.objects.get(action="reporting.requirement_removed")
    assert entry.data["kind"] == "partial" and entry.data["deadline"] == "2020-10-31"


def test_a_requirement_with_reports_is_not_removed(coordinator, reported):
    edit = coordinator.get(edit_url(reported)).content.decode()
    assert remove_url(reported) not in edit
    page = coordinator.get(remove_url(reported)).content.decode()
    assert "cannot be removed" in page and 'type="submit"' not in page.split("<main")[1]

    response = coordinator.post(remove_url(reported))

    assert response.status_code == 200
    assert "cannot be removed" in response.content.decode()
    assert Requirement.objects.filter(pk=reported.pk).exists()


def test_only_the_coordinator_of_the_region_removes(client, unreported):
    login(client, "dalarna-lokal-samordnare")
    with nothing_written():
        assert client.post(remove_url(unreported)).status_code == 403
    login(client, "vastra-gotaland-lanssamordnare")
    with nothing_written():
        assert client.post(remove_url(unreported)).status_code == 404
    assert Requirement.objects.filter(pk=unreported.pk).exists()
