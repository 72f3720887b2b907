"""The region's meetings: the list, a new meeting, one meeting with its agenda, invitations and
notes, and its iCalendar file. Every member of the region reads them; county coordinators
(initiatives.manage_meetings) change them. Another region's meeting is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.attachments.queries import section as attachment_section
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_named

from .. import calendar
from ..domain import invitations
from ..domain import meetings as domain
from ..enums import MeetingKind, TransitionKind
from ..forms.meetings import (
    AgendaItemForm,
    InviteByRoleForm,
    InviteForInitiativeForm,
    InviteForm,
    MemberNoteForm,
    NameActorsForm,
    NewMeetingForm,
    NotesForm,
)
from ..models import AgendaItem, Meeting
from ..workflows.engine import available_transitions
from .base import add_errors, check

MANAGE = "initiatives.manage_meetings"


def _meeting_in(region, pk) -> Meeting:
    return get_object_or_404(Meeting.objects.filter(region=region).select_related("region"), pk=pk)


def meeting_for(request, region_slug, meeting_pk) -> Meeting:
    """The meeting, which every member of its region reads; another region's is a 404."""
    _, meeting = object_in_region(
        request, region_slug, _meeting_in, meeting_pk, perm="initiatives.view_initiative"
    )
    return meeting


def to_meeting(meeting, anchor: str = ""):
    response = redirect("initiatives:meeting_detail", meeting.region.slug, meeting.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@login_required
def meeting_list(request, region_slug):
    region = region_named(request, region_slug)
    now = timezone.now()
    meetings = Meeting.objects.filter(region=region).prefetch_related(
        Prefetch("agenda", queryset=AgendaItem.objects.select_related("initiative"))
    )
    return render(
        request,
        "initiatives/meetings/list.html",
        {
            "region": region,
            "upcoming": meetings.filter(ends_at__gte=now).order_by("starts_at", "pk"),
            "past": meetings.filter(ends_at__lt=now).order_by("-starts_at", "-pk"),
            "can_manage": request.user.has_perm(MANAGE, region),
        },
    )


@login_required
def meeting_create(request, region_slug):
    region = region_named(request, region_slug)
    check(request, MANAGE, region)
    form = NewMeetingForm(request.POST or None)
    if form.is_valid():
        try:
            meeting = domain.create_meeting(region, actor=request.user, **form.cleaned_data)
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, to_meeting)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting is planned."))
            return to_meeting(meeting)
    return render(request, "initiatives/meetings/form.html", {"region": region, "form": form})


def render_detail(request, meeting, *, status=200, **bound):
    """The meeting page, with any form that failed validation bound in place of its blank."""
    region = meeting.region
    open_ = meeting.cancelled_at is None
    can_manage = open_ and request.user.has_perm(MANAGE, region)
    can_name_actors = open_ and request.user.has_perm("initiatives.name_actors", meeting)
    lsvo = meeting.kind == MeetingKind.LSVO
    agenda = list(
        meeting.agenda.select_related(
            "initiative__stage", "initiative__organisation", "initiative__proposal"
        )
        .prefetch_related("named_actors", *(["initiative__stage__outgoing"] if lsvo else []))
        .order_by("order", "pk")
    )
    if lsvo:
        # LSVO's members record the recommendation from the agenda: the steps they may take.
        for item in agenda:
            item.recommendations = [
                option.transition
                for option in available_transitions(
                    item.initiative, request.user, kinds={TransitionKind.RECOMMENDATION}
                )
                if option.open
            ]
    if can_name_actors:
        for item in agenda:
            form = (
                bound.get("actors") if getattr(bound.get("actors"), "item", None) == item else None
            )
            item.actors_form = form or NameActorsForm(
                region=region,
                prefix=f"actors-{item.pk}",
                initial={"organisations": list(item.named_actors.all())},
            )
    forms = {}
    if can_manage:
        forms = {
            "agenda_form": bound.get("agenda") or AgendaItemForm(meeting=meeting, prefix="agenda"),
            "invite_form": bound.get("invite") or InviteForm(region=region, prefix="invite"),
            "forum_form": bound.get("forum")
            or InviteForInitiativeForm(meeting=meeting, prefix="forum"),
            "notes_form": bound.get("notes")
            or NotesForm(prefix="notes", initial={"notes": meeting.notes}),
            "role_form": bound.get("roles") or InviteByRoleForm(prefix="roles"),
        }
    if request.user.has_perm("initiatives.add_meeting_note", meeting):
        forms["note_form"] = bound.get("note") or MemberNoteForm(prefix="note")
    invitees = list(meeting.invitations.select_related("user", "organisation"))
    unsent = {invitation.pk for invitation in invitations.unsent(meeting)}
    return render(
        request,
        "initiatives/meetings/detail.html",
        {
            "region": region,
            "meeting": meeting,
            "lsvo": lsvo,
            "agenda": agenda,
            "invitations": invitees,
            "to_send": [i for i in invitees if i.pk in unsent and i.address],
            "without_address": [i for i in invitees if not i.address],
            "mine": next((i for i in invitees if i.user_id == request.user.pk), None),
            "member_notes": meeting.member_notes.select_related("author"),
            "can_manage": can_manage,
            "can_name_actors": can_name_actors,
            **forms,
            # The minutes and other files of the meeting.
            **attachment_section(meeting, request.user),
        },
        status=status,
    )


@login_required
def meeting_detail(request, region_slug, meeting_pk):
    return render_detail(request, meeting_for(request, region_slug, meeting_pk))


@login_required
@require_POST
def agenda_add(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    form = AgendaItemForm(request.POST, meeting=meeting, prefix="agenda")
    if form.is_valid():
        try:
            domain.add_agenda_item(meeting, form.cleaned_data["initiative"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The initiative is on the agenda."))
            return to_meeting(meeting, "agenda")
    return render_detail(request, meeting, agenda=form)


@login_required
@require_POST
def name_actors(request, region_slug, meeting_pk, item_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    item = get_object_or_404(meeting.agenda.select_related("initiative__stage"), pk=item_pk)
    check(request, "initiatives.name_actors", meeting)
    form = NameActorsForm(request.POST, region=meeting.region, prefix=f"actors-{item.pk}")
    form.item = item
    if form.is_valid():
        try:
            domain.name_actors(item, form.cleaned_data["organisations"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The actors named are saved and take part in %(initiative)s.")
                % {"initiative": item.initiative},
            )
            return to_meeting(meeting, f"item-{item.pk}")
    return render_detail(request, meeting, actors=form)


@login_required
@require_POST
def invite(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    form = InviteForm(request.POST, region=meeting.region, prefix="invite")
    if form.is_valid():
        try:
            invitation = domain.invite(meeting, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(person)s is invited.") % {"person": invitation})
            return to_meeting(meeting, "invitations")
    return render_detail(request, meeting, invite=form)


@login_required
@require_POST
def invite_for_initiative(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    form = InviteForInitiativeForm(request.POST, meeting=meeting, prefix="forum")
    if form.is_valid():
        initiative = form.cleaned_data["initiative"]
        result = domain.invite_for_initiative(meeting, initiative, actor=request.user)
        messages.success(
            request,
            _("%(count)s invited for %(initiative)s.")
            % {"count": len(result.invited), "initiative": initiative},
        )
        if result.without_contact:
            messages.warning(
                request,
                _("No contact person is named for %(participants)s, so nobody is invited for them.")
                % {"participants": ", ".join(str(p) for p in result.without_contact)},
            )
        return to_meeting(meeting, "invitations")
    return render_detail(request, meeting, forum=form)


@login_required
@require_POST
def meeting_notes(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    form = NotesForm(request.POST, prefix="notes")
    if form.is_valid():
        domain.update_meeting_notes(meeting, form.cleaned_data["notes"], actor=request.user)
        messages.success(request, _("The notes are saved."))
        return to_meeting(meeting, "notes")
    return render_detail(request, meeting, notes=form)


@login_required
def meeting_ics(request, region_slug, meeting_pk):
    """The meeting as an iCalendar event, for anyone's calendar. The UID stays the same for the
    meeting, so a calendar updates the event rather than adding another when it is downloaded
    again."""
    meeting = meeting_for(request, region_slug, meeting_pk)
    response = HttpResponse(
        calendar.meeting_calendar(meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mote-{meeting.pk}.ics"'
    return response
