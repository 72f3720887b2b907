"""An assignment document in a real browser: Västra Götaland's county coordinator types in the
samsjuklighet seed's document (text, a position, a milestone, a signatory) through the pages,
and a member of the steering group adopts it. Every visited page is checked by axe-core
(WCAG 2.1 A and AA)."""

import contextlib
import re

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import expect

from pusselbit.assignments.enums import AssignmentStatus
from pusselbit.assignments.models import Assignment
from pusselbit.funds.models import Allocation

pytestmark = pytest.mark.browser

COORDINATOR = "vastra-gotaland-lanssamordnare"
STEERING_GROUP_MEMBER = "vastra-gotaland-styrgrupp"
LIST = "/regioner/vastra-gotaland/uppdrag/"
TITLE = "Uppdragshandling koordinatorer för samverkan kring personer med samsjuklighet"
STEERING_GROUP = "Styrgruppen för länsgemensam handlingsplan psykisk hälsa"


def t(message: str, **values) -> str:
    """`message` in Swedish, from the same catalogue the server uses."""
    with translation.override("sv"):
        text = str(translation.gettext(message))
    return text % values if values else text


def download_urls(assignment) -> list[str]:
    """The PDF and Word addresses, where the documents app has them already."""
    found = []
    for name in ["assignments:document_pdf", "assignments:document_docx"]:
        with contextlib.suppress(NoReverseMatch):
            found.append(reverse(name, args=[assignment.region.slug, assignment.pk]))
    return found


def test_coordinator_writes_and_steering_group_adopts_an_assignment(
    page, demo, sign_in, sign_in_with_form, assert_accessible, tmp_path
):
    allocation = Allocation.objects.get(
        funds__region__slug="vastra-gotaland", funds__direction__code="samsjuklighet"
    )
    sign_in(page, COORDINATOR)
    assert_accessible(page)
    main = page.locator("main")

    page.goto(LIST)
    assert_accessible(page)
    main.get_by_role("link", name=t("New assignment document")).click()
    page.wait_for_url(f"**{LIST}ny/")
    assert_accessible(page)

    # A required field left empty: the form comes back with the error and what was typed.
    page.locator("#id_place").fill("Göteborg")
    page.locator("#id_dated").fill("2020-05-06")
    page.locator("#id_heading").fill(
        "Medel för samverkan från 2019 års överenskommelse psykisk hälsa"
    )
    page.locator("#id_title").fill(TITLE)
    main.locator("form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(TITLE)
    assert_accessible(page)

    page.locator("#id_background").fill(
        "I 2019 års överenskommelse (ök) psykisk hälsa mellan regeringen och SKR riktades medel "
        "för samverkan kring personer med samsjuklighet."
    )
    page.locator("#id_activity").fill(
        "För uppdraget rekryteras en koordinator för Västra Götalandsregionen och en på vardera "
        "av de fyra kommunalförbunden."
    )
    page.locator("#id_purpose").fill(
        "Stödja den strategiska utvecklingen av stöd, vård och omsorg till personer med psykisk "
        "sjukdom/funktionsnedsättning och samtidigt missbruk."
    )
    page.locator("#id_organisation_text").fill(
        f"{STEERING_GROUP} är styrgrupp för det övergripande uppdraget."
    )
    page.locator("#id_allocation").select_option(str(allocation.pk))
    page.locator("#id_funds_text").fill("Medlen är rekviderade av VästKom från SKR.")
    page.locator("#id_signed_place").fill("Göteborg")
    page.locator("#id_signed_on").fill("2020-05-06")
    main.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/uppdrag/\d+/$"))
    assert_accessible(page)
    expect(page.locator("h1")).to_have_text(TITLE)
    assignment = Assignment.objects.get(title=TITLE)
    detail = page.url

    # One position, with the extent typed the Swedish way.
    main.get_by_role("link", name=t("Positions"), exact=True).click()
    page.wait_for_url("**/tjanster/")
    assert_accessible(page)
    page.locator("#id_title").fill("Koordinator")
    page.locator("#id_employer").select_option(label="Västra Götalandsregionen")
    page.locator("#id_extent").fill("1,0")
    main.locator("form button[type=submit]").click()
    expect(main.locator(".part-list")).to_contain_text("Koordinator, Västra Götalandsregionen")
    assert_accessible(page)
    main.get_by_role("link", name=t("Back to the document")).click()
    page.wait_for_url(detail)
    assert_accessible(page)

    # One milestone: a season and a year.
    main.get_by_role("link", name=t("Timeline"), exact=True).click()
    page.wait_for_url("**/tidplan/")
    assert_accessible(page)
    page.locator("#id_season").select_option("spring")
    page.locator("#id_year").fill("2020")
    page.locator("#id_text").fill(
        "Fastställd uppdragshandling i styrgruppen för länsgemensam handlingsplan psykisk hälsa."
    )
    main.locator("form button[type=submit]").click()
    expect(main.locator(".part-list")).to_contain_text("Vår 2020")
    assert_accessible(page)
    main.get_by_role("link", name=t("Back to the document")).click()
    page.wait_for_url(detail)
    assert_accessible(page)

    # One signatory.
    main.get_by_role("link", name=t("Signatories"), exact=True).click()
    page.wait_for_url("**/undertecknare/")
    assert_accessible(page)
    page.locator("#id_name").fill("Anneli Assmundson Bjerde")
    page.locator("#id_organisation").fill("VästKom")
    main.locator("form button[type=submit]").click()
    expect(main.locator(".part-list")).to_contain_text("Anneli Assmundson Bjerde")
    assert_accessible(page)
    main.get_by_role("link", name=t("Back to the document")).click()
    page.wait_for_url(detail)
    assert_accessible(page)

    # The document: the position's extent, the overdue milestone in words, the funds table.
    positions = main.get_by_role("table", name=t("Positions the assignment funds"))
    expect(positions).to_contain_text("1,0\xa0tjänst")
    timeline = main.get_by_role("table", name=t("Milestones and how they stand"))
    expect(timeline.get_by_role("row").filter(has_text="Vår 2020")).to_contain_text(t("Overdue"))
    expect(main.locator("table.assignment-funds tfoot")).to_contain_text("2\xa0000\xa0000\xa0kr")
    for address in download_urls(assignment):
        expect(main.locator(f'a[href="{address}"]')).to_have_count(1)

    # The steering group member adopts it.
    page.get_by_role("banner").locator('form[action$="/logga-ut/"] button').click()
    page.wait_for_url("**/konto/logga-in/")
    assert_accessible(page)
    sign_in_with_form(page, STEERING_GROUP_MEMBER)
    assert_accessible(page)
    page.goto(detail)
    assert_accessible(page)
    expect(main.get_by_role("link", name=t("Text"), exact=True)).to_have_count(0)
    main.get_by_role("link", name=t("Adopt the assignment document")).click()
    page.wait_for_url("**/faststall/")
    assert_accessible(page)
    page.locator("#id_adopted_by").fill(STEERING_GROUP)
    page.locator("#id_adopted_on").fill("2020-05-28")
    main.locator("form button[type=submit]").click()
    page.wait_for_url(detail)
    assert_accessible(page)
    status = main.locator(".status-box")
    expect(status).to_contain_text(t("Adopted"))
    expect(status).to_contain_text(STEERING_GROUP)
    expect(status).to_contain_text("28 maj 2020")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ADOPTED
    assert assignment.positions.get().extent == 1

    # The adopted document downloads as PDF and as Word from its page, saying what was written.
    import io

    import docx
    from pypdf import PdfReader

    for link, check in [
        (
            t("Download as PDF"),
            lambda data: " ".join(
                page_.extract_text() for page_ in PdfReader(io.BytesIO(data)).pages
            ),
        ),
        (
            t("Download as Word (.docx)"),
            lambda data: " ".join(
                paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs
            ),
        ),
    ]:
        with page.expect_download() as info:
            main.get_by_role("link", name=link).click()
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        text = " ".join(check(path.read_bytes()).split())
        assert "Bakgrund" in text and "Tidplan" in text
        assert assignment.title.split()[-1] in text
