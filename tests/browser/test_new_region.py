"""Issue 14, "done when": a new region is set up by its own administrator and an initiative is
decided with a commitment of funds, without the platform operator after the region is opened.

Region Gotland, from the reference data alone (no demo): the platform operator's one step is
`pusselbit open_region`; from there everything is done in the browser by the region's own
people. The administrator sets up an account from the mailed link, adds an operation area and a
civil-society organisation, and invites a county coordinator, a finance officer, a regional
director, an initiator and a local coordinator; each sets up an account from their mail. The
finance officer records the agreement year's funds and allocates them, the county coordinator
seats the local coordinator in the coordination group and LSVO, and the initiative walks the
default workflow (test_lifecycle's steps) to the regional director's approval, which commits
the funds. No superuser exists, and every page passes axe."""

import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import Membership, User
from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.core.models import AuditEntry
from pusselbit.funds.models import Commitment, Share
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.domain import load_reference_data
from pusselbit.organisations.models import Organisation

from .test_lifecycle import (
    TITLE,
    Walk,
    add_participants,
    ask_for_advice_with_the_keyboard,
    assess_criteria,
    create_idea,
    mark_preparation_done,
    write_proposal,
)

pytestmark = pytest.mark.browser

REGION = "gotland"
HUB = f"/regioner/{REGION}/administration/"
PASSWORD = "gotland-pa-egen-hand-26"
YEAR = 2026


def swedish(role: Role) -> str:
    """The role's name as the Swedish pages show it."""
    with translation.override("sv"):
        return str(role.label)


@pytest.fixture
def fresh_country(transactional_db, settings):
    """What a new installation has before any region is opened: the 21 regions with their
    municipalities and populations, and the agreement's directions. No users at all."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_reference_data(actor=None)
    agreement_reference.load(Direction, PriorityArea)


def link_for(email: str) -> str:
    """The path of the invitation link in the newest mail to `email` (the command's mail names
    SITE_URL, the pages' the live server: the path is what the browser opens)."""
    message = [sent for sent in mail.outbox if sent.to == [email]][-1]
    return re.search(r"https?://[^/\s]+(/konto/inbjudan/\S+/)", message.body).group(1)


def organisation_key(name: str) -> str:
    return str(Organisation.objects.get(region__slug=REGION, name=name).pk)


class Gotland:
    """The browser as one person after another; every page it lands on is checked."""

    def __init__(self, page, check):
        self.page, self.check = page, check
        self.main = page.locator("main")

    def submit(self, form: str = "main form[method=post]") -> None:
        self.page.locator(f"{form} button[type=submit]").first.click()
        self.page.wait_for_load_state("load")
        self.check(self.page)

    def accept(self, email: str, username: str, first: str, last: str, role) -> None:
        """Open the mailed link signed out, set up an account; land in Gotland with the role."""
        self.page.goto(link_for(email))
        self.check(self.page)
        expect(self.main).to_contain_text(swedish(role))
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Förnamn").fill(first)
        self.page.get_by_label("Efternamn").fill(last)
        self.page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
        self.page.get_by_label("Lösenordsbekräftelse").fill(PASSWORD)
        self.main.get_by_role("button", name="Skapa kontot och tacka ja").click()
        expect(self.page.locator(".messages")).to_contain_text("Välkommen till Region Gotland")
        self.check(self.page)

    def sign_out(self) -> None:
        self.page.get_by_role("banner").locator('form[action$="/logga-ut/"] button').click()
        self.page.wait_for_url("**/konto/logga-in/")
        self.check(self.page)

    def sign_in(self, username: str) -> None:
        self.page.locator("#id_username").fill(username)
        self.page.locator("#id_password").fill(PASSWORD)
        self.main.get_by_role("button").click()
        self.page.wait_for_url(re.compile(r"/$"))
        self.check(self.page)

    def section(self, title: str) -> None:
        """Open a section of the region's administration page from the main menu."""
        self.page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Regionadministration"
        ).click()
        self.page.wait_for_url(f"**{HUB}")
        self.check(self.page)
        self.main.get_by_role("link", name=title).click()
        self.page.wait_for_load_state("load")
        self.check(self.page)

    def invite(self, email: str, name: str, organisation: str, role) -> None:
        self.page.get_by_role("link", name="Bjud in en person").click()
        self.page.wait_for_load_state("load")
        self.check(self.page)
        self.page.get_by_label("E-post").fill(email)
        self.page.get_by_label("Namn").fill(name)
        self.page.get_by_label("Organisation").select_option(organisation_key(organisation))
        self.page.get_by_label("Roll").select_option(label=swedish(role))
        self.main.get_by_role("button", name="Skicka inbjudan").click()
        expect(self.page.locator(".messages")).to_contain_text(f"En inbjudan skickas till {email}")
        self.check(self.page)


PEOPLE = [
    # e-mail, username, first and last name, organisation, role
    (
        "cecilia@gotland.example",
        "cecilia",
        "Cecilia",
        "Ek",
        "Region Gotland",
        Role.COUNTY_COORDINATOR,
    ),
    ("frida@gotland.example", "frida", "Frida", "Lund", "Region Gotland", Role.FINANCE_OFFICER),
    ("rune@gotland.example", "rune", "Rune", "Berg", "Region Gotland", Role.REGIONAL_DIRECTOR),
    ("ines@gotland.example", "ines", "Ines", "Holm", "Gotland", Role.INITIATOR),
    ("lars@gotland.example", "lars", "Lars", "Visby", "Gotland", Role.LOCAL_COORDINATOR),
]


def test_new_region_set_up_by_its_own_people_decides_with_funds(
    page, fresh_country, assert_accessible, sign_in
):
    gotland = Gotland(page, assert_accessible)
    main = gotland.main

    # The platform operator's one step, outside the browser.
    call_command(
        "open_region", REGION, "ada@gotland.example", "--name", "Ada Lind", stdout=io.StringIO()
    )

    # The administrator sets up an account from the mail.
    gotland.accept("ada@gotland.example", "ada", "Ada", "Lind", Role.ADMINISTRATOR)

    # An operation area of the municipality, and a civil-society organisation with its type.
    gotland.section("Organisationer och verksamhetsområden")
    main.get_by_role("link", name="Gotland", exact=True).click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#id_area-name").fill("Elevhälsa")
    gotland.submit("main form:has(#id_area-name)")
    expect(main).to_contain_text("Elevhälsa")
    gotland.section("Organisationer och verksamhetsområden")
    main.get_by_role("link", name="Ny civilsamhällesorganisation").click()
    page.wait_for_load_state("load")
    assert_accessible(page)
    page.locator("#id_name").fill("Brukarrådet Gotland")
    page.select_option("#id_civil_society_type", "user_organisation")
    gotland.submit()
    expect(page.locator("h1")).to_have_text("Brukarrådet Gotland")

    # The administrator invites the people the region's work needs.
    gotland.section("Inbjudningar")
    for email, _username, first, last, organisation, role in PEOPLE:
        gotland.invite(email, f"{first} {last}", organisation, role)
    gotland.sign_out()

    # Each sets up an account from the mail; the finance officer records and allocates funds.
    for email, username, first, last, _organisation, role in PEOPLE:
        gotland.accept(email, username, first, last, role)
        if role == Role.FINANCE_OFFICER:
            record_and_allocate_funds(gotland)
        gotland.sign_out()

    # The county coordinator seats the local coordinator in the coordination group and LSVO.
    gotland.sign_in("cecilia")
    gotland.section("Mötesorgan")
    lars = User.objects.get(username="lars")
    for body in [Role.COORDINATION_GROUP_MEMBER, Role.LSVO_MEMBER]:
        page.select_option("#id_user", str(lars.pk))
        page.select_option("#id_role", body.value)
        page.select_option("#id_organisation", organisation_key("Gotland"))
        gotland.submit("main form.form:has(#id_user)")
        expect(page.locator(".message--success")).to_be_visible()
    assert set(Membership.objects.filter(user=lars).values_list("role", flat=True)) == {
        Role.LOCAL_COORDINATOR,
        Role.COORDINATION_GROUP_MEMBER,
        Role.LSVO_MEMBER,
    }
    gotland.sign_out()

    # The initiative, from idea to the regional director's decision (test_lifecycle's steps).
    walk = Walk(page, assert_accessible, sign_in, region=REGION, home="Gotland", password=PASSWORD)
    gotland.sign_in("ines")
    create_idea(walk)
    ask_for_advice_with_the_keyboard(walk)
    walk.step("Skicka in idébeskrivningen", "Inskickad")
    walk.switch_user("cecilia")
    walk.on_detail("Inskickad")
    walk.step("Presentera för samordningsgruppen", "Samordningsgrupp")
    walk.switch_user("lars")
    walk.on_detail("Samordningsgrupp")
    walk.step("Till dialogforum", "Dialogforum", comment="Samordningsgruppen namnger BUP.")
    walk.switch_user("cecilia")
    walk.on_detail("Dialogforum")
    walk.step("Skriv fram underlag", "Underlag")
    add_participants(walk)
    assess_criteria(walk)
    mark_preparation_done(walk)
    write_proposal(walk)
    walk.step("Lämna till LSVO", "Rekommendation")
    walk.switch_user("lars")
    walk.on_detail("Rekommendation")
    walk.recommend("Rekommendera", "Beslut", "Väl förankrad hos region och kommun.")

    share = Share.objects.get(allocation__funds__region__slug=REGION)
    walk.switch_user("rune")
    walk.on_detail("Beslut")
    walk.decide(
        "Bevilja",
        "Genomförande",
        "RG 2026/17",
        budget="650 000",
        plan="Halvårsvis uppföljning i LSVO.",
        paid_from=share.pk,
    )

    # The decision committed the region's own funds.
    initiative = Initiative.objects.get(pk=walk.pk)
    assert initiative.title == TITLE and initiative.region.slug == REGION
    [commitment] = Commitment.objects.all()
    assert commitment.share == share and commitment.amount == Decimal("650000")
    assert commitment.decision.initiative == initiative
    assert commitment.decision.recorded_by.username == "rune"

    # No one acted as the platform operator: there is no superuser, and the only action without
    # a person behind it is the command's invitation of the first administrator.
    assert not User.objects.filter(is_superuser=True).exists()
    assert not AuditEntry.objects.filter(actor__is_superuser=True).exists()
    systems = AuditEntry.objects.filter(actor=None, action__startswith="invitation.")
    assert list(systems.values_list("action", flat=True)) == ["invitation.created"]
    assert (
        AuditEntry.objects.filter(actor__username="ada", action="invitation.created").count() == 5
    )


def record_and_allocate_funds(gotland: Gotland) -> None:
    """The finance officer: the agreement year's funds for the initiative's direction, then
    allocated by population (Gotland's one municipality takes it all)."""
    page, main = gotland.page, gotland.main
    direction = Direction.objects.order_by("pk").first()
    gotland.section("Avtalsmedel")
    page.locator("#id_ar").fill(str(YEAR))
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_load_state("load")
    gotland.check(page)
    page.locator("#id_use_by").fill(f"{YEAR + 1}-06-30")
    page.locator(f"#id_amount_{direction.code}").fill("1 000 000")
    gotland.submit()
    expect(page.locator(".message--success")).to_contain_text(str(YEAR))

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Medel").click()
    page.wait_for_load_state("load")
    gotland.check(page)
    main.get_by_role("link", name=f"ÖK {YEAR}", exact=True).click()
    page.wait_for_load_state("load")
    gotland.check(page)
    main.get_by_role("link", name=f"Fördela {direction.display_name}").click()
    page.wait_for_url("**/medel/fordelning/*/")
    gotland.check(page)
    page.locator("input[name=key][value=population]").check()
    page.locator("#id_reference_date").select_option("2019-12-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"#direction-\d+$"))
    gotland.check(page)
    [share] = Share.objects.filter(allocation__funds__region__slug=REGION)
    assert share.recipient.name == "Gotland" and share.amount == Decimal("1000000")
