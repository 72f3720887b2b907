"""The national benchmark's data set builder, on a tiny scale (the demo's regions and Gotland,
one agreement year, 40 initiatives), so that it keeps up with the models. PostgreSQL only: the
audit trail is one INSERT … SELECT over generate_series. About 11 s (it builds the demo first)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F, Sum

from pusselbit.core.models import AuditEntry
from pusselbit.funds.models import Commitment, Share, Spending
from pusselbit.initiatives.models import Initiative


@pytest.mark.django_db
def test_builds_a_small_consistent_data_set_and_marks_it():
    if connection.vendor != "postgresql":
        pytest.skip("the national data set is built in PostgreSQL")
    # Imported here: it puts benchmarks/ on sys.path, which the other tests need not see.
    from benchmarks import national

    # One build for every check: it takes a while (the demo's three regions are walked).
    small = national.build(
        initiatives=40, regions=["gotland"], years=range(2020, 2021), say=lambda message: None
    )
    assert small["regions"] == 21
    assert small["municipalities"] == 290
    # The demo's walked ideas (6 in each of 4 regions) and the bulk ones.
    assert small["initiatives"] >= 24 + 38
    bulk = Initiative.objects.filter(contact_email="kontakt@example.org").values_list(
        "pk", flat=True
    )
    entries = AuditEntry.objects.filter(
        target_type__model="initiative", target_id__in=[str(pk) for pk in bulk]
    )
    assert entries.count() >= 28 * len(bulk)
    assert national.built()

    # Every initiative is in a stage of its own region's workflow.
    assert not Initiative.objects.exclude(stage__workflow__region=F("region")).exists()
    assert not Initiative.objects.exclude(workflow=F("stage__workflow")).exists()
    # No share gives more than it holds: commitments plus spending outside them.
    for share in Share.objects.all():
        committed = share.commitments.aggregate(s=Sum("amount"))["s"] or Decimal(0)
        outside = share.spendings.filter(initiative=None).aggregate(s=Sum("amount"))["s"] or 0
        assert committed + outside <= share.amount, share
    # An initiative spends no more than its decision committed.
    for spending in Spending.objects.exclude(initiative=None):
        committed = Commitment.objects.filter(
            share=spending.share, decision__initiative=spending.initiative
        ).aggregate(s=Sum("amount"))["s"]
        assert committed is not None and spending.amount <= committed
