"""Bring an initiative up to what each gate asks, through the domain functions."""

import datetime
from decimal import Decimal

from pusselbit.initiatives import domain
from pusselbit.initiatives.enums import Criterion, PreparationStep
from pusselbit.initiatives.models import Transition

TODAY = datetime.date(2026, 11, 22)


def complete_idea(initiative, owner):
    from pusselbit.agreements.models import Direction

    domain.update_idea(
        initiative,
        actor=owner,
        expected_version=initiative.version,
        problem="Unga vuxna väntar länge på stöd.",
        idea="Samtalsstöd inom en vecka.",
        target_groups="Unga vuxna 18–25 år",
        involved="Socialtjänst, vuxenpsykiatri",
        expected_results="Kortare väntan",
        contact_name="Anna Andersson",
        contact_email="anna@example.org",
        title=initiative.title,
        directions=Direction.objects.filter(code="suicidprevention"),
    )


def add_both_kinds(initiative, coordinator, karlskrona, regional_org):
    domain.add_participant(
        initiative, karlskrona, actor=coordinator, operation_area=karlskrona.operation_areas.first()
    )
    domain.add_participant(
        initiative,
        regional_org,
        actor=coordinator,
        operation_area=regional_org.operation_areas.first(),
    )


def assess_everything(initiative, coordinator):
    for criterion in Criterion:
        domain.assess_criterion(
            initiative, criterion, "met", "Motiverat i underlaget.", actor=coordinator
        )
    for step in PreparationStep:
        domain.record_preparation_step(initiative, step, actor=coordinator, done_on=TODAY)


def write_proposal(initiative, writer):
    from pusselbit.initiatives.domain.proposal import proposal_of

    proposal = domain.update_proposal(
        initiative,
        actor=writer,
        expected_version=proposal_of(initiative).version,
        background="Bakgrund",
        purpose="Syfte",
        goals="Mål",
        evaluation_plan="Utvärderas av FoU.",
        reporting_plan="Halvårsvis.",
        implementation_plan="Införs i ordinarie verksamhet 2028.",
        no_running_costs=True,
    )
    domain.add_effect_measure(
        initiative,
        actor=writer,
        name="Väntetid",
        target_group="Unga vuxna",
        baseline=Decimal("45"),
        target=Decimal("7"),
        unit="dagar",
    )
    domain.add_budget_line(
        initiative,
        actor=writer,
        year=2027,
        category="Samtalsstödjare",
        amount=Decimal("650000.00"),
        funding="stimulus",
    )
    return proposal


def via(initiative, target_key, outcome=""):
    """The transition out of the initiative's stage to `target_key` (with `outcome`)."""
    return Transition.objects.get(source=initiative.stage, target__key=target_key, outcome=outcome)


def page_form(client, path: str) -> dict:
    """What the page's form at `path` sends as it stands (its fields' values, the formsets'
    management forms), for a test to change a few fields of, as a person would."""
    import lxml.html

    document = lxml.html.fromstring(client.get(path).content.decode())
    (form,) = document.xpath("//main//form[contains(@class, 'form')][@method='post']")
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    return data
