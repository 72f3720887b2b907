"""How each audit entry of an initiative reads on its page, in the user's language."""

from django.utils.translation import gettext_lazy as _

# action: sentence with %(name)s placeholders filled from the entry's data
SENTENCES = {
    "initiative.created": _("created the idea"),
    "initiative.idea_updated": _("changed the idea template"),
    "initiative.registered": _("set the registration number %(number)s"),
    "initiative.stage_changed": _("moved the initiative from %(from_stage)s to %(to_stage)s"),
    "initiative.participant_added": _("added %(participant)s (%(kind)s) as participant"),
    "initiative.participant_changed": _(
        "changed the operation area or contact of the participant %(participant)s"
    ),
    "initiative.participant_removed": _("removed the participant %(participant)s"),
    "initiative.criterion_assessed": _("assessed “%(criterion)s”: %(assessment)s"),
    "initiative.advice_given": _("gave advice: %(fit)s; next step: %(next_step)s"),
    "initiative.reason_to_proceed": _(
        "recorded a reason to proceed to LSVO although not met: %(criteria)s"
    ),
    "initiative.preparation_done": _("marked the preparation step “%(step)s” as done"),
    "initiative.proposal_updated": _("changed the proposal"),
    "initiative.measure_added": _("added the effect measure %(measure)s"),
    "initiative.measure_changed": _("changed the effect measure %(measure)s"),
    "initiative.measure_removed": _("removed the effect measure %(measure)s"),
    "initiative.budget_line_added": _("added the budget line %(category)s (%(year)s)"),
    "initiative.budget_line_changed": _("changed the budget line %(category)s (%(year)s)"),
    "initiative.budget_line_removed": _("removed the budget line %(category)s (%(year)s)"),
    "initiative.recommendation_recorded": _("recorded LSVO's recommendation: %(outcome)s"),
    "initiative.decision_recorded": _("recorded the decision %(registration_number)s: %(outcome)s"),
    "initiative.decision_corrected": _(
        "corrected decision %(replaces)s with decision %(registration_number)s"
    ),
    "initiative.put_on_agenda": _("put the initiative on the agenda of %(meeting_title)s"),
    "initiative.actors_named": _("recorded the actors named at %(meeting_title)s"),
    "initiative.check_in_recorded": _("logged a check-in with %(group)s"),
    "initiative.follow_up_reported": _("reported follow-up for %(period_start)s – %(period_end)s"),
    "initiative.adjustment_recorded": _("recorded an adjustment agreed with %(agreed_with)s"),
    "initiative.seminar_recorded": _("recorded the seminar %(title)s"),
    "initiative.final_evaluation_recorded": _("recorded the final evaluation"),
    "initiative.resources_reviewed": _("recorded the review of resources"),
    "initiative.commented": _("wrote a comment"),
    "attachment.added": _("attached the file %(name)s"),
    "attachment.removed": _("removed the file %(name)s"),
}


class _Missing(dict):
    def __missing__(self, key):
        return "–"


def describe(entry) -> str:
    sentence = SENTENCES.get(entry.action)
    if sentence is None:
        return entry.action
    return str(sentence) % _Missing(entry.data or {})
