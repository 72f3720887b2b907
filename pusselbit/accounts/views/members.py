"""The region's own pages about its people: the members list and each account's roles (the
region administrator), and the meeting bodies' members (the county coordinator). Every write
goes through accounts.domain, whose rules say who may."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.organisations.queries import object_in_region, region_with

from .. import queries
from ..domain import change_membership, grant_role, revoke_role, update_user
from ..enums import BODY_NAMES, Role
from ..forms import BodyMemberForm, MemberFilterForm, RoleForm
from ..rules import BODY_ROLES

ADMINISTER = "accounts.administer_region"
BODY_PAGE = 30


def _posted_membership(request, memberships):
    """The membership a button names among `memberships`; None when it is gone (taken back in
    another tab, or a second click) or the value is no key."""
    key = request.POST.get("membership", "")
    return memberships.filter(pk=int(key)).first() if key.isdigit() else None


@login_required
def members(request, region_slug):
    region = region_with(request, region_slug, ADMINISTER)
    form = MemberFilterForm(request.GET or None, region=region)
    filters = form.filters()
    page = paginate(request, queries.member_list(region, **filters))
    return render(
        request,
        "accounts/members.html",
        {"region": region, "form": form, "page": page, "filtered": any(filters.values())},
    )


@login_required
def account(request, region_slug, pk):
    """One account of the region: its roles here (give, change, take back) and whether it may
    sign in."""
    region, account = object_in_region(
        request, region_slug, queries.account_in, pk, perm=ADMINISTER
    )
    action = request.POST.get("action") if request.method == "POST" else None
    form = RoleForm(request.POST if action == "grant" else None, region=region)
    here = account.memberships.filter(region=region).select_related("organisation")
    if action == "grant" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_role(account, region, data["organisation"], data["role"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(user)s is now %(role)s on behalf of %(organisation)s.")
                % {
                    "user": account,
                    "role": Role(data["role"]).label.lower(),
                    "organisation": data["organisation"],
                },
            )
            return redirect("accounts:account", region.slug, account.pk)
    elif action == "revoke":
        _revoke(request, _posted_membership(request, here))
        return redirect("accounts:account", region.slug, account.pk)
    elif action in ("deactivate", "reactivate"):
        _set_active(request, account, active=action == "reactivate")
        return redirect("accounts:account", region.slug, account.pk)
    return render(
        request,
        "accounts/account.html",
        {
            "region": region,
            "account": account,
            "memberships": here.order_by("role", "pk"),
            "form": form,
            "may_manage": request.user.has_perm("accounts.manage_account", account),
            "is_self": account.pk == request.user.pk,
        },
    )


def _revoke(request, membership) -> None:
    if membership is None:
        messages.info(request, _("That role had already been taken back."))
        return
    revoke_role(membership, actor=request.user)
    messages.success(
        request,
        _("%(user)s is no longer %(role)s on behalf of %(organisation)s.")
        % {
            "user": membership.user,
            "role": membership.get_role_display().lower(),
            "organisation": membership.organisation,
        },
    )


def _set_active(request, account, *, active: bool) -> None:
    if account.pk == request.user.pk:
        messages.error(request, _("You cannot deactivate your own account."))
        return
    try:
        update_user(account, actor=request.user, is_active=active)
    except PermissionDenied:
        messages.error(
            request,
            _(
                "The account also belongs to another region; only the platform operator "
                "deactivates it."
            ),
        )
        return
    if active:
        messages.success(request, _("%(user)s can sign in again.") % {"user": account})
    else:
        messages.success(request, _("%(user)s can no longer sign in.") % {"user": account})


@login_required
def membership(request, region_slug, pk, membership_pk):
    """Change one of an account's roles in the region: its role or the organisation acted for."""
    region, account = object_in_region(
        request, region_slug, queries.account_in, pk, perm=ADMINISTER
    )
    found = account.memberships.filter(region=region, pk=membership_pk).first()
    if found is None:
        messages.info(request, _("That role has been taken back meanwhile."))
        return redirect("accounts:account", region.slug, account.pk)
    initial = {"organisation": found.organisation_id, "role": found.role}
    form = RoleForm(request.POST or None, region=region, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            change_membership(
                found,
                actor=request.user,
                region=region,
                organisation=data["organisation"],
                role=data["role"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The role is changed."))
            return redirect("accounts:account", region.slug, account.pk)
    return render(
        request,
        "accounts/membership.html",
        {"region": region, "account": account, "membership": found, "form": form},
    )


@login_required
def bodies(request, region_slug):
    """The region's meeting bodies and their members: someone of the region joins a body on
    behalf of one of its organisations, and leaves it."""
    region = region_with(request, region_slug, "accounts.manage_bodies")
    action = request.POST.get("action") if request.method == "POST" else None
    form = BodyMemberForm(request.POST if action == "add" else None, region=region)
    if action == "add" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_role(data["user"], region, data["organisation"], data["role"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(user)s is a member of %(body)s.")
                % {"user": data["user"], "body": BODY_NAMES[data["role"]]},
            )
            return redirect("accounts:bodies", region.slug)
    elif action == "remove":
        in_bodies = queries.body_memberships(region, None).filter(role__in=BODY_ROLES)
        _revoke(request, _posted_membership(request, in_bodies))
        return redirect("accounts:bodies", region.slug)
    listed = [
        (
            role,
            BODY_NAMES[role],
            paginate(
                request,
                queries.body_memberships(region, role),
                per_page=BODY_PAGE,
                param=f"sida-{role.value}",
            ),
        )
        for role in BODY_ROLES
    ]
    return render(
        request, "accounts/bodies.html", {"region": region, "form": form, "bodies": listed}
    )
