"""One's own two-step verification (/konto/tvastegsverifiering/), and a region's requirement
of it (/regioner/<region>/administration/tvastegsverifiering/)."""

from base64 import b32encode
from binascii import unhexlify

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pusselbit.organisations.queries import region_with

from .. import rules
from ..domain import two_factor
from ..forms import CodeForm, SignInPolicyForm

# The secret of an app being set up, until its first code shows it was scanned.
SETUP_SECRET = "pusselbit_two_factor_secret"
# New recovery codes, shown once on the next page and then forgotten.
NEW_CODES = "pusselbit_recovery_codes"


@login_required
def status(request):
    user = request.user
    on = two_factor.has_two_factor(user)
    return render(
        request,
        "accounts/two_factor/status.html",
        {
            "on": on,
            "codes_left": two_factor.recovery_codes_left(user) if on else 0,
            "required": rules.two_factor_required(user),
        },
    )


def _secret(request) -> str:
    secret = request.session.get(SETUP_SECRET)
    if not isinstance(secret, str):
        secret = request.session[SETUP_SECRET] = two_factor.new_secret()
    return secret


@login_required
def turn_on(request):
    """The key for the app, as a QR code and as text, and its first code to confirm it."""
    user = request.user
    if two_factor.has_two_factor(user):
        messages.info(request, _("Two-step verification is already on."))
        return redirect("two_factor:status")
    secret = _secret(request)
    form = CodeForm(request.POST or None, recovery=False)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = two_factor.turn_on_two_factor(
                user, secret, form.cleaned_data["code"], actor=user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            del request.session[SETUP_SECRET]
            django_otp.login(request, device)  # this session has shown the code
            request.session[NEW_CODES] = codes
            messages.success(request, _("Two-step verification is on."))
            return redirect("two_factor:recovery_codes")
    # Drawn here, not fetched from anywhere: the key must not leave the server.
    qr_code = segno.make(two_factor.app_link(user, secret), error="m")
    return render(
        request,
        "accounts/two_factor/turn_on.html",
        {
            "form": form,
            "qr_code": qr_code.svg_data_uri(scale=5, border=4),
            "qr_size": qr_code.symbol_size(scale=5, border=4)[0],
            "key": " ".join(_groups(b32encode(unhexlify(secret)).decode(), 4)),
        },
    )


def _groups(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@login_required
def recovery_codes(request):
    """New recovery codes, shown once; and the button that makes new ones."""
    codes = request.session.pop(NEW_CODES, None)
    on = two_factor.has_two_factor(request.user)
    if not on and not codes:
        return redirect("two_factor:status")
    return render(
        request,
        "accounts/two_factor/recovery_codes.html",
        {"codes": codes if isinstance(codes, list) else None},
    )


@require_POST
@login_required
def renew_recovery_codes(request):
    try:
        codes = two_factor.renew_recovery_codes(request.user, actor=request.user)
    except ValidationError:
        messages.info(request, _("Two-step verification is off."))
        return redirect("two_factor:status")
    request.session[NEW_CODES] = codes
    return redirect("two_factor:recovery_codes")


@login_required
def turn_off(request):
    user = request.user
    if not two_factor.has_two_factor(user):
        messages.info(request, _("Two-step verification is off."))
        return redirect("two_factor:status")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            two_factor.turn_off_two_factor(user, form.cleaned_data["code"], actor=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            messages.success(request, _("Two-step verification is off."))
            return redirect("two_factor:status")
    return render(request, "accounts/two_factor/turn_off.html", {"form": form})


@login_required
def sign_in_policy(request, region_slug):
    """Whether the region requires two-step verification: its administrators decide."""
    region = region_with(request, region_slug, "accounts.change_sign_in_policy")
    policy = two_factor.sign_in_policy(region)
    form = SignInPolicyForm(
        request.POST or None, initial={"require_two_factor": policy.require_two_factor}
    )
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["require_two_factor"]
        two_factor.set_sign_in_policy(region, require_two_factor=required, actor=request.user)
        messages.success(
            request,
            _("Two-step verification is now required.")
            if required
            else _("Two-step verification is no longer required."),
        )
        return redirect("sign_in_policy:edit", region.slug)
    return render(
        request,
        "accounts/two_factor/sign_in_policy.html",
        {"region": region, "form": form, "policy": policy},
    )
