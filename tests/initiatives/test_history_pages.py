"""Issue 12: the initiative page shows one page of its history, newest first, whatever the
number of audit entries; older entries are pages further (?historik=2); the history is read
by an index on the audit entry's target, not a scan of every region's entries."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pusselbit.core.models import AuditEntry
from pusselbit.initiatives.models import Initiative
from pusselbit.initiatives.views.detail import HISTORY_PER_PAGE

pytestmark = pytest.mark.django_db


def add_entries(initiative, count, actor=None):
    target = ContentType.objects.get_for_model(Initiative)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action="initiative.proposal_updated",
            target_type=target,
            target_id=str(initiative.pk),
            data={"n": n},
        )
        for n in range(count)
    )


def history_items(html: str) -> list[str]:
    section = html.split('id="history"')[1].split("</section>")[0]
    return re.findall(r"<li><time", section)


def page(client, initiative, **params):
    url = reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_300_audit_entries_render_one_page_of_history(client, people, make_initiative):
    initiative = make_initiative("ide")
    add_entries(initiative, 300, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])

    html = page(client, initiative)

    assert len(history_items(html)) == HISTORY_PER_PAGE
    nav = html.split('id="history"')[1].split("</section>")[0]
    assert 'aria-current="page"' in nav and "historik=2" in nav
    total = AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(Initiative), target_id=str(initiative.pk)
    ).count()
    last = page(client, initiative, historik=(total + HISTORY_PER_PAGE - 1) // HISTORY_PER_PAGE)
    assert len(history_items(last)) == (total % HISTORY_PER_PAGE or HISTORY_PER_PAGE)
    assert "skapade idén" in last  # the oldest entry, the creation, is on the last page


@pytest.mark.parametrize("garbage", ["x", "-1", "0", "99999", ""])
def test_a_garbage_history_page_shows_a_real_page(client, people, make_initiative, garbage):
    initiative = make_initiative("ide")
    add_entries(initiative, 45)
    client.force_login(people["county_coordinator"])
    assert 0 < len(history_items(page(client, initiative, historik=garbage))) <= HISTORY_PER_PAGE


def test_the_history_page_keeps_its_query_count_as_the_history_grows(
    client, people, make_initiative
):
    initiative = make_initiative("ide")
    client.force_login(people["county_coordinator"])
    url = reverse("initiatives:detail", args=[initiative.region.slug, initiative.pk])
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    add_entries(initiative, 300, actor=people["initiator"])
    assert queries() == few


def test_the_audit_entry_target_has_an_index_for_the_history():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
    columns = [c["columns"] for c in constraints.values() if c["index"]]
    assert ["target_type_id", "target_id", "at", "id"] in columns


def test_the_page_shows_only_the_latest_check_ins(client, people, make_initiative):
    """The check-in log grows every month; the page shows the latest, the log page all."""
    import datetime

    from pusselbit.initiatives.domain import meetings as domain
    from pusselbit.initiatives.queries.meetings import CHECK_INS_SHOWN

    initiative = make_initiative("samordningsgrupp")
    for n in range(25):
        domain.record_check_in(
            initiative,
            actor=people["county_coordinator"],
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            group=f"Grupp {n}",
        )
    client.force_login(people["county_coordinator"])
    section = page(client, initiative).split('id="meetings"')[1].split("</section>")[0]
    shown = re.findall(r"<td>Grupp (\d+)</td>", section)
    assert shown == [str(n) for n in range(24, 24 - CHECK_INS_SHOWN, -1)]
    assert "data-more-check-ins" in section


def test_the_history_counts_down_across_pages_and_its_links_lead_back_to_it(
    client, people, make_initiative
):
    initiative = make_initiative("ide")
    add_entries(initiative, 50, actor=people["county_coordinator"])
    client.force_login(people["county_coordinator"])
    total = AuditEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(Initiative), target_id=str(initiative.pk)
    ).count()

    first = page(client, initiative).split('id="history"')[1]
    second = page(client, initiative, historik=2).split('id="history"')[1]

    assert f'<ol class="history" reversed start="{total}">' in first
    assert f'<ol class="history" reversed start="{total - HISTORY_PER_PAGE}">' in second
    assert 'href="?historik=2#history"' in first
