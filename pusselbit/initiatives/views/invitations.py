"""A meeting's invitations going out and coming back: inviting a body or a role at once,
sending the invitation (or its update), changing and cancelling the meeting, the invitee's
answer, sharing the minutes and the members' own notes. Each view is a POST (or the change
form) that returns to its section of the meeting page, or to where the answer was given."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..domain import invitations as domain
from ..forms.meetings import AnswerForm, InviteByRoleForm, MeetingChangeForm, MemberNoteForm
from .base import add_errors, check
from .meetings import MANAGE, meeting_for, render_detail, to_meeting


def _carry_out(request, meeting, action, told, anchor: str = ""):
    """A coordinator's button on the meeting page: `action(meeting, actor=…)` returns how many
    were mailed, said with `told(count)`; a refusal (the meeting cancelled, no minutes yet) is
    said as it is. Back to the meeting's section `anchor`."""
    check(request, MANAGE, meeting.region)
    try:
        count = action(meeting, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        level, text = told(count)
        messages.add_message(request, level, text)
    return to_meeting(meeting, anchor)


@login_required
@require_POST
def invite_by_role(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    form = InviteByRoleForm(request.POST, prefix="roles")
    if form.is_valid():
        try:
            made = domain.invite_by_role(meeting, form.cleaned_data["roles"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(count)s person invited.", "%(count)s people invited.", len(made))
                % {"count": len(made)},
            )
            return to_meeting(meeting, "invitations")
    return render_detail(request, meeting, roles=form)


@login_required
@require_POST
def send_invitations(request, region_slug, meeting_pk):
    def told(count):
        if not count:
            # A second click, or a second tab: everyone has this version already.
            return messages.INFO, _("Everyone invited has received the invitation already.")
        return messages.SUCCESS, ngettext(
            "The invitation is sent to %(count)s person.",
            "The invitation is sent to %(count)s people.",
            count,
        ) % {"count": count}

    meeting = meeting_for(request, region_slug, meeting_pk)
    return _carry_out(request, meeting, domain.send_invitations, told, "invitations")


@login_required
def meeting_change(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, MANAGE, meeting.region)
    if meeting.cancelled_at is not None:
        messages.error(request, _("The meeting is cancelled."))
        return to_meeting(meeting)
    form = MeetingChangeForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.update_meeting(
                meeting,
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The meeting is changed. Send the update so those invited see the change."),
            )
            return to_meeting(meeting, "invitations")
    return render(
        request,
        "initiatives/meetings/form.html",
        {"region": meeting.region, "form": form, "meeting": meeting},
    )


@login_required
@require_POST
def meeting_cancel(request, region_slug, meeting_pk):
    def told(count):
        return messages.SUCCESS, ngettext(
            "The meeting is cancelled; %(count)s person is told.",
            "The meeting is cancelled; %(count)s people are told.",
            count,
        ) % {"count": count}

    meeting = meeting_for(request, region_slug, meeting_pk)
    return _carry_out(request, meeting, domain.cancel_meeting, told)


@login_required
@require_POST
def answer(request, region_slug, meeting_pk):
    """The signed-in invitee's answer, from the meeting page or the start page (`next`)."""
    meeting = meeting_for(request, region_slug, meeting_pk)
    invitation = get_object_or_404(meeting.invitations, user=request.user)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            domain.answer(invitation, actor=request.user, coming=form.cleaned_data["coming"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                (
                    _("You are coming to %(title)s.")
                    if form.cleaned_data["coming"]
                    else _("You are not coming to %(title)s.")
                )
                % {"title": meeting.title},
            )
    else:
        messages.error(request, _("Choose whether you are coming."))
    # Back to the page the answer was given on: a path of this site only (the fuzzed forms
    # send dates and other sites here).
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return to_meeting(meeting, "answer")


@login_required
@require_POST
def share_minutes(request, region_slug, meeting_pk):
    def told(count):
        return messages.SUCCESS, ngettext(
            "The minutes are sent to %(count)s attendee.",
            "The minutes are sent to %(count)s attendees.",
            count,
        ) % {"count": count}

    meeting = meeting_for(request, region_slug, meeting_pk)
    return _carry_out(request, meeting, domain.share_minutes, told, "notes")


@login_required
@require_POST
def member_note(request, region_slug, meeting_pk):
    meeting = meeting_for(request, region_slug, meeting_pk)
    check(request, "initiatives.add_meeting_note", meeting)
    form = MemberNoteForm(request.POST, prefix="note")
    if form.is_valid():
        try:
            domain.add_member_note(meeting, form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your note is saved."))
            return to_meeting(meeting, "member-notes")
    return render_detail(request, meeting, note=form)
