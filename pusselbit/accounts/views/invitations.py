"""Invitations to a role: the region's list with its invite, withdraw and resend actions
(/regioner/<region>/administration/inbjudningar/, for region administrators and county
coordinators), and the page the link in the mail opens (/konto/inbjudan/<token>/), which is no
region's page: the invitee holds no role yet."""

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.queries import object_in_region, region_with

from .. import domain, queries
from ..forms import InvitationForm, NewAccountForm

MANAGE = "accounts.manage_invitations"


def _to_list(region):
    return redirect("invitations:list", region.slug)


@login_required
def invitation_list(request, region_slug):
    region = region_with(request, region_slug, MANAGE)
    page = paginate(request, queries.invitations_in(region))
    for invitation in page:
        invitation.may_resend = invitation.status in ("pending", "expired") and (
            request.user.has_perm("accounts.invite_person", invitation)
        )
    return render(request, "accounts/invitation_list.html", {"region": region, "invitations": page})


@login_required
def invite(request, region_slug):
    region = region_with(request, region_slug, MANAGE)
    form = InvitationForm(request.POST or None, region=region, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation = domain.invite_person(
                region,
                actor=request.user,
                email=data["email"],
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                submission=form.submission_key,
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, lambda made: _to_list(region))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("An invitation is sent to %(email)s.") % {"email": invitation.email}
            )
            return _to_list(region)
    return render(request, "accounts/invitation_form.html", {"region": region, "form": form})


_CLOSED = {
    "accepted": gettext_lazy("The invitation to %(email)s has been accepted already."),
    "withdrawn": gettext_lazy("The invitation to %(email)s has been withdrawn already."),
    "expired": gettext_lazy("The invitation to %(email)s has expired."),
}


@require_POST
@login_required
def withdraw(request, region_slug, pk):
    region, invitation = object_in_region(
        request, region_slug, queries.invitation_in, pk, perm=MANAGE
    )
    try:
        domain.withdraw_invitation(invitation, actor=request.user)
    except domain.InvitationClosed as closed:
        messages.info(request, str(_CLOSED[closed.reason]) % {"email": invitation.email})
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn; its link no longer works.")
            % {"email": invitation.email},
        )
    return _to_list(region)


@require_POST
@login_required
def resend(request, region_slug, pk):
    region, invitation = object_in_region(
        request, region_slug, queries.invitation_in, pk, perm=MANAGE
    )
    try:
        times_sent = int(request.POST.get("times_sent", ""))
    except ValueError:
        times_sent = -1  # no count: taken as a page from before the latest sending
    try:
        domain.resend_invitation(invitation, actor=request.user, times_sent=times_sent)
    except domain.InvitationClosed as closed:
        messages.info(request, str(_CLOSED[closed.reason]) % {"email": invitation.email})
    except domain.SentAlready:
        messages.info(
            request,
            _("The invitation to %(email)s had been sent again already; it is not sent twice.")
            % {"email": invitation.email},
        )
    else:
        messages.success(
            request,
            _("The invitation to %(email)s is sent again with a new link.")
            % {"email": invitation.email},
        )
    return _to_list(region)


def _landed(request, invitation, message):
    messages.success(request, message)
    return redirect(reverse("start:start") + f"#region-{invitation.region.slug}")


def _welcome(request, invitation):
    return _landed(
        request,
        invitation,
        _("Welcome to %(region)s: you are now %(role)s for %(organisation)s.")
        % {
            "region": invitation.region.name,
            "role": invitation.get_role_display(),
            "organisation": invitation.organisation.name,
        },
    )


def _accepted_before(request, invitation):
    return _landed(
        request,
        invitation,
        _("You had accepted this invitation already; you hold the role in %(region)s.")
        % {"region": invitation.region.name},
    )


def _gone(request, invitation, reason: str):
    """The page of a link that cannot be used: 404 for one that never was, 410 otherwise."""
    context = {"invitation": invitation, "reason": reason}
    status = 404 if invitation is None else 410
    return render(request, "accounts/invitation_gone.html", context, status=status)


def accept(request, token):
    """The invitation's page: who invited to what, and a way in. The signed-in accept with a
    button; the others set up an account here, or sign in (also with their organisation's
    login) and come back here (`next`)."""
    invitation = queries.invitation_for_token(token)
    if invitation is None:
        return _gone(request, None, "unknown")
    user = request.user
    if user.is_authenticated and invitation.accepted_by_id == user.pk:
        return _accepted_before(request, invitation)
    if invitation.status != "pending":
        if _signs_in_acceptor(request, invitation):
            return _accepted_before(request, invitation)
        return _gone(request, invitation, invitation.status)
    form = None
    if user.is_authenticated:
        if request.method == "POST":
            return _accept_signed_in(request, invitation)
    else:
        form = NewAccountForm(request.POST or None, invitation=invitation)
        if form.is_valid():
            answer = _accept_with_new_account(request, invitation, form)
            if answer is not None:
                return answer
    context = {"invitation": invitation, "form": form, "token": token}
    return render(request, "accounts/invitation_accept.html", context)


def _accept_signed_in(request, invitation):
    try:
        domain.accept_invitation(invitation, user=request.user)
    except domain.AlreadyAccepted:
        return _accepted_before(request, invitation)
    except domain.InvitationClosed as closed:
        return _gone(request, invitation, closed.reason)
    return _welcome(request, invitation)


def _signs_in_acceptor(request, invitation) -> bool:
    """The account form sent again after it set up the account (a double click, a reload):
    whoever gives that account's password is signed in, to be told it is done; anyone else
    sees that the link is used."""
    if request.user.is_authenticated or request.method != "POST" or not invitation.accepted_at:
        return False
    same = authenticate(
        request,
        username=request.POST.get("username", ""),
        password=request.POST.get("password1", ""),
    )
    if same is None or same.pk != invitation.accepted_by_id:
        return False
    login(request, same)
    return True


def _accept_with_new_account(request, invitation, form):
    """The answer once the account is set up (None: the form shows its errors)."""
    data = form.cleaned_data
    try:
        user = domain.accept_with_new_account(
            invitation,
            username=data["username"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
        )
    except ValidationError as error:
        add_errors(form, error)
        return None
    except domain.InvitationClosed as closed:
        if _signs_in_acceptor(request, closed.invitation):
            return _accepted_before(request, invitation)
        return _gone(request, invitation, closed.reason)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return _welcome(request, invitation)
