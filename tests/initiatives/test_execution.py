"""Steps 10–12: follow-up with effect-measure values, adjustments, seminars, the final
evaluation and the resource review, through the pages and the domain."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.domain import execution
from pusselbit.initiatives.domain.proposal import proposal_of
from pusselbit.initiatives.models import (
    Adjustment,
    EffectMeasure,
    FinalEvaluation,
    FollowUpReport,
    Initiative,
    MeasureValue,
    ResourceReview,
    Seminar,
)
from pusselbit.initiatives.queries.execution import execution_context
from pusselbit.initiatives.workflows.gates import GATES
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 31)
PAGES = ["progress_report", "adjustment", "seminar", "final_evaluation", "resource_review"]


@pytest.fixture
def running(make_initiative):
    return make_initiative("genomforande")


@pytest.fixture
def measures(running):
    proposal = proposal_of(running)
    return [
        EffectMeasure.objects.create(
            proposal=proposal,
            name="Andel som fullföljer",
            target_group="Unga vuxna",
            baseline=Decimal("40"),
            target=Decimal("60"),
            unit="%",
        ),
        EffectMeasure.objects.create(
            proposal=proposal, name="Antal samtal", target_group="Unga vuxna", unit="st"
        ),
    ]


@pytest.fixture
def as_user(client):
    """Sign `user` in on English pages (the messages are English until translated)."""

    def sign_in(user):
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in


def url(name, initiative):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk])


def detail_url(initiative):
    return url("detail", initiative) + "#execution"


def field_html(html: str, field_id: str) -> str:
    """The markup of one field group, from its opening <div class="field…"> to its input."""
    at = html.index(f'id="{field_id}"')
    start = html.rindex('<div class="field', 0, at)
    return html[start : html.index(">", at) + 1]


def audit_actions(initiative):
    return list(
        AuditEntry.objects.filter(
            target_type=ContentType.objects.get_for_model(Initiative), target_id=str(initiative.pk)
        ).values_list("action", flat=True)
    )


# Follow-up -------------------------------------------------------------------------------


def test_progress_report_page_has_a_field_per_measure_with_baseline_and_target(
    as_user, people, running, measures
):
    html = as_user(people["initiator"]).get(url("progress_report", running)).content.decode()
    assert html.count("<h1") == 1
    first = field_html(html, f"id_measure_{measures[0].pk}")
    assert "Andel som fullföljer (%)" in first
    assert "Baseline: 40 %. Target: 60 %." in first
    assert 'inputmode="decimal"' in first
    assert "Baseline: not set. Target: not set." in field_html(html, f"id_measure_{measures[1].pk}")
    assert 'type="date"' in field_html(html, "id_period_start")


def test_progress_report_owner_reports_values_through_the_page(as_user, people, running, measures):
    response = as_user(people["initiator"]).post(
        url("progress_report", running),
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "done": "Tolv samtalsgrupper har startat.",
            "deviations": "",
            f"measure_{measures[0].pk}": "1 234,50",
            f"measure_{measures[1].pk}": "",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(running)
    report = FollowUpReport.objects.get(initiative=running)
    assert (report.period_start, report.period_end) == (datetime.date(2026, 1, 1), DAY)
    assert report.done == "Tolv samtalsgrupper har startat."
    assert report.reported_by == people["initiator"]
    assert [(v.measure, v.value) for v in report.values.all()] == [
        (measures[0], Decimal("1234.50"))
    ]
    assert "initiative.follow_up_reported" in audit_actions(running)


def test_progress_report_bad_input_keeps_what_was_typed_and_marks_the_fields(
    as_user, people, running, measures
):
    response = as_user(people["initiator"]).post(
        url("progress_report", running),
        {
            "period_start": "2026-03-31",
            "period_end": "2026-01-01",
            "done": "Samtalsgrupper startade.",
            f"measure_{measures[0].pk}": "mycket",
            f"measure_{measures[1].pk}": "12",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert FollowUpReport.objects.count() == 0
    assert "There is a problem" in html
    end = field_html(html, "id_period_end")
    assert "field--error" in end
    assert "The period cannot end before it starts." in end
    assert 'value="2026-01-01"' in end
    value = field_html(html, f"id_measure_{measures[0].pk}")
    assert "field--error" in value and "Enter a number." in value
    assert 'value="mycket"' in value
    assert 'value="12"' in field_html(html, f"id_measure_{measures[1].pk}")
    assert "Samtalsgrupper startade." in html


def test_progress_report_refuses_a_measure_of_another_initiative(people, running, make_initiative):
    other = make_initiative("genomforande", title="Annan satsning")
    foreign = EffectMeasure.objects.create(
        proposal=proposal_of(other), name="Främmande mått", target_group="Alla"
    )
    with pytest.raises(ValidationError) as raised:
        execution.report_progress(
            running,
            actor=people["initiator"],
            period_start=datetime.date(2026, 1, 1),
            period_end=DAY,
            done="Gjort.",
            values={foreign: Decimal("1")},
        )
    assert "values" in raised.value.message_dict
    assert not FollowUpReport.objects.exists()


def test_progress_report_domain_keys_its_errors_by_field(people, running):
    with pytest.raises(ValidationError) as raised:
        execution.report_progress(
            running,
            actor=people["initiator"],
            period_start=DAY,
            period_end=DAY.replace(day=1),
            done="  ",
        )
    assert set(raised.value.message_dict) == {"period_end", "done"}


def test_progress_report_is_refused_to_a_colleague_without_the_role(as_user, people, running):
    response = as_user(people["analyst"]).get(url("progress_report", running))
    assert response.status_code == 403


# Adjustment, seminar ---------------------------------------------------------------------


def test_steering_group_member_records_an_adjustment(as_user, people, running):
    response = as_user(people["steering_group_member"]).post(
        url("adjustment", running),
        {
            "agreed_on": "2026-04-15",
            "description": "Fler träffar i Ronneby.",
            "agreed_with": "Styrgruppen",
        },
    )
    assert response.status_code == 302 and response["Location"] == detail_url(running)
    adjustment = Adjustment.objects.get(initiative=running)
    assert adjustment.agreed_on == datetime.date(2026, 4, 15)
    assert (adjustment.description, adjustment.agreed_with) == (
        "Fler träffar i Ronneby.",
        "Styrgruppen",
    )
    assert adjustment.recorded_by == people["steering_group_member"]
    assert "initiative.adjustment_recorded" in audit_actions(running)


def test_adjustment_without_description_shows_the_error_by_the_field(as_user, people, running):
    response = as_user(people["steering_group_member"]).post(
        url("adjustment", running),
        {"agreed_on": "2026-04-15", "description": "", "agreed_with": "Styrgruppen"},
    )
    html = response.content.decode()
    assert "This field is required." in field_html(html, "id_description")
    assert 'value="Styrgruppen"' in field_html(html, "id_agreed_with")
    assert not Adjustment.objects.exists()


def test_initiator_cannot_record_a_seminar(as_user, people, running):
    client = as_user(people["initiator"])
    assert client.get(url("seminar", running)).status_code == 403
    response = client.post(url("seminar", running), {"held_on": "2026-05-01", "title": "Lärande"})
    assert response.status_code == 403
    assert not Seminar.objects.exists()


def test_county_coordinator_records_a_seminar(as_user, people, running):
    response = as_user(people["county_coordinator"]).post(
        url("seminar", running),
        {"held_on": "2026-05-01", "title": "Lärseminarium", "audience": "Samordningsgruppen"},
    )
    assert response.status_code == 302
    seminar = Seminar.objects.get(initiative=running)
    assert (seminar.title, seminar.held_on) == ("Lärseminarium", datetime.date(2026, 5, 1))


# Final evaluation, resource review -------------------------------------------------------


def test_final_evaluation_is_recorded_once_only(as_user, people, running):
    client = as_user(people["initiator"])
    data = {"summary": "Gick bra.", "effects": "Fler fullföljer.", "evaluated_on": "2026-12-01"}
    assert client.post(url("final_evaluation", running), data).status_code == 302
    assert FinalEvaluation.objects.get(initiative=running).summary == "Gick bra."

    again = client.post(url("final_evaluation", running), {**data, "summary": "Andra gången."})
    assert "already been recorded" in again.content.decode()
    assert FinalEvaluation.objects.get(initiative=running).summary == "Gick bra."
    running.refresh_from_db()
    with pytest.raises(ValidationError):
        execution.record_final_evaluation(
            running, actor=people["county_coordinator"], summary="X", effects="Y", evaluated_on=DAY
        )
    assert FinalEvaluation.objects.count() == 1


def test_gate_final_evaluation_passes_after_the_evaluation(people, running):
    assert GATES["final_evaluation"].check(running)
    execution.record_final_evaluation(
        running, actor=people["initiator"], summary="Klar.", effects="Effekter.", evaluated_on=DAY
    )
    running.refresh_from_db()
    assert GATES["final_evaluation"].check(running) == []


def test_finance_officer_reviews_the_resources_once(as_user, people, make_initiative):
    initiative = make_initiative("implementering")
    client = as_user(people["finance_officer"])
    response = client.post(
        url("resource_review", initiative),
        {
            "economic_resources": "400 000 kr per år ur ordinarie budget.",
            "personnel_resources": "Två samtalsledare.",
            "scale_up_plan": "Alla fem kommuner 2027.",
            "reviewed_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    review = ResourceReview.objects.get(initiative=initiative)
    assert review.recorded_by == people["finance_officer"]
    assert review.reviewed_on == datetime.date(2026, 11, 20)
    assert "initiative.resources_reviewed" in audit_actions(initiative)
    initiative.refresh_from_db()
    assert GATES["resources_reviewed"].check(initiative) == []
    with pytest.raises(ValidationError):
        execution.review_resources(
            initiative,
            actor=people["finance_officer"],
            economic_resources="a",
            personnel_resources="b",
            scale_up_plan="c",
            reviewed_on=DAY,
        )


def test_initiator_cannot_review_resources(as_user, people, running):
    assert as_user(people["initiator"]).get(url("resource_review", running)).status_code == 403


# Stage, region, sign-in ------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_nothing_is_recorded_before_the_initiative_runs(as_user, people, make_initiative, page):
    decided = make_initiative("beslut")
    client = as_user(people["county_coordinator"])
    assert client.get(url(page, decided)).status_code == 403
    with nothing_written():
        assert client.post(url(page, decided), {"title": "x"}).status_code == 403


def test_domain_refuses_a_progress_report_before_the_initiative_runs(people, make_initiative):
    decided = make_initiative("beslut")
    with pytest.raises(PermissionDenied):
        execution.report_progress(
            decided, actor=people["initiator"], period_start=DAY, period_end=DAY, done="x"
        )
    assert not FollowUpReport.objects.exists()


@pytest.mark.parametrize("page", PAGES)
def test_another_regions_user_gets_404(as_user, charlie, running, page):
    assert as_user(charlie).get(url(page, running)).status_code == 404


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_is_sent_to_sign_in(client, running, page):
    response = client.get(url(page, running))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# The initiative page's section -----------------------------------------------------------


def report(initiative, actor, month, values):
    return execution.report_progress(
        initiative,
        actor=actor,
        period_start=datetime.date(2026, month, 1),
        period_end=datetime.date(2026, month, 28),
        done=f"Månad {month}.",
        values=values,
    )


def render_section(initiative, user):
    with translation.override("en"):
        return render_to_string(
            "initiatives/sections/execution.html",
            {"initiative": initiative, **execution_context(initiative, user)},
        )


def test_section_shows_each_measure_as_baseline_values_and_target(people, running, measures):
    report(running, people["initiator"], 1, {measures[0]: Decimal("45")})
    report(running, people["initiator"], 2, {measures[0]: Decimal("52.5")})
    html = render_section(running, people["initiator"])
    assert '<section id="execution" aria-labelledby="execution-heading">' in html
    assert re.search(r"<caption[^>]*>Andel som fullföljer \(%\) – Unga vuxna</caption>", html)
    table = html[html.index("Andel som fullföljer (%)") : html.index("</table>")]
    rows = [row.split("</th>")[1] for row in table.split('<tr><th scope="row">')[1:]]
    assert [r[r.index(">") + 1 : r.index("</td>")] for r in rows] == ["40", "45", "52,5", "60"]
    assert "2026-02-01 – 2026-02-28" in table
    # The chart carries the same numbers, and a text alternative.
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    for number in ["40", "45", "52,5", "60"]:
        assert f">{number}</text>" in svg
    assert html.count("<svg") == 1  # the second measure has no values to draw
    assert f'href="{url("progress_report", running)}"' in html
    assert f'href="{url("seminar", running)}"' not in html  # the initiator may not


def test_section_is_hidden_before_execution(people, make_initiative):
    decided = make_initiative("beslut")
    assert "execution-heading" not in render_section(decided, people["county_coordinator"])


def test_section_after_execution_shows_what_was_recorded(people, running):
    execution.record_seminar(
        running, actor=people["county_coordinator"], held_on=DAY, title="Spridningsseminarium"
    )
    running.stage = running.workflow.stages.get(key="avslutad")
    running.save(update_fields=["stage"])
    context = execution_context(running, people["county_coordinator"])["execution"]
    assert not any(context[flag] for flag in ["can_report", "can_seminar", "can_evaluate"])
    html = render_section(running, people["county_coordinator"])
    assert "Spridningsseminarium" in html
    assert url("seminar", running) not in html


def test_execution_context_reads_in_a_fixed_number_of_queries(people, running, measures):
    owner = people["initiator"]

    def count():
        initiative = Initiative.objects.select_related("stage", "region").get(pk=running.pk)
        with CaptureQueriesContext(connection) as queries:
            context = execution_context(initiative, owner)["execution"]
            for series in context["series"]:
                [value.report.period_end for value in series.values]
            for one in context["reports"]:
                [(value.measure.name, value.value) for value in one.values.all()]
                str(one.reported_by)
            for row in [*context["adjustments"], *context["seminars"]]:
                str(row.recorded_by)
        return len(queries)

    report(running, owner, 1, {measures[0]: Decimal("1")})
    one = count()
    for month in range(2, 12):
        report(running, owner, month, {m: Decimal(month) for m in measures})
        execution.record_adjustment(
            running,
            actor=people["steering_group_member"],
            agreed_on=DAY,
            description="Justering",
            agreed_with="Styrgruppen",
        )
        execution.record_seminar(
            running, actor=people["county_coordinator"], held_on=DAY, title="S"
        )
    assert MeasureValue.objects.count() == 21
    assert count() == one
