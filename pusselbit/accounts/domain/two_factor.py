"""Two-step verification of local accounts (django-otp): a code from an authenticator app
(TOTP) and ten single-use recovery codes for when the phone is not at hand; and a region's
requirement of it (SignInPolicy).

Every change is audited; no audit entry ever holds a secret or a code. The secret of a device
being set up is kept in the person's session (accounts.views.two_factor) until a code from
the app shows it was scanned: nothing is stored before that."""

import re
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from pusselbit.core import audit
from pusselbit.core.permissions import require
from pusselbit.organisations.models import Region

from ..models import SignInPolicy, User

RECOVERY_CODE_COUNT = 10
# A code from the app is six digits; anything else typed is taken for a recovery code.
APP_CODE = re.compile(r"\d{6}")


def normalise_code(code: str) -> str:
    """The code as typed, without the spaces and dashes people put in, and in lower case (the
    recovery codes are shown in lower case)."""
    return re.sub(r"[\s-]", "", code or "").lower()


def new_secret() -> str:
    """A new secret for an authenticator app, hex-encoded (django-otp's form)."""
    return random_hex(20)


def has_two_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def app_link(user, secret: str) -> str:
    """The otpauth:// address the QR code holds: the secret, the account and Pusselbit."""
    return TOTPDevice(user=user, key=secret).config_url


def _app_code_matches(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is the app's code now (or one step either side) for a device not yet
    saved; on a match the device remembers the step, so the same code cannot sign in."""
    if not APP_CODE.fullmatch(code):
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance, device.last_t + 1):
        return False
    device.last_t, device.drift = totp.t(), totp.drift
    return True


def _replace_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _wrong_code():
    return ValidationError({"code": _("The code is wrong or has already been used. Try again.")})


@transaction.atomic
def turn_on_two_factor(user: User, secret: str, code: str, *, actor) -> tuple[TOTPDevice, list]:
    """Turn on two-step verification for `user` with the app that holds `secret`, once `code`
    shows the app has it. Returns the app's device and the new recovery codes, to be shown
    once. Side effects: the
    app's device and the recovery codes are stored; the audit entry two_factor.turned_on."""
    require(actor, "accounts.manage_two_factor", user)
    User.objects.select_for_update().get(pk=user.pk)  # two tabs turning it on make one device
    if has_two_factor(user):
        raise ValidationError(_("Two-step verification is already on."), code="already_on")
    device = TOTPDevice(user=user, name="authenticator app", key=secret, confirmed=True)
    if not _app_code_matches(device, normalise_code(code)):
        raise _wrong_code()
    device.save()
    codes = _replace_recovery_codes(user)
    audit.record("two_factor.turned_on", user, actor=actor)
    return device, codes


def check_code(user: User, code: str):
    """The device of `user` that accepts `code`: the app's code, or a recovery code, which is
    used up. Raises ValidationError when it is wrong, or when it comes too soon after wrong
    ones (django-otp waits 1, 2, 4 … seconds after each). A wrong code is counted although the
    error is raised: the check commits before it is. Side effects: the audit entry
    two_factor.recovery_code_used when a recovery code is used."""
    code = normalise_code(code)
    model = TOTPDevice if APP_CODE.fullmatch(code) else StaticDevice
    accepted, waiting = None, False
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _why = device.verify_is_allowed()
            if not allowed:
                waiting = True
            elif device.verify_token(code):
                accepted = device
                break
        if isinstance(accepted, StaticDevice):
            audit.record(
                "two_factor.recovery_code_used",
                user,
                actor=user,
                left=accepted.token_set.count(),
            )
    if accepted is None and waiting:
        raise ValidationError(
            {"code": _("Too many wrong codes in a row. Wait a moment and try again.")}
        )
    if accepted is None:
        raise _wrong_code()
    return accepted


def turn_off_two_factor(user: User, code: str, *, actor) -> None:
    """Turn off two-step verification for `user`, once `code` (the app's or a recovery code)
    shows it is them. Side effects: the app's device and the recovery codes are deleted; the
    audit entry two_factor.turned_off."""
    require(actor, "accounts.manage_two_factor", user)
    check_code(user, code)  # commits its own count of a wrong code
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record("two_factor.turned_off", user, actor=actor)


@transaction.atomic
def renew_recovery_codes(user: User, *, actor) -> list[str]:
    """New recovery codes for `user`, replacing the old ones; returns them to be shown once.
    Side effects: the audit entry two_factor.recovery_codes_renewed."""
    require(actor, "accounts.manage_two_factor", user)
    User.objects.select_for_update().get(pk=user.pk)
    if not has_two_factor(user):
        raise ValidationError(_("Two-step verification is off."), code="off")
    codes = _replace_recovery_codes(user)
    audit.record("two_factor.recovery_codes_renewed", user, actor=actor)
    return codes


def sign_in_policy(region: Region) -> SignInPolicy:
    """The region's sign-in policy; a region without one requires nothing (not saved)."""
    return SignInPolicy.objects.filter(region=region).first() or SignInPolicy(region=region)


@transaction.atomic
def set_sign_in_policy(region: Region, *, require_two_factor: bool, actor) -> SignInPolicy:
    """Whether `region` requires two-step verification of those who decide or hold money there
    and sign in with a password. Side effects: the audit entry sign_in_policy.changed with the
    old and new value; nothing when nothing changed."""
    require(actor, "accounts.change_sign_in_policy", region)
    policy, _created = SignInPolicy.objects.select_for_update().get_or_create(region=region)
    return audit.save_changes(
        policy, {"require_two_factor": require_two_factor}, "sign_in_policy.changed", actor=actor
    )


@transaction.atomic
def reset_two_factor(user: User, *, actor) -> None:
    """Turn off two-step verification for someone who has lost both the app and the recovery
    codes: the platform operator (or the system, `pusselbit two_factor_reset`), or the
    administrator of every region the account belongs to. Side effects: the app's device and
    the recovery codes are deleted; the audit entry two_factor.reset."""
    require(actor, "accounts.manage_account", user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record("two_factor.reset", user, actor=actor)
