"""The proposal page (issue 16, item 6): the texts, the effect measures and the budget lines on
one form, saved at once through save_proposal, all or nothing, each row's error next to its
field, and back on the initiative page at the proposal."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.domain.execution import report_progress
from pusselbit.initiatives.models import BudgetLine, EffectMeasure, Proposal, Stage
from tests.initiatives.helpers import page_form, write_proposal
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})


def url(name, initiative):
    return reverse(f"initiatives:{name}", args=[initiative.region.slug, initiative.pk])


@pytest.fixture
def drafting(make_initiative, people, client):
    """An initiative in the proposal stage with one measure and one budget line, and its writer
    signed in."""
    initiative = make_initiative("underlag")
    write_proposal(initiative, people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    return initiative


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_texts_measures_and_budget_are_saved_in_one_submit(client, drafting):
    data = page_form(client, url("proposal", drafting))
    before = len(actions())
    data |= {
        "purpose": "Att unga vuxna får stöd inom en vecka.",
        "measure-1-name": "Andel som fått stöd",
        "measure-1-target_group": "Unga vuxna",
        "measure-1-target": "90",
        "measure-1-unit": "procent",
        "budget-0-amount": "700 000",
        "budget-1-year": "2028",
        "budget-1-category": "Utvärdering",
        "budget-1-amount": "120 000,50",
        "budget-1-funding": "own",
    }

    response = client.post(url("proposal", drafting), data)

    assert response.status_code == 302
    assert response["Location"] == f"{url('detail', drafting)}#proposal"
    proposal = Proposal.objects.get(initiative=drafting)
    assert proposal.purpose == "Att unga vuxna får stöd inom en vecka."
    assert list(proposal.measures.values_list("name", flat=True)) == [
        "Väntetid",
        "Andel som fått stöd",
    ]
    assert [(line.year, line.amount) for line in proposal.budget_lines.all()] == [
        (2027, Decimal("700000.00")),
        (2028, Decimal("120000.50")),
    ]
    assert actions()[before:] == [
        "initiative.proposal_updated",
        "initiative.measure_added",
        "initiative.budget_line_changed",
        "initiative.budget_line_added",
    ]
    changed = AuditEntry.objects.get(action="initiative.budget_line_changed")
    old, new = changed.data["changed"]["amount"]
    assert (Decimal(old), Decimal(new)) == (Decimal("650000"), Decimal("700000"))
    assert changed.data["category"] == "Samtalsstödjare"


def test_a_ticked_row_is_removed(client, drafting):
    data = page_form(client, url("proposal", drafting)) | {"measure-0-DELETE": "on"}

    response = client.post(url("proposal", drafting), data)

    assert response.status_code == 302
    assert not EffectMeasure.objects.filter(proposal__initiative=drafting).exists()
    assert AuditEntry.objects.get(action="initiative.measure_removed").data["measure"] == "Väntetid"


def test_a_row_in_error_keeps_everything_typed_and_saves_nothing(client, drafting):
    data = page_form(client, url("proposal", drafting)) | {
        "purpose": "Ny text som inte sparas",
        "budget-1-year": "2028",
        "budget-1-category": "Drift av lokalen",
        "budget-1-amount": "50 000",
        "budget-1-funding": "stimulus",
        "budget-1-ordinary_running_cost": "on",
    }

    with nothing_written():
        response = client.post(url("proposal", drafting), data)

    assert response.status_code == 200
    html = response.content.decode()
    row = response.context["budget"].forms[1]
    assert "ordinary_running_cost" in row.errors
    assert "Stimulus funds must not pay for ordinary running costs." in html
    assert 'href="#id_budget-1-ordinary_running_cost"' in html  # the summary links the field
    assert 'value="Drift av lokalen"' in html and "Ny text som inte sparas" in html


def test_a_row_the_domain_refuses_is_shown_at_its_row_and_nothing_is_saved(
    client, drafting, people
):
    measure = EffectMeasure.objects.get(proposal__initiative=drafting)
    drafting.stage = Stage.objects.get(workflow=drafting.workflow, key="genomforande")
    drafting.save()
    report_progress(
        drafting,
        actor=people["county_coordinator"],
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 6, 30),
        done="Gjort",
        values={measure: Decimal("30")},
    )
    drafting.stage = Stage.objects.get(workflow=drafting.workflow, key="underlag")
    drafting.save()
    data = page_form(client, url("proposal", drafting)) | {
        "measure-0-DELETE": "on",
        "budget-0-category": "Samtalsstödjare och handledning",
    }

    with nothing_written():
        response = client.post(url("proposal", drafting), data)

    assert response.status_code == 200
    row = response.context["measures"].forms[0]
    assert "has reported values" in " ".join(row.non_field_errors())
    assert 'href="#measure-0"' in response.content.decode()
    assert BudgetLine.objects.get(proposal__initiative=drafting).category == "Samtalsstödjare"


def test_keep_editing_returns_to_the_page_with_new_blank_rows(client, drafting):
    data = page_form(client, url("proposal", drafting)) | {
        "budget-1-year": "2028",
        "budget-1-category": "Utvärdering",
        "budget-1-amount": "100 000",
        "budget-1-funding": "stimulus",
        "keep_editing": "1",
    }

    response = client.post(url("proposal", drafting), data, follow=True)

    assert response.redirect_chain == [(url("proposal", drafting), 302)]
    budget = response.context["budget"]
    assert budget.initial_form_count() == 2 and budget.total_form_count() == 4
    # Two years: the totals per year are shown, with the whole.
    html = response.content.decode()
    assert "Budget totals per year" in html
    assert "750\xa0000,00" in html, html[html.index("budget-years-caption") :][:1500]


def test_the_page_is_refused_when_the_stage_does_not_allow_changes(client, drafting):
    drafting.stage = Stage.objects.get(workflow=drafting.workflow, key="rekommendation")
    drafting.save()
    assert client.get(url("proposal", drafting)).status_code == 403
    data = {"version": "1", "measure-TOTAL_FORMS": "0", "measure-INITIAL_FORMS": "0"}
    with nothing_written():
        assert client.post(url("proposal", drafting), data).status_code == 403


def test_a_tampered_row_count_is_refused_next_to_the_list(client, drafting):
    data = page_form(client, url("proposal", drafting)) | {"budget-TOTAL_FORMS": "9" * 30}

    with nothing_written():
        response = client.post(url("proposal", drafting), data)

    assert response.status_code == 200
    assert response.context["budget"].non_form_errors()


def test_a_budget_line_changed_to_stimulus_for_running_costs_is_refused(drafting, people):
    from django.core.exceptions import ValidationError

    from pusselbit.initiatives import domain

    line = BudgetLine.objects.get(proposal__initiative=drafting)
    with nothing_written(), pytest.raises(ValidationError):
        domain.change_budget_line(
            line, actor=people["county_coordinator"], ordinary_running_cost=True
        )
    assert not AuditEntry.objects.filter(action="initiative.budget_line_changed").exists()


def test_a_row_of_another_proposal_is_not_saved_with_this_one(drafting, make_initiative, people):
    from pusselbit.core.rows import RowChange
    from pusselbit.initiatives import domain

    other = make_initiative("underlag", title="En annan satsning")
    write_proposal(other, people["county_coordinator"])
    foreign = EffectMeasure.objects.get(proposal__initiative=other)
    version = Proposal.objects.get(initiative=drafting).version
    with nothing_written(), pytest.raises(ValueError):
        domain.save_proposal(
            drafting,
            actor=people["county_coordinator"],
            expected_version=version,
            texts={},
            measures=[RowChange("row", foreign, remove=True)],
        )
    assert EffectMeasure.objects.filter(pk=foreign.pk).exists()


def test_a_row_removed_by_someone_else_meanwhile_is_named_at_its_row(client, drafting, people):
    from pusselbit.initiatives import domain

    data = page_form(client, url("proposal", drafting)) | {"measure-0-target": "10"}
    measure = EffectMeasure.objects.get(proposal__initiative=drafting)
    domain.remove_effect_measure(measure, actor=people["local_coordinator"])

    with nothing_written():
        response = client.post(url("proposal", drafting), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else has removed this row since the page was opened." in html
    assert 'href="#measure-0"' in html and "<legend>A row removed meanwhile</legend>" in html
