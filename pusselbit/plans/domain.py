"""Every write to action plans goes through these functions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require

from .models import DEFAULT_FOCUS_AREAS, ActionPlan, FocusArea, Goal, Indicator, IndicatorValue


@transaction.atomic
def create_plan(
    region, title, first_year, last_year, *, actor, adopted_by="", description="", submission=None
) -> ActionPlan:
    """A plan with the government's five focus areas, once per `submission`."""
    require(actor, "plans.manage_plans", region)
    once = submissions.claim(submission, actor=actor)
    if last_year < first_year:
        raise ValidationError({"last_year": _("The plan cannot end before it starts.")})
    plan = ActionPlan.objects.create(
        region=region,
        title=title,
        first_year=first_year,
        last_year=last_year,
        adopted_by=adopted_by,
        description=description,
    )
    FocusArea.objects.bulk_create(
        FocusArea(plan=plan, number=number, name=name, name_en=name_en)
        for number, name, name_en in DEFAULT_FOCUS_AREAS
    )
    once.made(plan)
    audit.record("plan.created", plan, actor=actor, title=title)
    return plan


@transaction.atomic
def adopt_plan(plan, *, actor, adopted_by: str) -> ActionPlan:
    """Record which body adopted a plan being drafted (and when, in its words). Side effects:
    the plan's `adopted_by`, an audit entry; the plan is on the region's public pages from then
    on (pusselbit.public.plans: an adopted plan is a public record). A plan adopted already is
    refused: who adopted it is the record, not corrected here."""
    require(actor, "plans.manage_plans", plan.region)
    adopted_by = (adopted_by or "").strip()
    if not adopted_by:
        raise ValidationError({"adopted_by": _("Name the body that adopted it.")})
    locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if locked.adopted_by:
        raise ValidationError(
            _("The plan is adopted already, by %(body)s.") % {"body": locked.adopted_by}
        )
    locked.adopted_by = adopted_by
    locked.save(update_fields=["adopted_by"])
    audit.record("plan.adopted", locked, actor=actor, adopted_by=adopted_by)
    return locked


@transaction.atomic
def add_goal(plan, focus_area, number, text, *, actor, target_group="", indicators=()) -> Goal:
    require(actor, "plans.manage_plans", plan.region)
    if focus_area.plan_id != plan.pk:
        raise ValidationError({"focus_area": _("The focus area belongs to another plan.")})
    if plan.goals.filter(number=number, target_group=target_group).exists():
        raise ValidationError({"number": _("The plan already has that goal.")})
    goal = Goal.objects.create(
        plan=plan,
        focus_area=focus_area,
        number=number.strip(),
        target_group=target_group.strip(),
        text=text,
    )
    goal.indicators.set(indicators)
    audit.record("plan.goal_added", plan, actor=actor, goal=goal.label)
    return goal


@transaction.atomic
def add_indicator(plan, name, *, actor, unit="", description="", goals=()) -> Indicator:
    require(actor, "plans.manage_plans", plan.region)
    indicator = Indicator.objects.create(plan=plan, name=name, unit=unit, description=description)
    indicator.goals.set(goals)
    audit.record("plan.indicator_added", plan, actor=actor, indicator=name)
    return indicator


@transaction.atomic
def record_indicator_value(
    indicator, *, actor, period, period_label, value, source
) -> IndicatorValue:
    """Record (or correct) the indicator's value for a period, with its source."""
    require(actor, "plans.record_values", indicator.plan.region)
    if not source.strip():
        raise ValidationError({"source": _("Say where the value comes from.")})
    row, created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        period=period,
        defaults={
            "period_label": period_label,
            "value": value,
            "source": source,
            "recorded_by": actor,
        },
    )
    audit.record(
        "plan.value_recorded",
        indicator.plan,
        actor=actor,
        indicator=indicator.name,
        period=period_label,
        value=value,
        source=source,
        corrected=not created,
    )
    return row


@transaction.atomic
def link_initiative(goal, initiative, *, actor) -> None:
    """Say that an initiative serves the goal (from either side)."""
    require(actor, "plans.manage_plans", goal.plan.region)
    if initiative.region_id != goal.plan.region_id:
        raise ValidationError(_("The initiative belongs to another region."))
    goal.initiatives.add(initiative)
    audit.record("initiative.goal_linked", initiative, actor=actor, goal=goal.label)


@transaction.atomic
def unlink_initiative(goal, initiative, *, actor) -> None:
    require(actor, "plans.manage_plans", goal.plan.region)
    goal.initiatives.remove(initiative)
    audit.record("initiative.goal_unlinked", initiative, actor=actor, goal=goal.label)
