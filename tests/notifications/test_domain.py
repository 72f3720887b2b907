"""notify(), the marks and the daily digest (pusselbit.notifications.domain)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from pusselbit.core import mail
from pusselbit.core.models import AuditEntry, OutgoingMail
from pusselbit.notifications import domain
from pusselbit.notifications.models import Notification
from pusselbit.notifications.tasks import send_digests_task
from tests.concurrency import all_at_once, postgresql_only
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC)


def _tell(recipients, region, actor=None, subject="Samtalsstöd har skickats in", **kwargs):
    return domain.notify(
        recipients,
        region=region,
        kind=kwargs.pop("kind", "submitted"),
        subject=subject,
        body=kwargs.pop("body", "Idén är inskickad."),
        url=kwargs.pop("url", "/regioner/blekinge/satsningar/1/"),
        actor=actor,
    )


def _mailed_to(address):
    return [m for m in OutgoingMail.objects.all() if m.to == [address]]


def test_notify_tells_each_user_and_address_once(blekinge, alice, bob):
    made = _tell([alice, bob, alice, "kontakt@example.org", "Kontakt@Example.org "], blekinge)

    assert [(n.recipient, n.email) for n in made] == [
        (alice, ""),
        (bob, ""),
        (None, "kontakt@example.org"),
    ]
    assert sorted(m.to[0] for m in OutgoingMail.objects.all()) == [
        "alice@example.org",
        "bob@example.org",
        "kontakt@example.org",
    ]


def test_notify_skips_the_actor_also_by_address(blekinge, alice, bob):
    made = _tell([alice, bob, "ALICE@example.org"], blekinge, actor=alice)

    assert [n.recipient for n in made] == [bob]
    assert not _mailed_to("alice@example.org")


def test_an_address_of_a_user_told_is_not_told_twice(blekinge, bob):
    made = _tell([bob, "Bob@example.org"], blekinge)

    assert len(made) == 1 and len(_mailed_to("bob@example.org")) == 1


def test_a_deactivated_user_is_not_told(blekinge, bob):
    bob.is_active = False
    bob.save()

    assert _tell([bob], blekinge) == []


def test_the_immediate_mail_links_to_the_page_and_to_the_choice(blekinge, bob, settings):
    settings.SITE_URL = "https://pusselbit.example.se"
    _tell([bob, "kontakt@example.org"], blekinge)

    [to_bob] = _mailed_to("bob@example.org")
    assert to_bob.subject == "Samtalsstöd har skickats in" and to_bob.region == blekinge
    assert "https://pusselbit.example.se/regioner/blekinge/satsningar/1/" in to_bob.body
    assert "https://pusselbit.example.se/konto/aviseringar/" in to_bob.body
    # Someone without an account gets the news, not links to a sign-in they cannot pass.
    [to_contact] = _mailed_to("kontakt@example.org")
    assert "Idén är inskickad." in to_contact.body and "https://" not in to_contact.body


def test_one_who_chose_the_digest_is_not_mailed_at_once(blekinge, alice, bob):
    domain.set_delivery(bob, "digest", actor=bob)

    alice_notice, bob_notice = _tell([alice, bob], blekinge)

    assert (alice_notice.mailing, bob_notice.mailing) == ("immediate", "digest")
    assert alice_notice.mail is not None and alice_notice.mailed_at is not None
    assert bob_notice.mail is None and bob_notice.mailed_at is None
    assert not _mailed_to("bob@example.org")


def test_a_user_without_an_address_sees_the_notice_in_the_product_only(blekinge, bob):
    bob.email = ""
    bob.save()

    [notice] = _tell([bob], blekinge)

    assert notice.mailing == "none" and not OutgoingMail.objects.exists()


def test_within_silenced_mail_users_are_told_in_the_product_and_addresses_not_at_all(blekinge, bob):
    with mail.silenced():
        made = _tell([bob, "kontakt@example.org"], blekinge)

    assert [(n.recipient, n.mailing) for n in made] == [(bob, "none")]
    assert not OutgoingMail.objects.exists()


def test_the_digest_gathers_a_users_notices_into_one_mail(blekinge, dalarna, bob, settings):
    settings.SITE_URL = "https://pusselbit.example.se"
    MembershipFactory(user=bob, region=dalarna, role="initiator")
    domain.set_delivery(bob, "digest", actor=bob)
    with time_machine.travel(NOON - datetime.timedelta(hours=3)):
        _tell([bob], blekinge, subject="Samtalsstöd har skickats in", url="/a/")
        _tell([bob], blekinge, subject="Beslut om Samtalsstöd: beviljad", url="/b/")
        _tell([bob], dalarna, subject="Träffpunkt har skickats in", url="/c/", body="")

    with time_machine.travel(NOON):
        assert domain.send_digests() == 1

    [digest] = OutgoingMail.objects.all()
    assert digest.to == ["bob@example.org"] and digest.region is None  # two regions
    assert "3" in digest.subject
    body = digest.body
    assert body.index("Region Blekinge") < body.index("Samtalsstöd har skickats in")
    assert body.index("Samtalsstöd har skickats in") < body.index("Beslut om Samtalsstöd")
    assert body.index("Region Dalarna") < body.index("Träffpunkt har skickats in")
    for path in ("/a/", "/b/", "/c/"):
        assert f"https://pusselbit.example.se{path}" in body
    assert set(Notification.objects.values_list("mail", flat=True)) == {digest.pk}


def test_the_digest_is_sent_once_and_only_for_what_waits(blekinge, alice, bob):
    domain.set_delivery(bob, "digest", actor=bob)
    with time_machine.travel(NOON - datetime.timedelta(hours=1)):
        _tell([alice, bob], blekinge)

    with time_machine.travel(NOON):
        assert domain.send_digests() == 1
        assert domain.send_digests() == 0
        call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert send_digests_task.enqueue().return_value == 0

    assert len(_mailed_to("bob@example.org")) == 1
    # Alice is told at once: her notice is never in a digest.
    assert len(_mailed_to("alice@example.org")) == 1


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_send_one_digest(blekinge, bob):
    domain.set_delivery(bob, "digest", actor=bob)
    _tell([bob], blekinge)
    _tell([bob], blekinge)
    later = timezone.now() + datetime.timedelta(seconds=1)

    results = all_at_once([lambda: domain.send_digests(later)] * 2)

    assert sorted(results, key=str) == [0, 1]
    assert len(_mailed_to("bob@example.org")) == 1


def test_the_digest_leaves_what_came_after_its_moment_for_the_next(blekinge, bob):
    domain.set_delivery(bob, "digest", actor=bob)
    with time_machine.travel(NOON + datetime.timedelta(minutes=5)):
        _tell([bob], blekinge)

    assert domain.send_digests(NOON) == 0
    assert domain.send_digests(NOON + datetime.timedelta(days=1)) == 1


def test_choosing_at_once_again_still_sends_what_waits_for_the_digest(blekinge, bob):
    domain.set_delivery(bob, "digest", actor=bob)
    _tell([bob], blekinge)
    domain.set_delivery(bob, "immediate", actor=bob)

    assert domain.send_digests(timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert domain.delivery_of(bob) == "immediate"


def test_the_choice_is_ones_own_and_audited(bob, alice):
    with pytest.raises(PermissionDenied):
        domain.set_delivery(bob, "digest", actor=alice)
    domain.set_delivery(bob, "digest", actor=bob)
    domain.set_delivery(bob, "digest", actor=bob)  # no change, no entry

    assert domain.delivery_of(bob) == "digest" and domain.delivery_of(alice) == "immediate"
    entries = AuditEntry.objects.filter(action="notification.delivery_set")
    assert [(e.actor, e.data["changed"]) for e in entries] == [(bob, ["immediate", "digest"])]


def test_only_the_recipient_marks_a_notice_read(blekinge, alice, bob):
    [notice] = _tell([bob], blekinge)

    with pytest.raises(PermissionDenied):
        domain.mark_read(notice, actor=alice)
    domain.mark_read(notice, actor=bob)

    notice.refresh_from_db()
    assert notice.read_at is not None
    assert AuditEntry.objects.filter(action="notification.read", actor=bob).count() == 1


def test_mark_all_read_marks_ones_own_only(blekinge, alice, bob):
    _tell([alice, bob], blekinge)
    _tell([bob], blekinge)
    other = UserFactory(username="other")

    with pytest.raises(PermissionDenied):
        domain.mark_all_read(bob, actor=other)
    assert domain.mark_all_read(bob, actor=bob) == 2

    unread = Notification.objects.filter(read_at__isnull=True)
    assert [n.recipient for n in unread] == [alice]
    assert domain.mark_all_read(bob, actor=bob) == 0


def test_a_receipt_is_also_the_actors(blekinge, bob):
    [notice] = domain.notify(
        [bob],
        region=blekinge,
        kind="submitted",
        subject="Inskickad",
        body="",
        actor=bob,
        receipt=True,
    )

    assert notice.recipient == bob and len(_mailed_to("bob@example.org")) == 1
