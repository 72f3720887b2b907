"""One's own notifications (/konto/aviseringar/): the list, the marks, the e-mail choice and the
header's unread count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pusselbit.notifications.domain import delivery_of
from pusselbit.notifications.models import Notification
from tests.factories import MembershipFactory, NotificationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")


def test_the_list_shows_ones_own_newest_first_with_the_unread_marked(client, blekinge, alice, bob):
    NotificationFactory(
        recipient=bob, region=blekinge, subject="Äldre notis", read_at=timezone.now()
    )
    NotificationFactory(recipient=bob, region=blekinge, subject="Nyare notis", url="/x/")
    NotificationFactory(recipient=alice, region=blekinge, subject="Alice notis")

    html = _signed_in(client, bob).get(LIST).content.decode()

    assert html.index("Nyare notis") < html.index("Äldre notis")
    assert '<a href="/x/">Nyare notis</a>' in html
    assert html.count("notification--unread") == 1
    assert "Alice notis" not in html


def test_a_notice_of_a_region_one_no_longer_works_in_is_not_shown(client, blekinge, dalarna, bob):
    NotificationFactory(recipient=bob, region=dalarna, subject="Dalarnas notis")
    NotificationFactory(recipient=bob, region=blekinge, subject="Blekinges notis")

    html = _signed_in(client, bob).get(LIST).content.decode()

    assert "Blekinges notis" in html and "Dalarnas notis" not in html
    assert '1<span class="visually-hidden"> oläst</span>' in html


def test_the_header_counts_the_unread_in_every_region_of_the_user(client, blekinge, dalarna, bob):
    MembershipFactory(user=bob, region=dalarna, role="initiator")
    NotificationFactory.create_batch(2, recipient=bob, region=blekinge)
    NotificationFactory(recipient=bob, region=dalarna)

    # A region's page is scoped to that region; the count is not.
    html = _signed_in(client, bob).get(reverse("initiatives:pipeline", args=["blekinge"]))
    assert '3<span class="visually-hidden"> olästa</span>' in html.content.decode()


def test_mark_read_marks_ones_own_and_returns_to_the_page(client, blekinge, bob):
    notice = NotificationFactory(recipient=bob, region=blekinge)

    response = _signed_in(client, bob).post(
        reverse("notifications:mark_read"), {"notification": notice.pk, "page": "2"}
    )

    assert response["Location"] == f"{LIST}?page=2"
    notice.refresh_from_db()
    assert notice.read_at is not None


@pytest.mark.parametrize("other", ["alice's", "9" * 40, "x", ""])
def test_another_users_notice_or_none_is_not_marked(client, blekinge, alice, bob, other):
    notice = NotificationFactory(recipient=alice, region=blekinge)
    mine = NotificationFactory(recipient=bob, region=blekinge)

    response = _signed_in(client, bob).post(
        reverse("notifications:mark_read"),
        {"notification": notice.pk if other == "alice's" else other},
    )

    assert response["Location"] == LIST
    assert Notification.objects.filter(read_at__isnull=False).count() == 0
    assert {notice.pk, mine.pk} == set(Notification.objects.values_list("pk", flat=True))


def test_mark_all_read(client, blekinge, alice, bob):
    NotificationFactory.create_batch(3, recipient=bob, region=blekinge)
    NotificationFactory(recipient=alice, region=blekinge)

    response = _signed_in(client, bob).post(reverse("notifications:mark_all_read"), follow=True)

    assert "Alla dina aviseringar är markerade som lästa." in response.content.decode()
    assert list(
        Notification.objects.filter(read_at__isnull=True).values_list("recipient", flat=True)
    ) == [alice.pk]
    assert "Markera alla som lästa" not in response.content.decode()


def test_the_email_choice_is_saved(client, bob):
    response = _signed_in(client, bob).post(
        reverse("notifications:set_delivery"), {"delivery": "digest"}, follow=True
    )

    assert delivery_of(bob) == "digest"
    html = response.content.decode()
    assert "Sparat: I ett e-brev om dagen (daglig sammanfattning)." in html
    assert 'value="digest" required id="id_delivery_1" checked>' in html


def test_an_unknown_choice_is_refused_next_to_the_field(client, bob):
    response = _signed_in(client, bob).post(
        reverse("notifications:set_delivery"), {"delivery": "weekly"}
    )

    assert response.status_code == 400 and delivery_of(bob) == "immediate"
    assert 'href="#id_delivery"' in response.content.decode()


def test_the_page_in_english(client, bob):
    client.cookies["django_language"] = "en"
    html = _signed_in(client, bob).get(LIST).content.decode()
    assert "<h1>Notifications</h1>" in html and "No notifications yet." in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_same_for_1_and_30_notices(client, blekinge, bob):
    _signed_in(client, bob)
    NotificationFactory(recipient=bob, region=blekinge)
    one = _queries(client, LIST)
    NotificationFactory.create_batch(29, recipient=bob, region=blekinge)
    assert _queries(client, LIST) == one


def test_the_header_count_is_one_query_on_every_page(client, blekinge, bob):
    _signed_in(client, bob)
    pipeline = reverse("initiatives:pipeline", args=["blekinge"])
    none = _queries(client, pipeline)
    NotificationFactory.create_batch(5, recipient=bob, region=blekinge)
    assert _queries(client, pipeline) == none
    with CaptureQueriesContext(connection) as queries:
        client.get(pipeline)
    counts = [q["sql"] for q in queries if "notifications_notification" in q["sql"]]
    assert len(counts) == 1 and "COUNT" in counts[0].upper()
