"""Västra Götaland's county action plan with the goals and indicator the two VG seeds name,
and both seed assignment documents with their texts, funds and timelines."""

import datetime
from decimal import Decimal

from pusselbit.accounts.models import User
from pusselbit.assignments import domain as assignments
from pusselbit.assignments.models import Assignment
from pusselbit.funds.models import Allocation
from pusselbit.initiatives.models import Initiative
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Region
from pusselbit.plans import domain as plans
from pusselbit.plans.models import ActionPlan

PLAN_TITLE = "Länsgemensam handlingsplan för psykisk hälsa 2018–2020"
STEERING_GROUP = "Styrgruppen för länsgemensam handlingsplan psykisk hälsa"
INDICATOR = "Systematiskt samarbete med brukarorganisationer"
# Both seeds' letterheads carry VästKom beside the region: they send the documents together.
CO_SENDER = "VästKom"

GOALS = [
    # focus area, number, target group, text (brukarsamverkan and samsjuklighet seeds)
    (
        3,
        "3:2",
        "för vuxna",
        "Brukarföreträdare ska erbjudas delaktighet i utvecklingsarbete. Den enskildes egna "
        "upplevelser behöver tas tillvara för att kunna utveckla ett kunskapsbaserat arbetssätt. "
        "Delaktighet i sin egen hälsa och vård är en mänsklig rättighet och en hälsofrämjande "
        "faktor. Inflytandet behövs på lokal, delregional, regional och nationell nivå och varje "
        "insats behöver betraktas ur den enskildes perspektiv. De som berörs av insatser ska i så "
        "hög utsträckning som möjligt kunna påverka verksamhetsutveckling och definiera vad god "
        "kvalitet är.",
    ),
    (
        3,
        "3:2",
        "för barn och unga",
        "Barns och ungas egna upplevelser behöver tas tillvara för att kunna utveckla ett "
        "kunskapsbaserat arbetssätt. Barn har rätt till delaktighet i alla frågor som berör dem "
        "enligt FN:s konvention om barnets rättigheter. Inflytandet behövs på lokal, delregional, "
        "regional och nationell nivå och varje insats behöver betraktas från barnets perspektiv. "
        "Barn, unga och deras vårdnadshavare ska i så hög utsträckning som möjligt kunna påverka "
        "verksamhetsutveckling och definiera vad god kvalitet är.",
    ),
    (
        4,
        "4:2",
        "för vuxna",
        "Personer med missbruk, psykisk ohälsa och/eller komplex problematik ska få integrerade "
        "insatser.",
    ),
    (
        2,
        "2:2",
        "för barn och unga",
        "Förebygga och uppmärksamma bruk av alkohol och narkotika bland unga.",
    ),
]
# The seeds name the indicator but give no values; these are marked as demo figures.
VALUES = [
    (datetime.date(2018, 12, 31), "2018", "34"),
    (datetime.date(2019, 12, 31), "2019", "47"),
    (datetime.date(2020, 12, 31), "2020", "58"),
]
VALUE_SOURCE = "Demovärden: andel vårdsamverkansområden med systematiskt samarbete (%)"


def build_plan(region) -> ActionPlan:
    existing = ActionPlan.objects.filter(region=region, title=PLAN_TITLE).first()
    if existing:
        return existing
    coordinator = User.objects.get(username=f"{region.slug}-lanssamordnare")
    analyst = User.objects.get(username=f"{region.slug}-analytiker")
    plan = plans.create_plan(
        region,
        PLAN_TITLE,
        2018,
        2020,
        actor=coordinator,
        adopted_by="Vårdsamverkan Västra Götaland (VVG)",
    )
    indicator = plans.add_indicator(plan, INDICATOR, actor=coordinator, unit="%")
    areas = {area.number: area for area in plan.focus_areas.all()}
    for area, number, target_group, text in GOALS:
        goal = plans.add_goal(
            plan,
            areas[area],
            number,
            text,
            actor=coordinator,
            target_group=target_group,
            indicators=[indicator] if number == "3:2" else [],
        )
        if number == "4:2":
            for initiative in Initiative.objects.filter(
                region=region, directions__code="samsjuklighet"
            ):
                plans.link_initiative(goal, initiative, actor=coordinator)
    for period, label, value in VALUES:
        plans.record_indicator_value(
            indicator,
            actor=analyst,
            period=period,
            period_label=label,
            value=Decimal(value),
            source=VALUE_SOURCE,
        )
    return plan


def _goals(plan, *numbers):
    return [g for g in plan.goals.all() if (g.number, g.target_group) in numbers]


def build_brukarsamverkan(region, plan) -> None:
    title = "Statsbidrag för att stärka brukarsamverkan"
    if Assignment.objects.filter(region=region, title=title).exists():
        return
    coordinator = User.objects.get(username=f"{region.slug}-lanssamordnare")
    steering = User.objects.get(username=f"{region.slug}-styrgrupp")
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    assignment = assignments.create_assignment(
        region,
        actor=coordinator,
        plan=plan,
        place="Göteborg",
        co_senders=CO_SENDER,
        dated=datetime.date(2018, 5, 4),
        title=title,
        background=BRUKARSAMVERKAN_BACKGROUND,
        goals=_goals(plan, ("3:2", "för vuxna"), ("3:2", "för barn och unga")),
        goals_text="Indikatorer för de båda målen är: Systematiskt samarbete med "
        "brukarorganisationer.",
        activity="För att utveckla brukarsamverkan anställs en resurs om 100 % för "
        "vårdsamverkansarenorna i länet samt en resurs om 100 % för "
        "brukarorganisationerna. De ska tillsammans utveckla arbetssätt, strukturer och "
        "rutiner kring systematisk brukarmedverkan med utgångspunkt i bl.a. den "
        "kartläggning som gjordes av NSPHiG 2017 som är en kartläggning om "
        "brukarmedverkan i Västra Götaland. Samverkan ska skapas utifrån varje "
        "vårdsamverkansarena och de verksamheter och föreningar som finns i det "
        "geografiska området.\n\nRollen är inte tänkt att ersätta uppdrag som redan görs "
        "på regional/delregional nivå, utan att skapa förutsättningar för att förstärka "
        "det brukarinflytandearbete som redan pågår.",
        purpose="Att utveckla och stärka systematisk brukarsamverkan regionalt, delregionalt och "
        "lokalt.",
        organisation_text="Styrgruppen för läns gemensam handlingsplan psykisk hälsa är "
        "styrgrupp. Avstämning görs regelbundet med processledare för "
        "handlingsplan psykisk hälsa.",
        signed_place="Göteborg",
        signed_on=datetime.date(2018, 5, 7),
    )
    assignments.add_position(
        assignment,
        actor=coordinator,
        extent=Decimal("1.0"),
        title="Resurs för vårdsamverkansarenorna i länet",
        employer=regional,
    )
    assignments.add_position(
        assignment,
        actor=coordinator,
        extent=Decimal("1.0"),
        title="Resurs för brukarorganisationerna",
    )
    milestones = [
        ("spring", 2018, "Fastställd uppdragshandling i styrgrupp psykisk hälsa"),
        ("autumn", 2018, "Rekrytering av koordinatörer för brukarsamverkan"),
        ("autumn", 2019, "Redovisning i styrgrupp psykisk hälsa samt beslut om fortsatt arbete."),
    ]
    _finish(
        assignment,
        coordinator,
        steering,
        milestones,
        datetime.date(2018, 5, 7),
        done=[datetime.date(2018, 5, 7), datetime.date(2018, 11, 30)],
    )


def build_samsjuklighet(region, plan) -> None:
    title = "Koordinatörer för samverkan kring personer med samsjuklighet"
    if Assignment.objects.filter(region=region, title=title).exists():
        return
    coordinator = User.objects.get(username=f"{region.slug}-lanssamordnare")
    steering = User.objects.get(username=f"{region.slug}-styrgrupp")
    regional = region.organisations.get(kind=OrganisationKind.REGION)
    allocation = Allocation.objects.filter(
        funds__region=region,
        funds__agreement__name="ÖK 2019",
        funds__direction__code="samsjuklighet",
    ).first()
    goals = _goals(plan, ("4:2", "för vuxna"), ("2:2", "för barn och unga"))
    assignment = assignments.create_assignment(
        region,
        actor=coordinator,
        plan=plan,
        place="Göteborg",
        co_senders=CO_SENDER,
        dated=datetime.date(2020, 5, 6),
        heading="Medel för samverkan från 2019 års överenskommelse psykisk hälsa",
        title=title,
        background=SAMSJUKLIGHET_BACKGROUND,
        goals=goals,
        activity=SAMSJUKLIGHET_ACTIVITY,
        purpose="Stödja den strategiska utvecklingen av stöd, vård och omsorg till personer med "
        "psykisk sjukdom/funktionsnedsättning och samtidigt missbruk så att dessa "
        "personer får stöd, vård och insatser som främjar deras återhämtning.",
        organisation_text=SAMSJUKLIGHET_ORGANISATION,
        reporting="I uppdraget ingår att rapportera arbetet i enlighet med de krav som ställs på "
        "uppföljning från regeringen i samverkan med processledare för handlingsplan "
        "psykisk hälsa.",
        allocation=allocation,
        funds_text="Medlen är rekvirerade av VästKom från Sveriges kommuner och regioner (SKR) "
        "inom ramen Överenskommelse om psykisk hälsa 2019 enligt överenskommelse med "
        "Västra Götalandsregionen för länsgemensamt arbete. Respektive "
        "kommunalförbund och Västra Götaland rekvirerar medel från VästKom enligt "
        "överenskommelse.",
        signed_place="Göteborg",
        signed_on=datetime.date(2020, 5, 6),
    )
    assignments.add_position(
        assignment,
        actor=coordinator,
        extent=Decimal("1.0"),
        title="Koordinator för Västra Götalandsregionen",
        employer=regional,
    )
    for kind, texts in SAMSJUKLIGHET_POINTS:
        for text in texts:
            assignments.add_point(assignment, actor=coordinator, kind=kind, text=text)
    assignments.add_reporting_line(
        assignment,
        actor=coordinator,
        how_often="Fortlöpande",
        to_whom="Delregional vårdsamverkan (ledningsgrupp eller temagrupp)",
    )
    assignments.add_reporting_line(
        assignment,
        actor=coordinator,
        how_often="Fortlöpande",
        goals=goals,
        to_whom=STEERING_GROUP,
    )
    milestones = [
        (
            "spring",
            2020,
            "Fastställd uppdragshandling i styrgruppen för länsgemensam "
            "handlingsplan psykisk hälsa. Påbörja rekrytering av koordinatorer som "
            "bör kunna starta sitt arbete i september.",
        ),
        (
            "autumn",
            2020,
            "Enklare nulägesrapport till styrgruppen för länsgemensam handlingsplan psykisk hälsa",
        ),
        (
            "spring",
            2021,
            "Redovisning i styrgruppen för länsgemensam handlingsplan psykisk hälsa "
            "samt beslut om ett eventuellt fortsatt arbete i form av en kortare "
            "text som beskriver arbetet inom respektive vårdssamverkansområde.",
        ),
    ]
    _finish(
        assignment,
        coordinator,
        steering,
        milestones,
        datetime.date(2020, 5, 6),
        done=[datetime.date(2020, 5, 6), datetime.date(2020, 11, 26)],
    )


def _finish(assignment, coordinator, steering, milestones, adopted_on, *, done) -> None:
    rows = [
        assignments.add_milestone(
            assignment, actor=coordinator, season=season, year=year, text=text
        )
        for season, year, text in milestones
    ]
    for name, organisation in [
        ("Anneli Assmundson Bjerde", "VästKom"),
        ("Lise-Lotte Risö Bergerlind", "Västra Götalandsregionen"),
    ]:
        assignments.add_signatory(
            assignment, actor=coordinator, name=name, organisation=organisation
        )
    assignments.adopt_assignment(
        assignment, actor=steering, adopted_by=STEERING_GROUP, adopted_on=adopted_on
    )
    for row, day in zip(rows, done, strict=False):
        assignments.complete_milestone(row, actor=steering, done_on=day)


def build_plans_and_assignments() -> None:
    region = Region.objects.get(slug="vastra-gotaland")
    plan = build_plan(region)
    build_brukarsamverkan(region, plan)
    build_samsjuklighet(region, plan)


BRUKARSAMVERKAN_BACKGROUND = """\
”Uppdrag psykisk hälsa” är resultatet av en överenskommelse mellan regeringen och Sveriges \
kommuner och landsting (SKL). Syftet med överenskommelsen mellan SKL och Socialdepartementet 2016 \
är att skapa förutsättningar för ett långsiktigt arbete med ett gemensamt ansvarstagande från \
berörda aktörer. Detta görs med målsättningen att befolkningen ska erbjudas individ- och \
behovsanpassade samt effektiva insatser av god kvalitet när det gäller området psykisk hälsa.

Som en del av den nationella överenskommelsen har en länsgemensam analys och handlingsplan för \
psykisk hälsa i Västra Götaland tagits fram[1]. Det har skett gemensamt för Västra \
Götalandsregionen (VGR), de 49 kommunerna via kommunalförbunden och VästKom samt Nationell \
Samverkan för Psykisk Hälsa i Göteborg och Västra Götaland (NSPHiG). Den gemensamma arenan är \
vårdsamverkan regionalt, delregionalt och lokalt.

Den länsgemensamma handlingsplanen för psykisk hälsa i Västra Götaland följer samma \
fokusområden som regeringens:
1. Förebyggande och främjande arbete
2. Tillgängliga tidiga insatser
3. Enskildas delaktighet och rättigheter
4. Utsatta grupper
5. Ledning, styrning och organisation

För varje år klargörs statsbidragets mål och användning i överenskommelse mellan staten och SKL. \
Överenskommelsen för 2018 bygger på tidigare års överenskommelser och är en fortsättning på det \
långsiktiga arbete som syftar till att förändra området psykisk hälsa.

Statsbidragets ekonomiska och innehållsmässiga fördelning innefattar fortsatt arbete med \
regionala handlingsplaner och aktiviteter kopplat till den.

I september 2017 beslutade Hälso- och sjukvårdsstyrelsen (HSS) om fördelning av medel till \
projekt kopplade till arbete med regionala utvecklingsplaner och insatser kopplade till \
handlingsplan för psykisk hälsa 2018-2020.

HSS fördelade, i enlighet med nationell överenskommelse, 2 mnkr till länsgemensamt arbete för \
att öka brukarmedverkan i kommuner och landsting. HSS har överlåtit till styrgrupp för psykisk \
hälsa att besluta om användning av dessa medel.

[1] Handlingsplan för psykisk hälsa 2018–2020"""

SAMSJUKLIGHET_BACKGROUND = """\
I 2019 års överenskommelse (ÖK) psykisk hälsa mellan regeringen och Sveriges kommuner och \
regioner (SKR) riktades medel för samverkan kring personer med samsjuklighet. Medlen har, efter \
överenskommelse mellan parterna, rekvirerats av VästKom. Nyttjande av medlen har beretts av \
styrgruppen för länsgemensam handlingsplan psykisk hälsa med utgångspunkt i "Länsgemensam \
handlingsplan för psykisk hälsa 2018–2020" samt "Överenskommelse kring personer med psykisk \
funktionsnedsättning och personer med missbruk av alkohol och droger och spel". Vårdsamverkan \
Västra Götaland (VVG) ställde sig bakom förslaget och fortsatt hantering i styrgruppen för \
länsgemensam handlingsplan psykisk hälsa 2019-11-28.

Under 2019 har ett inriktningsdokument för "organiserat, integrerat arbete för personer med \
psykisk ohälsa, missbruk och beroende" tagits fram och varit ute på remiss. Dokumentet beräknas \
kunna antas av huvudmännen under våren 2020. I handlingsplan psykisk hälsa finns två mål som \
berör arbetet. Mål 4.2 för vuxna "Personer med missbruk, psykisk ohälsa och/eller komplex \
problematik ska få integrerade insatser" samt mål 2.2 "Förebygga och uppmärksamma bruk av \
alkohol och narkotika bland unga" som bland annat handlar om vikten av att ge samordnade och \
tidiga insatser. Målsättningen är att man med utgångspunkt i handlingsplan psykisk hälsa och \
inriktningsdokument som grund kan vidareutveckla integrerat arbete för målgruppen personer med \
samsjuklighet.

Mot bakgrund av ovanstående och att personer med samsjuklighet inte alltid får den sammanhållna \
och välfungerande vård, stöd och omsorg som hen behöver avser vi att tillsätta koordinatorer som \
ska fungera som ett stöd till kommunerna och regionen i deras arbete kring personer med psykisk \
sjukdom/funktionsnedsättning och samtidigt missbruk. Detta val grundas i ovanstående men också i \
frågeställningar som:"""

SAMSJUKLIGHET_ACTIVITY = """\
För uppdraget rekryteras en koordinator för Västra Götalandsregionen och en på vardera av de \
fyra kommunalförbunden i Västra Götaland vilka ska jobba tillsammans och vara ett stöd för \
kommunerna och regionen i deras arbete kring personer med psykisk sjukdom/funktionsnedsättning \
och samtidigt missbruk (samsjuklighet).

Det är styrgrupp/ledningsgrupp i delregional vårdsamverkan som ska besluta om den konkreta \
inriktningen på koordinatorns arbete för just sitt geografiska område. Det ska råda en samsyn \
mellan parterna delregionalt kring inriktning och vägval för det delregionala arbetet.

Utöver det ska koordinatorerna också bistå i arbetet med den inventering/översikt av vård och \
stöd till personer med samsjuklighet i Västra Götaland som ska göras av en FoU-verksamhet enligt \
en skriftlig förfrågan till FoU-verksamheter i länet."""

SAMSJUKLIGHET_ORGANISATION = """\
Styrgruppen för länsgemensam handlingsplan psykisk hälsa är styrgrupp för det övergripande \
uppdraget. Avstämning görs regelbundet med processledare för handlingsplan psykisk hälsa.

För uppdraget anställer Västra Götalandsregionen en koordinator på 100 % tjänst. För kommunsidan \
anställer respektive kommunalförbund en koordinator i den utsträckning tilldelade medel tillåter. \
Dessa fem koordinatorer ska arbeta i nära samverkan med varandra och lägga upp delar av arbetet \
gemensamt utifrån delregionala behov och förutsättningar, men också med avsikt om en gemensam \
riktning i länet. Koordinatorerna ska verka tillsammans med delregional vårdsamverkan inom \
respektive geografiska område."""

SAMSJUKLIGHET_POINTS = [
    (
        "question",
        [
            "Hur kan vi kraftsamla i Västra Götaland för att säkerställa att våra gemensamma resurser "
            "används så att de ger effekter för den enskilde?",
            "Hur kan vi förebygga psykisk ohälsa och fånga upp personer innan deras svårigheter och "
            "hinder blir allt för omfattande och komplexa?",
            "Hur kan vi tillse att våra insatser bidrar till minskat lidande, ökad livskvalitet och "
            "förhindrar utveckling av allvarliga tillstånd och konsekvenser?",
            "Hur kan vi öka förutsättningar för vård och stöd i individens när- och hemmamiljö och "
            "förebygga behov av heldygnsvård/institutionsvård?",
        ],
    ),
    (
        "basis",
        [
            "Länsgemensam handlingsplan psykisk hälsa",
            "Inriktningsdokument för organiserat integrerat arbete",
        ],
    ),
    (
        "overall",
        [
            "Att stödja kommunerna och regionen i arbetet med personer med samsjuklighet",
            "Att stödja implementeringen av evidensbaserade arbetssätt så att personer i Västra "
            "Götaland med missbruk, psykisk ohälsa och/eller komplex problematik får bra stöd och "
            "insatser för att kunna leva ett gott liv utifrån sina förutsättningar.",
            "Att ge stöd till kommunernas och regionens verksamheter i hur arbetet med personer med "
            "samsjuklighet kan utvecklas och hur man kan ta stöd av ”inriktningsdokumentet för "
            "organiserat integrerat arbete”.",
        ],
    ),
    (
        "example",
        [
            "Uppstart av Mini Maria, socialmedicinsk mottagning, huvudmannagemensamma team eller "
            "liknande",
            "Utredningsarbete för att identifiera behov och föreslå framtida arbetssätt.",
            "Framgent kan det bli aktuellt att ta fram förslag på länsgemensamt inriktningsdokument "
            "som specifikt definierar Mini Maria och socialmedicinsk mottagning mer i detalj, t.ex. "
            "utifrån definition, innehåll, ansvar och ekonomi.",
        ],
    ),
]
