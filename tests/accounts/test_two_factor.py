"""Two-step verification: turning it on with the app's first code, recovery codes that work
once, turning it off, and a region's requirement, through accounts.domain.two_factor."""

import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pusselbit.accounts.domain import two_factor
from pusselbit.accounts.models import SignInPolicy
from pusselbit.core.models import AuditEntry
from tests.factories import MembershipFactory

from .two_factor_helpers import app_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def fiona(blekinge):
    """A finance officer in Blekinge: one of the roles two-step verification is for."""
    return MembershipFactory(region=blekinge, role="finance_officer", user__username="fiona").user


@pytest.fixture
def turned_on(fiona):
    """Fiona with the app turned on: (the app's key, her recovery codes)."""
    secret = two_factor.new_secret()
    _device, codes = two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=fiona)
    return secret, codes


def audit_text() -> str:
    return " ".join(str(entry.data) for entry in AuditEntry.objects.all())


def test_turn_on_with_the_apps_code_keeps_the_app_and_ten_recovery_codes(fiona):
    secret = two_factor.new_secret()
    device, codes = two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=fiona)
    assert two_factor.has_two_factor(fiona)
    assert TOTPDevice.objects.get(user=fiona).key == secret == device.key
    assert len(codes) == len(set(codes)) == 10
    assert two_factor.recovery_codes_left(fiona) == 10
    entry = AuditEntry.objects.get(action="two_factor.turned_on")
    assert entry.actor == fiona and entry.target_id == str(fiona.pk)
    assert secret not in audit_text() and not any(code in audit_text() for code in codes)


def test_turn_on_with_a_wrong_code_keeps_nothing(fiona):
    secret = two_factor.new_secret()
    wrong = f"{(int(app_code(secret)) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as refused:
        two_factor.turn_on_two_factor(fiona, secret, wrong, actor=fiona)
    assert "code" in refused.value.message_dict
    assert not two_factor.has_two_factor(fiona)
    assert not StaticToken.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="two_factor").exists()


def test_turn_on_twice_keeps_one_app(fiona, turned_on):
    secret = two_factor.new_secret()
    with pytest.raises(ValidationError):
        two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=fiona)
    assert TOTPDevice.objects.filter(user=fiona).count() == 1


def test_turn_on_for_someone_else_is_refused(fiona, alice):
    secret = two_factor.new_secret()
    with pytest.raises(PermissionDenied):
        two_factor.turn_on_two_factor(fiona, secret, app_code(secret), actor=alice)
    assert not two_factor.has_two_factor(fiona)


def test_app_code_is_accepted_once(fiona, turned_on):
    secret, _codes = turned_on
    code = app_code(secret, ahead=1)
    assert isinstance(two_factor.check_code(fiona, code), TOTPDevice)
    TOTPDevice.objects.filter(user=fiona).update(throttling_failure_count=0)
    with pytest.raises(ValidationError):
        two_factor.check_code(fiona, code)


def test_recovery_code_is_accepted_once_whatever_its_spacing(fiona, turned_on):
    _secret, codes = turned_on
    typed = f" {codes[0][:4].upper()}-{codes[0][4:]} "
    two_factor.check_code(fiona, typed)
    assert two_factor.recovery_codes_left(fiona) == 9
    entry = AuditEntry.objects.get(action="two_factor.recovery_code_used")
    assert entry.data == {"left": 9} and codes[0] not in audit_text()
    with pytest.raises(ValidationError):
        two_factor.check_code(fiona, codes[0])


def test_a_wrong_code_makes_the_next_wait_a_moment(fiona, turned_on):
    secret, _codes = turned_on
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        right = app_code(secret, ahead=1)
        with pytest.raises(ValidationError):
            two_factor.check_code(fiona, "000000" if right != "000000" else "111111")
        with pytest.raises(ValidationError) as refused:
            two_factor.check_code(fiona, right)  # right, but too soon after a wrong one
        assert "Vänta en stund" in str(refused.value.message_dict["code"])
        traveller.shift(2)
        assert two_factor.check_code(fiona, right)


def test_turn_off_needs_a_right_code(fiona, turned_on):
    secret, codes = turned_on
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        with pytest.raises(ValidationError):
            two_factor.turn_off_two_factor(fiona, "abcdefgh", actor=fiona)
        assert two_factor.has_two_factor(fiona)
        traveller.shift(2)  # past django-otp's wait after a wrong code
        two_factor.turn_off_two_factor(fiona, codes[3], actor=fiona)
    assert not two_factor.has_two_factor(fiona)
    assert two_factor.recovery_codes_left(fiona) == 0
    assert AuditEntry.objects.get(action="two_factor.turned_off").actor == fiona


def test_new_recovery_codes_replace_the_old(fiona, turned_on):
    _secret, old = turned_on
    new = two_factor.renew_recovery_codes(fiona, actor=fiona)
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)
    assert AuditEntry.objects.filter(action="two_factor.recovery_codes_renewed").exists()
    with pytest.raises(ValidationError):
        two_factor.check_code(fiona, old[0])


def test_new_recovery_codes_without_the_app_are_refused(fiona):
    with pytest.raises(ValidationError):
        two_factor.renew_recovery_codes(fiona, actor=fiona)


def test_region_administrator_requires_it_and_is_audited(blekinge):
    admin = MembershipFactory(region=blekinge, role="administrator").user
    two_factor.set_sign_in_policy(blekinge, require_two_factor=True, actor=admin)
    assert SignInPolicy.objects.get(region=blekinge).require_two_factor
    entry = AuditEntry.objects.get(action="sign_in_policy.changed")
    assert entry.actor == admin and entry.data == {"changed": {"require_two_factor": [False, True]}}
    two_factor.set_sign_in_policy(blekinge, require_two_factor=True, actor=admin)
    assert AuditEntry.objects.filter(action="sign_in_policy.changed").count() == 1


def test_only_the_regions_administrator_sets_its_policy(blekinge, dalarna, alice):
    other_admin = MembershipFactory(region=dalarna, role="administrator").user
    for actor in (alice, other_admin):
        with pytest.raises(PermissionDenied):
            two_factor.set_sign_in_policy(blekinge, require_two_factor=True, actor=actor)
    assert not two_factor.sign_in_policy(blekinge).require_two_factor


def test_reset_by_command_turns_it_off_and_is_audited(fiona, turned_on):
    call_command("two_factor_reset", "fiona", stdout=io.StringIO())
    assert not two_factor.has_two_factor(fiona) and two_factor.recovery_codes_left(fiona) == 0
    assert AuditEntry.objects.get(action="two_factor.reset").actor is None


def test_reset_of_someone_else_by_a_colleague_is_refused(fiona, turned_on, alice):
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(fiona, actor=alice)
    assert two_factor.has_two_factor(fiona)
