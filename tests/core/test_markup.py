"""Markup that people type — a question set's help text, a report answer, an initiative's
title, a unit of measure — comes out as text on the pages that show it, never as markup."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from pusselbit.initiatives.domain import create_initiative
from pusselbit.initiatives.forms.execution import ProgressReportForm
from pusselbit.initiatives.models import EffectMeasure
from pusselbit.reporting.domain import import_question_set, save_answers, start_report
from pusselbit.reporting.models import Requirement
from tests.factories import OrganisationFactory
from tests.reporting.test_pages import agreement as agreement  # noqa: F401 -- a fixture

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
LINK = '<a href="http://evil.example/">Logga in här</a>'
SCRIPT_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"
LINK_SHOWN = "&lt;a href=&quot;http://evil.example/&quot;&gt;Logga in här&lt;/a&gt;"

QUESTIONS = f"""section;code;question;help_text;answer_type;required;choices
Insatser {SCRIPT};1.1;Vilka insatser {SCRIPT}?;Se {LINK} {SCRIPT};text;ja;
"""


def assert_shown_as_text(html: str) -> None:
    assert SCRIPT not in html and 'evil.example/">' not in html
    assert SCRIPT_SHOWN in html


@pytest.fixture
def report_page(client, alice, blekinge, agreement):  # noqa: F811 -- the fixture above
    question_set = import_question_set(
        "ÖK 2020", "SKR", "fragor.csv", QUESTIONS.encode(), actor=alice, region=blekinge
    )
    requirement = Requirement.objects.create(
        agreement=agreement,
        region=blekinge,
        kind="final",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        question_set=question_set,
    )
    karlskrona = OrganisationFactory(region=blekinge, name="Karlskrona")
    requirement.recipients.add(karlskrona)
    client.force_login(alice)
    return reverse("reporting:report", args=["blekinge", requirement.pk, karlskrona.pk])


def test_help_text_of_an_imported_question_is_shown_as_text(client, report_page):
    html = client.get(report_page).content.decode()
    assert LINK_SHOWN in html
    assert_shown_as_text(html)


def test_a_report_answer_is_shown_as_text(client, alice, report_page):
    requirement = Requirement.objects.get()
    report = start_report(requirement, requirement.recipients.get(), actor=alice)
    save_answers(report, {"1.1": f"{LINK} {SCRIPT}"}, actor=alice)
    html = client.get(report_page).content.decode()
    assert html.count(LINK_SHOWN) == 2  # the help text and the answer in its text area
    assert_shown_as_text(html)


def test_question_sets_page_shows_questions_and_sections_as_text(client, report_page):
    html = client.get(reverse("reporting:question_sets", args=["blekinge"])).content.decode()
    assert f"Insatser {SCRIPT_SHOWN}" in html
    assert_shown_as_text(html)


def test_an_initiatives_title_is_shown_as_text(client, alice, blekinge):
    initiative = create_initiative(
        blekinge,
        actor=alice,
        organisation=blekinge.organisations.get(kind="region"),
        title=f"Samtalsstöd {SCRIPT}",
        problem=LINK,
    )
    client.force_login(alice)
    detail = client.get(
        reverse("initiatives:detail", args=["blekinge", initiative.pk])
    ).content.decode()
    assert LINK_SHOWN in detail
    assert_shown_as_text(detail)
    pipeline = client.get(reverse("initiatives:pipeline", args=["blekinge"])).content.decode()
    assert_shown_as_text(pipeline)


def test_a_unit_of_measure_is_shown_as_text_in_the_progress_report_help():
    measure = EffectMeasure(pk=1, name="Väntetid", unit=SCRIPT, baseline=Decimal(30))
    html = str(ProgressReportForm(measures=[measure]))
    assert_shown_as_text(html)
