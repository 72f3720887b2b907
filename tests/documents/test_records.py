"""Registered documents never change (issue 11, point 1): an adopted assignment document keeps
its funds table, amounts, rate, reference date and wording when its allocation is redone on the
allocation page; a registered decision keeps its text when the data behind it changes."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from pusselbit.agreements.models import Direction
from pusselbit.assignments.models import Assignment
from pusselbit.core.formatting import format_whole_kronor
from pusselbit.funds.models import Agreement, Share
from pusselbit.initiatives.models import Decision, DecisionDocument, Initiative
from pusselbit.organisations.models import Organisation
from tests.downloads import docx_download, pdf_download

from .test_documents import TITLE, assignment_url, decision_url, docx_text, pdf_text, signed_in

COORDINATOR = "vastra-gotaland-lanssamordnare"
FINANCE = "vastra-gotaland-ekonom"
PER_CAPITA = "(0,580 kr/inv. per 1/11–19)"


@pytest.fixture
def samsjuklighet(demo_once, db):
    return Assignment.objects.select_related("allocation__funds", "region").get(
        region__slug="vastra-gotaland", title=TITLE
    )


@pytest.fixture
def decision(demo_once, db):
    """Dalarna's decision on its demo idea (the library's decisions are in Dalarna too)."""
    return Decision.objects.get(
        initiative__region__slug="dalarna",
        initiative__title="Samtalsstöd inom en vecka för unga vuxna",
    )


def downloads(client, name_pdf, name_docx, url) -> tuple[str, str]:
    pdf = client.get(url(name_pdf))
    pdf_download(pdf)  # 200, application/pdf, an attachment pypdf opens
    return pdf_text(pdf.content), docx_text(docx_download(client.get(url(name_docx))))


def assignment_downloads(client, assignment) -> tuple[str, str]:
    return downloads(
        client,
        "assignment_pdf",
        "assignment_docx",
        lambda name: assignment_url(name, assignment),
    )


def decision_downloads(client, decision) -> tuple[str, str]:
    return downloads(
        client, "decision_pdf", "decision_docx", lambda name: decision_url(name, decision)
    )


def redo_allocation_on_the_page(client, assignment) -> dict[str, Decimal]:
    """The finance officer allocates the assignment's funds again on the allocation page, as a
    manual table that moves 1 000 kr between the two largest associations, the top slice kept."""
    funds = assignment.allocation.funds
    shares = list(Share.objects.filter(allocation__funds=funds).select_related("recipient"))
    pooled = next(share for share in shares if share.pooled)
    split = sorted((s for s in shares if not s.pooled), key=lambda s: -s.amount)
    amounts = {share.recipient.name: share.amount for share in split}
    amounts[split[0].recipient.name] -= 1000
    amounts[split[1].recipient.name] += 1000
    signed_in(client, FINANCE)
    response = client.post(
        reverse("funds:allocate", args=[funds.region.slug, funds.pk]),
        {
            "key": "manual",
            "unit": "krona",
            "manual": "\n".join(f"{name};{amount:.0f}" for name, amount in amounts.items()),
            "top_slice": f"{pooled.amount:.0f}",
            "top_slice_to": str(pooled.recipient_id),
            "top_slice_purpose": "Något annat",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    now = {
        share.recipient.name: share.amount
        for share in Share.objects.filter(allocation__funds=funds, pooled=False)
    }
    assert now == amounts  # the allocation was really made again
    return amounts


def test_an_adopted_assignment_keeps_its_pdf_and_word_when_its_allocation_is_redone_on_the_page(
    client, samsjuklighet
):
    signed_in(client, COORDINATOR)
    pdf_before, word_before = assignment_downloads(client, samsjuklighet)
    assert PER_CAPITA in pdf_before and PER_CAPITA in word_before

    amounts = redo_allocation_on_the_page(client, samsjuklighet)

    signed_in(client, COORDINATOR)
    pdf_after, word_after = assignment_downloads(client, samsjuklighet)
    assert pdf_after == pdf_before
    assert word_after == word_before
    # The per-capita sentence and the adopted amounts stay; the new ones are not in it.
    assert PER_CAPITA in word_after and "Något annat" not in word_after
    for amount in amounts.values():
        assert format_whole_kronor(amount, language="sv") not in word_after


def test_the_adopted_assignments_page_shows_it_as_adopted_and_links_the_newer_allocation(
    client, samsjuklighet
):
    signed_in(client, COORDINATOR)
    page = reverse("assignments:detail", args=[samsjuklighet.region.slug, samsjuklighet.pk])
    before = client.get(page).content.decode()
    assert 'id="newer-allocation"' not in before
    adopted = {
        share.recipient.name: format_whole_kronor(share.amount, language="sv")
        for share in Share.objects.filter(allocation=samsjuklighet.allocation, pooled=False)
    }
    for amount in adopted.values():
        assert amount in before

    amounts = redo_allocation_on_the_page(client, samsjuklighet)

    signed_in(client, COORDINATOR)
    after = client.get(page).content.decode()
    assert 'id="newer-allocation"' in after
    funds = samsjuklighet.allocation.funds
    link = reverse("funds:agreement", args=[funds.region.slug, funds.agreement_id])
    assert f'href="{link}#direction-{funds.pk}"' in after
    assert PER_CAPITA in after
    for amount in adopted.values():
        assert amount in after
    for name, amount in amounts.items():
        if format_whole_kronor(amount, language="sv") != adopted[name]:
            assert format_whole_kronor(amount, language="sv") not in after


def test_a_registered_decision_keeps_its_text_when_the_data_behind_it_changes(client, decision):
    assert DecisionDocument.objects.filter(decision=decision).exists()
    signed_in(client, "dalarna-lanssamordnare")
    pdf_before, word_before = decision_downloads(client, decision)
    assert "Samtalsstöd inom en vecka för unga vuxna" in word_before

    # Everything the document names is renamed after the decision was registered.
    commitment = decision.commitments.select_related(
        "share__recipient", "share__allocation__funds"
    ).get()
    funds = commitment.share.allocation.funds
    Initiative.objects.filter(pk=decision.initiative_id).update(title="Ett annat namn")
    Organisation.objects.filter(
        pk__in=[commitment.share.recipient_id, decision.initiative.organisation_id]
    ).update(name="Omdöpt organisation")
    Agreement.objects.filter(pk=funds.agreement_id).update(name="ÖK X", full_name="Annan")
    Direction.objects.filter(pk=funds.direction_id).update(name="Annan inriktning")

    pdf_after, word_after = decision_downloads(client, decision)
    assert pdf_after == pdf_before
    assert word_after == word_before
    assert "Ett annat namn" not in word_after and "Omdöpt" not in word_after


def test_migrate_fills_the_records_of_documents_registered_before(samsjuklighet, decision):
    """Assignments adopted and decisions registered before records were kept get them from the
    data as it stands; what happened to a decision since is not written into its record."""
    kept = Assignment.objects.get(pk=samsjuklighet.pk)
    record = DecisionDocument.objects.get(decision=decision)
    Assignment.objects.filter(pk=kept.pk).update(adopted_content=None, adopted_allocation=None)
    DecisionDocument.objects.filter(pk=record.pk).delete()  # the queryset's: records refuse

    call_command("migrate", verbosity=0)

    filled = Assignment.objects.get(pk=kept.pk)
    assert filled.adopted_content == kept.adopted_content
    assert filled.adopted_allocation == kept.adopted_allocation
    assert DecisionDocument.objects.get(decision=decision).content == record.content
