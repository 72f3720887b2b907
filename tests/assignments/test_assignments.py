"""The assignment document pages, with the samsjuklighet seed
(vgr-uppdragshandling-samsjuklighet-2020.txt) typed in through them: every section on screen
in the seed's order, the funds as the allocation's shares, the timeline followed up, adoption
locking the content, concurrent edits, and who may see and do what."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from pusselbit.agreements import reference as agreement_reference
from pusselbit.agreements.models import Direction, PriorityArea
from pusselbit.assignments import domain
from pusselbit.assignments.enums import AssignmentStatus
from pusselbit.assignments.models import Assignment, Milestone
from pusselbit.assignments.queries import overdue_milestones
from pusselbit.funds.domain import allocate_funds, create_agreement, set_region_funds
from pusselbit.plans.domain import add_goal, add_indicator, create_plan
from tests.factories import MembershipFactory, OrganisationFactory, RegionFactory
from tests.unchanged import nothing_written

pytestmark = pytest.mark.django_db

# The samsjuklighet seed, as written there.
HEADING = "Medel för samverkan från 2019 års överenskommelse psykisk hälsa"
TITLE = "Uppdragshandling koordinatorer för samverkan kring personer med samsjuklighet"
BACKGROUND = (
    "I 2019 års överenskommelse (ök) psykisk hälsa mellan regeringen och Sveriges kommuner och "
    "regioner (SKR) riktades medel för samverkan kring personer med samsjuklighet. Medlen har, "
    "efter överenskommelse mellan parterna rekviderats av VästKom.\n\n"
    "Mot bakgrund av ovanstående och att personer med samsjuklighet inte alltid får den "
    "sammanhållna och välfungerande vård, stöd och omsorg som hen behöver avser vi att tillsätta "
    "koordinatorer. Detta val grundas i ovanstående men också i frågeställningar som;"
)
QUESTIONS = [
    "Hur kan vi kraftsamla i Västra Götaland för att säkerställa att våra gemensamma resurser "
    "används så att de ger effekter för den enskilde?",
    "Hur kan vi förebygga psykisk ohälsa och fånga upp personer innan deras svårigheter och "
    "hinder blir allt för omfattande och komplexa?",
    "Hur kan vi tillse att våra insatser bidrar till minskat lidande, ökad livskvalitet och "
    "förhindrar utveckling av allvarliga tillstånd och konsekvenser?",
    "Hur kan vi öka förutsättningar för vård och stöd i individens när- och hemma-miljö och "
    "förebygga behov av heldygnsvård/institutionsvård.",
]
GOALS_TEXT = (
    "Målsättningen är att man med utgångspunkt i handlingsplan psykisk hälsa och "
    "inriktningsdokument som grund kan vidareutveckla integrerat arbete för målgruppen personer "
    "med samsjuklighet."
)
ACTIVITY = (
    "För uppdraget rekryteras en koordinator för Västra Götalandsregionen och en på vardera av de "
    "fyra kommunalförbunden i Västra Götaland vilka ska jobba tillsammans och vara ett stöd för "
    "kommunerna och regionen i deras arbete kring personer med psykisk "
    "sjukdom/funktionsnedsättning och samtidigt missbruk (samsjuklighet)."
)
PURPOSE = (
    "Stödja den strategiska utvecklingen av stöd, vård och omsorg till personer med psykisk "
    "sjukdom/funktionsnedsättning och samtidigt missbruk så att dessa personer får stöd, vård och "
    "insatser som främjar deras återhämtning."
)
BASIS = [
    "Läns gemensam handlingsplan psykisk hälsa",
    "Inriktningsdokument för organiserat integrerat arbete",
]
OVERALL = [
    "Att stödja kommunerna och regionen i arbetet med personer med samsjuklighet",
    "Att stödja implementeringen av evidensbaserade arbetssätt så att personer i Västra "
    "Götaland med missbruk, psykisk ohälsa och/eller komplex problematik får bra stöd och "
    "insatser för att kunna leva ett gott liv utifrån sina förutsättningar.",
]
EXAMPLES = [
    "Uppstart av Mini Maria, socialmedicinsk mottagning, huvudmannagemensamma team eller liknande",
    "Utredningsarbete för att identifiera behov och föreslå framtida arbetssätt.",
]
REPORTING = (
    "I uppdraget ingår att rapportera arbetet i enlighet med de krav som ställs på uppföljning "
    "från regeringen i samverkan med processledare för handlingsplan psykisk hälsa."
)
ORGANISATION = (
    "Styrgruppen för länsgemensam handlingsplan psykisk hälsa är styrgrupp för det övergripande "
    "uppdraget. Avstämning görs regelbundet med processledare för handlingsplan psykisk hälsa."
)
FUNDS_TEXT = (
    "Medlen är rekviderade av VästKom från Sveriges kommuner och regioner (SKR) inom ramen "
    "Överenskommelse om psykisk hälsa 2019 enligt överenskommelse med Västra Götalandsregionen "
    "för länsgemensamt arbete."
)
STEERING_GROUP = "Styrgruppen för länsgemensam handlingsplan psykisk hälsa"
MILESTONES = [
    (
        "spring",
        2020,
        "Fastställd uppdragshandling i styrgruppen för länsgemensam handlingsplan psykisk hälsa. "
        "Påbörja rekrytering av koordinators som bör kunna starta sitt arbete i september.",
    ),
    ("autumn", 2020, "Enklare nulägesrapport till styrgruppen"),
    ("spring", 2021, "Redovisning i styrgruppen samt beslut om ett eventuellt fortsatt arbete"),
]
SIGNATORIES = [
    ("Anneli Assmundson Bjerde", "VästKom"),
    ("Lise-Lotte Risö Bergerlind", "Västra Götalandsregionen"),
]
# The seed's split of the municipal half (0,580 kr/inv.), largest first as the seed lists it.
ASSOCIATIONS = [
    ("Göteborgsregionens kommunalförbund (GR)", "554579"),
    ("Fyrbodals kommunalförbund", "158831"),
    ("Skaraborgs kommunalförbund", "155594"),
    ("Boråsregionen Sjuhärads kommunalförbund", "130996"),
]


def sv(message: str, **values) -> str:
    """`message` as the Swedish page shows it, from the catalogue the server uses."""
    with translation.override("sv"):
        text = str(translation.gettext(message))
    return text % values if values else text


def plural(singular: str, many: str, count: int) -> str:
    with translation.override("sv"):
        return translation.ngettext(singular, many, count) % {"counter": count}


def text_of(response) -> str:
    """The page's text with tags kept, entities decoded and non-breaking spaces as spaces."""
    return html.unescape(response.content.decode()).replace("\xa0", " ")


def headings(page: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()
        for _level, text in re.findall(r"<h([1-3])\b[^>]*>(.*?)</h\1>", page, re.S)
    ]


def table_rows(page: str, caption: str) -> list[list[str]]:
    for table in re.findall(r"<table.*?</table>", page, re.S):
        found = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S)
        if found and caption in found.group(1):
            break
    else:
        raise AssertionError(f"no table with the caption {caption!r}")
    table = re.sub(r'<span class="visually-hidden">.*?</span>', "", table, flags=re.S)
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", table, re.S)
    ]


def url(name: str, assignment=None, *args, region_slug="vastra-gotaland") -> str:
    if assignment is None:
        return reverse(f"assignments:{name}", args=[region_slug, *args])
    return reverse(f"assignments:{name}", args=[region_slug, assignment.pk, *args])


@pytest.fixture
def vg(db):
    agreement_reference.load(Direction, PriorityArea)
    return RegionFactory(
        code="14",
        name="Västra Götalandsregionen",
        county_name="Västra Götalands län",
        slug="vastra-gotaland",
    )


@pytest.fixture
def regional(vg):
    return vg.organisations.get(kind="region")


@pytest.fixture
def coordinator(vg):
    return MembershipFactory(region=vg, role="county_coordinator", user__username="lsam").user


@pytest.fixture
def steering(vg):
    return MembershipFactory(region=vg, role="steering_group_member", user__username="sg").user


@pytest.fixture
def initiator(vg):
    return MembershipFactory(region=vg, role="initiator", user__username="init").user


@pytest.fixture
def allocation(vg, regional):
    """ÖK 2019's co-morbidity funds: 1 000 000 kr pooled for the region's coordinator first,
    1 000 000 kr over the four associations as the seed gives them."""
    agreement = create_agreement(
        "ÖK 2019",
        "Överenskommelse om insatser inom området psykisk hälsa 2019",
        2019,
        datetime.date(2020, 12, 31),
        actor=None,
    )
    funds = set_region_funds(
        agreement, vg, Direction.objects.get(code="samsjuklighet"), Decimal(2_000_000), actor=None
    )
    amounts = [
        (OrganisationFactory(region=vg, kind="association", name=name), Decimal(amount))
        for name, amount in reversed(ASSOCIATIONS)
    ]
    return allocate_funds(
        funds,
        actor=None,
        key="manual",
        unit="krona",
        amounts=amounts,
        top_slice=Decimal(1_000_000),
        top_slice_to=regional,
        top_slice_purpose="Koordinator för Västra Götalandsregionen",
    )


@pytest.fixture
def goals(vg):
    plan = create_plan(
        vg, "Läns gemensam handlingsplan för psykisk hälsa 2018–2020", 2018, 2020, actor=None
    )
    indicator = add_indicator(plan, "Integrerade insatser vid samsjuklighet", actor=None)
    adults = add_goal(
        plan,
        plan.focus_areas.get(number=4),
        "4.2",
        "Personer med missbruk, psykisk ohälsa och/eller komplex problematik ska få integrerade "
        "insatser",
        actor=None,
        target_group="för vuxna",
        indicators=[indicator],
    )
    young = add_goal(
        plan,
        plan.focus_areas.get(number=2),
        "2.2",
        "Förebygga och uppmärksamma bruk av alkohol och narkotika bland unga",
        actor=None,
        target_group="för barn och unga",
    )
    return plan, adults, young


def text_data(**overrides) -> dict:
    data = {
        "place": "Göteborg",
        "dated": "2020-05-06",
        "heading": HEADING,
        "title": TITLE,
        "background": BACKGROUND,
        "goals_text": GOALS_TEXT,
        "activity": ACTIVITY,
        "purpose": PURPOSE,
        "reporting": REPORTING,
        "organisation_text": ORGANISATION,
        "funds_text": FUNDS_TEXT,
        "signed_place": "Göteborg",
        "signed_on": "2020-05-06",
    }
    return {**data, **overrides}


def make_assignment(region, **fields) -> Assignment:
    values = {
        "place": "Göteborg",
        "dated": datetime.date(2020, 5, 6),
        "title": TITLE,
        "background": BACKGROUND,
        "purpose": PURPOSE,
        "organisation_text": ORGANISATION,
        **fields,
    }
    return domain.create_assignment(region, actor=None, **values)


def ready_to_adopt(region) -> Assignment:
    assignment = make_assignment(region)
    domain.add_milestone(assignment, actor=None, season="spring", year=2020, text="Fastställd")
    domain.add_signatory(assignment, actor=None, name="Anneli", organisation="VästKom")
    return assignment


# The document, typed in through the pages


@pytest.fixture
def typed_in(client, coordinator, regional, allocation, goals):
    """The samsjuklighet seed, typed in through the pages by the county coordinator."""
    plan, adults, young = goals
    client.force_login(coordinator)
    response = client.post(
        url("create"),
        text_data(plan=plan.pk, goals=[adults.pk, young.pk], allocation=allocation.pk),
    )
    assignment = Assignment.objects.get(title=TITLE)
    assert response.status_code == 302
    assert response["Location"] == url("detail", assignment)

    def add(name, data):
        response = client.post(url(name, assignment), data)
        assert response.status_code == 302, response.content.decode()
        assert response["Location"] == url(name, assignment)

    add("add_position", {"title": "Koordinator", "employer": regional.pk, "extent": "1,0"})
    for kind, texts in [
        ("question", QUESTIONS),
        ("basis", BASIS),
        ("overall", OVERALL),
        ("example", EXAMPLES),
    ]:
        for text in texts:
            add("add_point", {"kind": kind, "text": text})
    add("add_reporting_line", {"to_whom": "Delregional vårdsamverkan", "how_often": "Fortlöpande"})
    add(
        "add_reporting_line",
        {"to_whom": STEERING_GROUP, "how_often": "Fortlöpande", "goals": [adults.pk, young.pk]},
    )
    for season, year, text in MILESTONES:
        add("add_milestone", {"season": season, "year": year, "text": text})
    for name, organisation in SIGNATORIES:
        add("add_signatory", {"name": name, "organisation": organisation})
    return assignment


def test_assignment_typed_in_shows_every_section_in_the_seed_order(client, typed_in):
    page = text_of(client.get(url("detail", typed_in)))

    found = headings(page)
    sections = [
        TITLE,
        sv("Background"),
        sv("Questions behind the assignment"),
        sv("Action-plan goals"),
        sv("Activity"),
        sv("Purpose"),
        sv("The assignment is based on"),
        sv("Overall assignment"),
        sv("Example activities"),
        sv("Reporting"),
        sv("Organisation"),
        sv("Funds"),
        sv("Timeline"),
        sv("Signatories"),
    ]
    positions = [found.index(section) for section in sections]
    assert positions == sorted(positions), found

    # The texts themselves, in the seed's order from the date line to the signatories.
    texts = [
        "Göteborg 2020-05-06",
        HEADING,
        TITLE,
        BACKGROUND.split("\n")[0],
        QUESTIONS[0],
        QUESTIONS[3],
        "Mål 4.2 för vuxna",
        "Integrerade insatser vid samsjuklighet",
        GOALS_TEXT,
        ACTIVITY,
        "1,0 tjänst",
        PURPOSE,
        BASIS[0],
        OVERALL[1],
        EXAMPLES[1],
        REPORTING,
        STEERING_GROUP,
        ORGANISATION,
        ASSOCIATIONS[0][0],
        FUNDS_TEXT,
        "Vår 2020",
        "Höst 2020",
        "Vår 2021",
        SIGNATORIES[0][0],
        SIGNATORIES[1][0],
    ]
    document = page[page.index('<p class="document-dateline">') :]
    offsets = [document.index(text) for text in texts]
    assert offsets == sorted(offsets)
    assert "Göteborg 2020-05-06" in document[document.index('<h2 id="signatories">') :]


def test_positions_are_shown_with_a_swedish_decimal_comma(client, typed_in):
    rows = table_rows(
        text_of(client.get(url("detail", typed_in))), sv("Positions the assignment funds")
    )
    assert rows[1] == ["Koordinator", "Västra Götalandsregionen", "1,0 tjänst", ""]


def test_funds_table_lists_the_pooled_part_first_then_the_associations_and_their_sum(
    client, typed_in
):
    page = text_of(client.get(url("detail", typed_in)))
    rows = table_rows(page, "ÖK 2019")
    pooled = sv(
        "%(name)s, top slice for %(purpose)s",
        name="Västra Götalandsregionen",
        purpose="Koordinator för Västra Götalandsregionen",
    )
    assert rows == [
        [sv("Recipient"), sv("Amount")],
        [pooled, "1 000 000 kr"],
        ["Göteborgsregionens kommunalförbund (GR)", "554 579 kr"],
        ["Fyrbodals kommunalförbund", "158 831 kr"],
        ["Skaraborgs kommunalförbund", "155 594 kr"],
        ["Boråsregionen Sjuhärads kommunalförbund", "130 996 kr"],
        [plural("Split over %(counter)s recipient", "Split over %(counter)s recipients", 4)]
        + ["1 000 000 kr"],
        [sv("Total, top slice included"), "2 000 000 kr"],
    ]
    assert FUNDS_TEXT in page


def test_overdue_milestones_are_marked_in_words_and_counted(client, typed_in):
    # Every milestone lies in the past; the two not done ("Vår 2020", "Vår 2021") are overdue.
    Milestone.objects.filter(assignment=typed_in, season="autumn").update(
        done_on=datetime.date(2020, 12, 1)
    )
    page = text_of(client.get(url("detail", typed_in)))
    rows = table_rows(page, sv("Milestones and how they stand"))
    by_when = {row[0]: row for row in rows[1:]}
    assert sv("Overdue") in by_when["Vår 2020"][2]
    assert by_when["Höst 2020"][2] == sv("Done on %(date)s", date="2020-12-01")
    assert sv("Overdue") in by_when["Vår 2021"][2]
    assert 'class="milestone milestone--overdue"' in page
    assert (
        plural("%(counter)s milestone is overdue.", "%(counter)s milestones are overdue.", 2)
        in page
    )

    listing = text_of(client.get(url("list")))
    caption = sv("Assignment documents in %(region)s, newest first", region=typed_in.region.name)
    row = next(r for r in table_rows(listing, caption) if r[0] == TITLE)
    assert row[-1] == "2"


def test_upcoming_milestone_is_not_overdue(client, coordinator, vg):
    assignment = make_assignment(vg)
    next_year = datetime.date.today().year + 1
    domain.add_milestone(assignment, actor=None, season="autumn", year=next_year, text="Rapport")
    client.force_login(coordinator)
    rows = table_rows(
        text_of(client.get(url("detail", assignment))), sv("Milestones and how they stand")
    )
    assert rows[1][2] == sv("Upcoming")


@pytest.mark.parametrize(
    "today",
    [
        datetime.date(2020, 6, 30),
        datetime.date(2020, 7, 1),
        datetime.date(2020, 12, 31),
        datetime.date(2021, 1, 1),
        datetime.date(2021, 3, 15),
    ],
)
def test_overdue_filter_agrees_with_the_milestone_deadline(vg, today):
    assignment = make_assignment(vg)
    for season, year in [("spring", 2020), ("autumn", 2020), ("spring", 2021)]:
        domain.add_milestone(assignment, actor=None, season=season, year=year, text="x")
    for due_on in [datetime.date(2020, 7, 1), datetime.date(2021, 1, 1)]:
        domain.add_milestone(assignment, actor=None, due_on=due_on, text="y")
    milestones = Milestone.objects.filter(assignment=assignment)
    in_python = {m.pk for m in milestones if m.overdue(today)}
    assert set(milestones.filter(overdue_milestones(today)).values_list("pk", flat=True)) == (
        in_python
    )


# Editing the draft


def test_milestone_needs_a_season_and_a_year_or_a_date(client, coordinator, vg):
    assignment = make_assignment(vg)
    client.force_login(coordinator)
    both = {"season": "spring", "year": 2020, "due_on": "2020-05-01", "text": "Start"}
    page = text_of(client.post(url("add_milestone", assignment), both))
    assert sv("Give either a season and a year, or a date, not both.") in page
    assert "Start</textarea>" in page
    neither = {"season": "spring", "text": "Start"}
    page = text_of(client.post(url("add_milestone", assignment), neither))
    assert sv("Give either a season and a year, or a date.") in page
    assert not assignment.milestones.exists()

    client.post(url("add_milestone", assignment), {"due_on": "2020-09-01", "text": "Start"})
    assert assignment.milestones.get().when == "2020-09-01"


def test_part_is_removed_from_a_draft(client, coordinator, vg):
    assignment = make_assignment(vg)
    signatory = domain.add_signatory(assignment, actor=None, name="Anneli", organisation="VästKom")
    client.force_login(coordinator)
    response = client.post(url("remove_part", assignment, "undertecknare", signatory.pk))
    assert response["Location"] == url("add_signatory", assignment)
    assert not assignment.signatories.exists()


def test_concurrent_edit_is_refused_keeping_the_typed_text(client, coordinator, vg):
    assignment = make_assignment(vg)
    client.force_login(coordinator)
    opened = client.get(url("edit", assignment))
    version = re.search(r'name="version" value="(\d+)"', opened.content.decode()).group(1)
    # Someone else saves first.
    domain.update_assignment(
        assignment, actor=None, expected_version=assignment.version, purpose="Deras syfte"
    )
    mine = "Mitt syfte, skrivet samtidigt"
    response = client.post(url("edit", assignment), text_data(purpose=mine, version=version))
    page = text_of(response)
    assert response.status_code == 200
    refused = (
        "Someone else saved this assignment after you opened it, so your changes were not "
        "saved. What you typed is kept below: copy it, open the page again to see theirs, and "
        "merge."
    )
    assert sv(refused) in page
    assert f"{mine}</textarea>" in page
    assignment.refresh_from_db()
    assert assignment.purpose == "Deras syfte"


def test_edit_saves_the_text_with_the_version_it_was_opened_at(client, coordinator, vg):
    assignment = make_assignment(vg)
    client.force_login(coordinator)
    response = client.post(
        url("edit", assignment), text_data(purpose="Nytt syfte", version=assignment.version)
    )
    assert response["Location"] == url("detail", assignment)
    assignment.refresh_from_db()
    assert (assignment.purpose, assignment.version) == ("Nytt syfte", 2)


def test_goals_of_another_plan_or_funds_of_another_region_cannot_be_chosen(
    client, coordinator, vg, dalarna, goals
):
    plan, adults, _young = goals
    other_plan = create_plan(vg, "En annan plan", 2021, 2023, actor=None)
    agreement = create_agreement("ÖK 2021", "ÖK 2021", 2021, datetime.date(2022, 6, 30), actor=None)
    funds = set_region_funds(
        agreement, dalarna, Direction.objects.get(code="samsjuklighet"), Decimal(100), actor=None
    )
    dalarnas = allocate_funds(
        funds,
        actor=None,
        key="manual",
        amounts=[(dalarna.organisations.get(kind="region"), Decimal(100))],
    )
    client.force_login(coordinator)
    page = text_of(
        client.post(
            url("create"),
            text_data(plan=other_plan.pk, goals=[adults.pk], allocation=dalarnas.pk),
        )
    )
    assert sv("Choose goals of the action plan chosen above.") in page
    assert "ÖK 2021" not in page
    assert sv("Select a valid choice. That choice is not one of the available choices.") in page
    assert not Assignment.objects.exists()


# Adoption


def test_steering_group_member_adopts_and_the_content_is_locked(client, steering, coordinator, vg):
    assignment = ready_to_adopt(vg)
    client.force_login(steering)
    response = client.post(
        url("adopt", assignment), {"adopted_by": STEERING_GROUP, "adopted_on": "2020-05-28"}
    )
    assert response["Location"] == url("detail", assignment)
    assignment.refresh_from_db()
    assert (assignment.status, assignment.adopted_by, assignment.adopted_on) == (
        AssignmentStatus.ADOPTED,
        STEERING_GROUP,
        datetime.date(2020, 5, 28),
    )
    page = text_of(client.get(url("detail", assignment)))
    assert STEERING_GROUP in page and "28 maj 2020" in page
    assert url("edit", assignment) not in page

    # The county coordinator's edit forms are refused by the domain, and nothing changes.
    client.force_login(coordinator)
    locked = sv("An adopted assignment is a record and is not changed.")
    edit_page = text_of(client.get(url("edit", assignment)))
    assert locked in edit_page and '<form method="post" novalidate' not in edit_page
    page = text_of(client.post(url("edit", assignment), text_data(purpose="Ändrat", version=2)))
    assert locked in page
    page = text_of(
        client.post(url("add_position", assignment), {"title": "Koordinator", "extent": "1"})
    )
    assert locked in page
    milestone = assignment.milestones.get()
    response = client.post(url("remove_part", assignment, "milstolpe", milestone.pk), follow=True)
    assert locked in text_of(response)
    assignment.refresh_from_db()
    assert assignment.purpose == PURPOSE
    assert assignment.milestones.count() == 1
    assert not assignment.positions.exists()


def test_adoption_is_refused_without_signatories_or_timeline(client, steering, vg):
    assignment = make_assignment(vg)
    client.force_login(steering)
    page = text_of(
        client.post(
            url("adopt", assignment), {"adopted_by": STEERING_GROUP, "adopted_on": "2020-05-28"}
        )
    )
    expected = sv(
        "An assignment needs %(missing)s before it is adopted.",
        missing=sv("a signatory") + sv(" and ") + sv("a timeline"),
    )
    assert expected in page
    assert f'value="{STEERING_GROUP}"' in page
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.DRAFT


def test_milestone_is_marked_done(client, steering, vg):
    assignment = ready_to_adopt(vg)
    milestone = assignment.milestones.get()
    client.force_login(steering)
    response = client.post(
        url("complete_milestone", assignment, milestone.pk), {"done_on": "2020-05-28"}
    )
    assert response["Location"] == url("detail", assignment) + f"#milestone-{milestone.pk}"
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2020, 5, 28)
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    page = text_of(
        client.post(url("complete_milestone", assignment, milestone.pk), {"done_on": future})
    )
    assert sv("A milestone cannot be done on a future date.") in page


# Who may see and do what


def test_other_region_user_gets_404(client, charlie, vg):
    assignment = ready_to_adopt(vg)
    milestone = assignment.milestones.get()
    client.force_login(charlie)
    for address in [
        url("list"),
        url("create"),
        url("detail", assignment),
        url("edit", assignment),
        url("add_position", assignment),
        url("adopt", assignment),
        url("complete_milestone", assignment, milestone.pk),
    ]:
        assert client.get(address).status_code == 404, address
    response = client.post(url("remove_part", assignment, "milstolpe", milestone.pk))
    assert response.status_code == 404
    assert assignment.milestones.exists()
    # Nor by typing Dalarna's address with Västra Götaland's assignment.
    assert client.get(url("detail", assignment, region_slug="dalarna")).status_code == 404


def test_initiator_reads_but_may_not_create_edit_or_adopt(client, initiator, vg):
    assignment = ready_to_adopt(vg)
    client.force_login(initiator)
    page = text_of(client.get(url("detail", assignment)))
    assert TITLE in page
    assert url("edit", assignment) not in page and url("adopt", assignment) not in page
    assert url("create") not in text_of(client.get(url("list")))
    assert client.get(url("create")).status_code == 403
    with nothing_written():
        assert client.post(url("create"), text_data()).status_code == 403
    assert client.get(url("edit", assignment)).status_code == 403
    with nothing_written():
        assert client.post(url("adopt", assignment), {"adopted_by": "x"}).status_code == 403
    assignment.refresh_from_db()
    assert assignment.status == "draft"
    assert not Assignment.objects.exclude(pk=assignment.pk).exists()


def test_steering_group_member_may_adopt_but_not_edit(client, steering, vg):
    assignment = make_assignment(vg)
    client.force_login(steering)
    page = text_of(client.get(url("detail", assignment)))
    assert url("adopt", assignment) in page
    assert url("edit", assignment) not in page
    assert client.get(url("edit", assignment)).status_code == 403
    assert client.get(url("create")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, vg):
    assignment = make_assignment(vg)
    for address in [url("list"), url("detail", assignment), url("create")]:
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_download_links_appear_when_the_documents_exist(client, coordinator, vg):
    assignment = make_assignment(vg)
    client.force_login(coordinator)
    page = client.get(url("detail", assignment)).content.decode()
    # The documents' pages exist: a missing one fails here (NoReverseMatch), never skips.
    pdf = reverse("assignments:document_pdf", args=[vg.slug, assignment.pk])
    assert f'href="{pdf}"' in page
    docx = reverse("assignments:document_docx", args=[vg.slug, assignment.pk])
    assert f'href="{docx}"' in page


# Query count


def test_list_query_count_is_the_same_for_1_and_20_assignments(client, coordinator, vg):
    def add(n):
        assignment = make_assignment(vg, title=f"Uppdrag {n}")
        domain.add_milestone(assignment, actor=None, season="spring", year=2020, text="Start")
        domain.add_milestone(assignment, actor=None, due_on=datetime.date(2099, 1, 1), text="Slut")

    add(0)
    client.force_login(coordinator)
    client.get(url("list"))  # warm up: session, content types
    with CaptureQueriesContext(connection) as one:
        page = text_of(client.get(url("list")))
    assert "Uppdrag 0" in page
    for n in range(1, 20):
        add(n)
    with CaptureQueriesContext(connection) as twenty:
        page = text_of(client.get(url("list")))
    assert all(f"Uppdrag {n}<" in page for n in range(20))
    assert len(twenty) == len(one), [q["sql"] for q in twenty.captured_queries]


def test_detail_query_count_does_not_grow_with_the_parts(client, typed_in, goals, regional):
    client.get(url("detail", typed_in))  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get(url("detail", typed_in))
    _plan, adults, young = goals
    for n in range(5):
        domain.add_position(typed_in, actor=None, title=f"T{n}", extent=1, employer=regional)
        domain.add_point(typed_in, actor=None, kind="example", text=f"Exempel {n}")
        line = domain.add_reporting_line(
            typed_in, actor=None, to_whom=f"Grupp {n}", how_often="Årligen", goals=[adults, young]
        )
        assert line.goals.count() == 2
        domain.add_milestone(typed_in, actor=None, season="autumn", year=2030 + n, text="x")
        domain.add_signatory(typed_in, actor=None, name=f"Namn {n}", organisation="VästKom")
    with CaptureQueriesContext(connection) as many:
        page = text_of(client.get(url("detail", typed_in)))
    assert "Namn 4" in page and "Höst 2034" in page
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_unknown_part_is_404(client, coordinator, vg):
    assignment = ready_to_adopt(vg)
    milestone = assignment.milestones.get()
    client.force_login(coordinator)
    assert client.post(url("remove_part", assignment, "ingenting", milestone.pk)).status_code == 404
    assert client.get(url("remove_part", assignment, "milstolpe", milestone.pk)).status_code == 405
    assert assignment.milestones.exists()
