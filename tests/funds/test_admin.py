"""The money in the admin: commitments, spending, requisitions and allocations are registered
records, read-only for everyone; the agreements are the platform operator's."""

import pytest
from django.urls import reverse

from pusselbit.accounts.models import User
from pusselbit.core.models import AuditEntry
from pusselbit.demo.builders import SUPERUSER
from pusselbit.funds.models import Agreement, Commitment, Requisition

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(demo_once, db):
    return User.objects.get(username=SUPERUSER)


def test_commitment_amount_cannot_be_changed_by_platform_operator(client, root):
    commitment = Commitment.objects.first()
    client.force_login(root)
    url = reverse("admin:funds_commitment_change", args=[commitment.pk])
    assert 'name="amount"' not in client.get(url).content.decode()
    response = client.post(url, {"amount": "99999999.00", "year": commitment.year})
    assert response.status_code == 403
    assert Commitment.objects.get(pk=commitment.pk).amount == commitment.amount


def test_requisition_cannot_be_deleted_by_platform_operator(client, root):
    requisition = Requisition.objects.first()
    client.force_login(root)
    url = reverse("admin:funds_requisition_delete", args=[requisition.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Requisition.objects.filter(pk=requisition.pk).exists()


def test_agreement_list_opens_for_platform_operator_only(client, root):
    client.force_login(root)
    html = client.get(reverse("admin:funds_agreement_changelist")).content.decode()
    assert Agreement.objects.first().name in html
    client.force_login(User.objects.get(username="blekinge-administrator"))
    assert client.get(reverse("admin:funds_agreement_changelist")).status_code == 403


def test_agreement_change_writes_audit_entry(client, root):
    agreement = Agreement.objects.first()
    client.force_login(root)
    url = reverse("admin:funds_agreement_change", args=[agreement.pk])
    response = client.post(
        url,
        {
            "name": agreement.name,
            "full_name": "Överenskommelse, rättat namn",
            "year": agreement.year,
            "use_by": agreement.use_by.isoformat(),
        },
    )
    assert response.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).full_name == "Överenskommelse, rättat namn"
    entry = AuditEntry.objects.get(action="agreement.changed")
    assert entry.actor == root and entry.data["changed"]["full_name"][1].endswith("rättat namn")


def test_agreement_in_use_is_not_removed(client, root):
    agreement = Agreement.objects.filter(requisitions__isnull=False).first()
    client.force_login(root)
    client.post(reverse("admin:funds_agreement_delete", args=[agreement.pk]), {"post": "yes"})
    assert Agreement.objects.filter(pk=agreement.pk).exists()
