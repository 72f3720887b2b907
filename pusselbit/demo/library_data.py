"""The texts of the demo's library of past initiatives (demo.library), written for the demo:
invented, not real initiatives. Blekinge's are here; Dalarna's and Västra Götaland's in
library_data_dalarna.py and library_data_vastra_gotaland.py."""

import datetime
from dataclasses import dataclass

IMPLEMENT = "implement"
SCALE_UP = "scale_up"
ENDED = "ended"  # the decision not to implement
RUNNING = "running"


@dataclass(frozen=True)
class Measure:
    name: str
    target_group: str
    unit: str
    baseline: str
    target: str
    result: str  # the value last followed up


@dataclass(frozen=True)
class Past:
    title: str
    outcome: str  # IMPLEMENT, SCALE_UP, ENDED or RUNNING
    decided_on: datetime.date  # the decision to carry it out
    directions: tuple[str, ...]
    priority_areas: tuple[str, ...]
    # The operation areas of the demo municipality and of the region that take part.
    areas: tuple[str, str]
    partners: tuple[str, ...]  # other organisations of the region taking part, by name
    problem: str
    idea: str
    target_groups: str
    expected_results: str
    background: str
    purpose: str
    goals: str
    budget: str
    measures: tuple[Measure, ...]
    evaluation: tuple[str, str, str] | None  # summary, effects, lessons; None while running
    closing: str = ""  # why the decision on implementation went as it did


BLEKINGE = [
    Past(
        title="Tillbaka till skolan – stöd till hemmasittare",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 2, 14),
        directions=("handlingsplaner",),
        priority_areas=("tidiga-insatser",),
        areas=("Elevhälsa", "Barn- och ungdomspsykiatri"),
        partners=("Ronneby", "Stiftelsen Unga i Blekinge"),
        problem="Allt fler elever har en långvarig problematisk skolfrånvaro. Bakom frånvaron "
        "finns ofta ångest, nedstämdhet eller en oupptäckt neuropsykiatrisk funktionsnedsättning.",
        idea="Ett gemensamt skolnärvaroteam där elevhälsan och barn- och ungdomspsykiatrin "
        "möter eleven och familjen i hemmet och gör en individuell plan för en gradvis återgång "
        "till skolan.",
        target_groups="Hemmasittare i årskurs 4–9 och deras vårdnadshavare",
        expected_results="Ökad skolnärvaro och att eleverna når kunskapskraven.",
        background="Kartläggningen 2022 visade 140 elever med mer än 50 procent frånvaro i "
        "länets grundskolor. Insatserna var splittrade mellan skola, socialtjänst och BUP.",
        purpose="Att elever med långvarig skolfrånvaro kommer tillbaka till skolan.",
        goals="Sju av tio elever i insatsen har minst 80 procents närvaro efter en termin.",
        budget="1200000.00",
        measures=(
            Measure(
                "Andel elever med minst 80 procents närvaro",
                "Elever i skolnärvaroteamet",
                "procent",
                "12",
                "70",
                "64",
            ),
        ),
        evaluation=(
            "Skolnärvaroteamet mötte 86 elever. De flesta kom tillbaka till skolan i små steg, "
            "med anpassad studiegång och stöd hemma.",
            "64 procent av eleverna hade minst 80 procents närvaro efter en termin, mot 12 "
            "procent före insatsen.",
            "Hembesöken tidigt och en enda kontaktperson för familjen var det som gjorde skillnad.",
        ),
        closing="Skolnärvaroteamet blir en del av elevhälsans ordinarie arbete.",
    ),
    Past(
        title="Tidiga insatser vid ätstörningar i elevhälsan",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 9, 5),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Elevhälsa", "Barn- och ungdomspsykiatri"),
        partners=("Karlshamn",),
        problem="Unga med anorexi och andra ätstörningar upptäcks sent, ofta först när de "
        "behöver slutenvård.",
        idea="Skolsköterskor och kuratorer utbildas i att känna igen tecken på ätstörning och "
        "har en direktväg till ätstörningsenheten för en bedömning inom två veckor.",
        target_groups="Elever 12–18 år med tecken på ätstörning, skolsköterskor och kuratorer",
        expected_results="Tidigare upptäckt, kortare behandlingstid och färre inläggningar.",
        background="Väntetiden till första bedömning på ätstörningsenheten var 11 veckor, och "
        "en tredjedel av de unga var kraftigt underviktiga vid första besöket.",
        purpose="Att ätstörningar hos unga upptäcks och behandlas tidigt.",
        goals="Bedömning inom två veckor från elevhälsans kontakt.",
        budget="850000.00",
        measures=(
            Measure(
                "Veckor från elevhälsans kontakt till bedömning",
                "Elever med misstänkt ätstörning",
                "veckor",
                "11",
                "2",
                "3",
            ),
            Measure(
                "Andel som behöver slutenvård inom ett år",
                "Elever med ätstörning",
                "procent",
                "18",
                "10",
                "9",
            ),
        ),
        evaluation=(
            "Alla skolsköterskor i de två kommunerna har utbildats. Direktvägen till "
            "ätstörningsenheten användes för 57 elever.",
            "Tiden till bedömning kortades från elva till tre veckor, och färre behövde läggas "
            "in på sjukhus.",
            "Föräldrarna behöver stöd lika tidigt som eleven.",
        ),
        closing="Direktvägen och utbildningen förs in i elevhälsans och BUP:s rutiner.",
    ),
    Past(
        title="Stöd till unga med självskadebeteende",
        outcome=ENDED,
        decided_on=datetime.date(2023, 4, 18),
        directions=("suicidprevention",),
        priority_areas=("utsatta-grupper",),
        areas=("Individ- och familjeomsorg", "Barn- och ungdomspsykiatri"),
        partners=("Stiftelsen Unga i Blekinge",),
        problem="Allt fler flickor 13–17 år söker akut efter att ha skadat sig själva, till "
        "exempel genom att skära sig.",
        idea="En gruppbehandling i färdighetsträning efter DBT (dialektisk beteendeterapi) för "
        "unga som skadar sig själva, med en parallell grupp för föräldrarna.",
        target_groups="Ungdomar 13–17 år som skadar sig själva, och deras föräldrar",
        expected_results="Färre självskadehandlingar och akutbesök.",
        background="Akutbesöken för självskada bland unga i länet fördubblades på fem år.",
        purpose="Att minska självskadebeteende bland unga med ett tidigt gruppstöd.",
        goals="Halverat antal självskadehandlingar hos deltagarna efter sex månader.",
        budget="700000.00",
        measures=(
            Measure(
                "Självskadehandlingar per deltagare och månad",
                "Ungdomar i färdighetsträningen",
                "antal",
                "6",
                "3",
                "5",
            ),
        ),
        evaluation=(
            "Tre grupper genomfördes med 21 ungdomar, men nästan hälften avbröt. Det var svårt "
            "att rekrytera gruppledare med DBT-utbildning.",
            "Självskadehandlingarna minskade något men långt från målet.",
            "Gruppformatet passade inte de yngsta; individuellt stöd behövs först.",
        ),
        closing="Effekterna räckte inte för att föra in arbetssättet i ordinarie verksamhet.",
    ),
    Past(
        title="Internetbaserad KBT i primärvården",
        outcome=SCALE_UP,
        decided_on=datetime.date(2023, 3, 7),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Individ- och familjeomsorg", "Primärvård"),
        partners=("Karlshamn", "Ronneby"),
        problem="Vuxna med lätt till måttlig depression och ångest väntar länge på samtal på "
        "vårdcentralen.",
        idea="Internetbehandling med kognitiv beteendeterapi (iKBT) via 1177, där patienten "
        "arbetar med moduler hemma och har kontakt med en behandlare en gång i veckan.",
        target_groups="Vuxna med lätt till måttlig depression, ångest eller sömnbesvär",
        expected_results="Kortare väntetid till psykologisk behandling och minskade symtom.",
        background="Fyra av tio vårdcentraler i länet saknade psykolog, och väntetiden till "
        "KBT var upp till ett halvår.",
        purpose="Att fler får psykologisk behandling i rätt tid.",
        goals="Behandlingsstart inom 30 dagar och minskade symtom hos två av tre.",
        budget="950000.00",
        measures=(
            Measure(
                "Dagar till behandlingsstart",
                "Patienter på vårdcentralerna",
                "dagar",
                "150",
                "30",
                "21",
            ),
            Measure(
                "Andel med kliniskt minskade symtom (PHQ-9)",
                "Patienter som fullföljt internetbehandlingen",
                "procent",
                "0",
                "65",
                "68",
            ),
        ),
        evaluation=(
            "Fem vårdcentraler erbjöd internetbehandling; 412 patienter påbörjade och 300 "
            "fullföljde.",
            "Väntetiden till behandling sjönk till 21 dagar och 68 procent fick minskade "
            "depressionssymtom.",
            "Behandlarna behöver skyddad tid varje vecka för att svara patienterna.",
        ),
        closing="Internetbehandlingen sprids till alla vårdcentraler i länet.",
    ),
    Past(
        title="Spelberoende – tidig upptäckt och stöd",
        outcome=SCALE_UP,
        decided_on=datetime.date(2023, 5, 23),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Individ- och familjeomsorg", "Vuxenpsykiatri"),
        partners=("Karlshamn", "Socialt företag Kustverkstaden"),
        problem="Spelproblem upptäcks sällan i socialtjänsten och psykiatrin, trots att många "
        "med spelberoende också har depression, skulder och suicidtankar.",
        idea="Screening för spelproblem vid alla nybesök i socialtjänstens vuxenenhet och i "
        "psykiatrin, och en gemensam spelmottagning med budget- och skuldrådgivning.",
        target_groups="Vuxna med spelproblem eller spelberoende och deras anhöriga",
        expected_results="Fler med spelproblem får hjälp tidigt, färre skulder och färre "
        "suicidförsök.",
        background="Sedan socialtjänsten och regionen fick ett delat ansvar för spelberoende "
        "2018 hade få i länet fått behandling.",
        purpose="Att spelberoende upptäcks och behandlas tidigt.",
        goals="Alla nybesök screenas och 100 personer per år får behandling.",
        budget="780000.00",
        measures=(
            Measure(
                "Personer som fått behandling för spelproblem per år",
                "Vuxna med spelproblem",
                "antal",
                "12",
                "100",
                "118",
            ),
        ),
        evaluation=(
            "Screeningen infördes vid alla nybesök. Spelmottagningen öppnade med KBT, "
            "anhöriggrupp och skuldrådgivning.",
            "118 personer fick behandling under det senaste året, nästan tio gånger fler än "
            "före satsningen.",
            "Anhöriga söker ofta hjälp först; anhöriggruppen blev en väg in.",
        ),
        closing="Spelmottagningen skalas upp och tar emot invånare från hela länet.",
    ),
    Past(
        title="Tidig upptäckt av psykos hos unga vuxna",
        outcome=RUNNING,
        decided_on=datetime.date(2025, 9, 2),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Individ- och familjeomsorg", "Vuxenpsykiatri"),
        partners=("Sölvesborg",),
        problem="Det tar i genomsnitt över ett år från de första tecknen på psykos till att "
        "behandling börjar; under tiden tappar många skola, arbete och vänner.",
        idea="Ett team för tidiga psykosinsatser som tar emot egenremisser, utbildar "
        "socialtjänst och ungdomsverksamheter i tidiga tecken och erbjuder stöd inom en vecka.",
        target_groups="Unga vuxna 16–30 år med tidiga tecken på psykos eller en första psykos",
        expected_results="Kortare obehandlad psykos och fler som behåller studier och arbete.",
        background="Internationell forskning visar att tidig behandling av förstagångspsykos "
        "ger bättre återhämtning.",
        purpose="Att korta tiden med obehandlad psykos.",
        goals="Behandling inom tre månader från de första symtomen.",
        budget="1100000.00",
        measures=(
            Measure(
                "Månader med obehandlad psykos",
                "Unga vuxna med förstagångspsykos",
                "månader",
                "14",
                "3",
                "8",
            ),
        ),
        evaluation=None,
    ),
    Past(
        title="Föräldraskapsstöd för föräldrar till tonåringar",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2024, 1, 23),
        directions=("handlingsplaner",),
        priority_areas=("forebyggande",),
        areas=("Individ- och familjeomsorg", "Barn- och ungdomspsykiatri"),
        partners=("Olofström", "Stiftelsen Unga i Blekinge"),
        problem="Föräldrar till tonåringar med psykisk ohälsa känner sig maktlösa, och "
        "konflikterna hemma förvärrar ungdomarnas mående.",
        idea="Föräldragrupper med programmet ABC Tonår och Komet, ledda av socialtjänsten och "
        "BUP tillsammans, kvällstid och digitalt.",
        target_groups="Föräldrar och vårdnadshavare till barn 12–17 år",
        expected_results="Färre konflikter i familjen och bättre mående hos ungdomarna.",
        background="Föräldrastödsprogram har god evidens men nådde få föräldrar till äldre barn "
        "i länet.",
        purpose="Att stärka föräldrar i sitt föräldraskap och förebygga psykisk ohälsa hos unga.",
        goals="300 föräldrar deltar och rapporterar färre konflikter.",
        budget="600000.00",
        measures=(
            Measure(
                "Föräldrar som gått en föräldragrupp",
                "Föräldrar till tonåringar",
                "antal",
                "40",
                "300",
                "326",
            ),
            Measure(
                "Andel föräldrar som rapporterar färre konflikter",
                "Föräldrar som fullföljt gruppen",
                "procent",
                "0",
                "60",
                "71",
            ),
        ),
        evaluation=(
            "Tjugoåtta föräldragrupper genomfördes, en tredjedel digitalt.",
            "326 föräldrar deltog och 71 procent rapporterade färre konflikter hemma.",
            "De digitala grupperna nådde fler pappor.",
        ),
        closing="Föräldragrupperna blir en del av socialtjänstens öppna verksamhet.",
    ),
    Past(
        title="Suicidprevention bland lantbrukare",
        outcome=SCALE_UP,
        decided_on=datetime.date(2024, 3, 12),
        directions=("suicidprevention",),
        priority_areas=("forebyggande",),
        areas=("Individ- och familjeomsorg", "Primärvård"),
        partners=("Sölvesborg",),
        problem="Lantbrukare arbetar ofta ensamma under hård ekonomisk press och söker sällan "
        "vård. Självmord är vanligare bland män på landsbygden.",
        idea="Utbildning i första hjälpen till psykisk hälsa för veterinärer, rådgivare och "
        "lantbrukarnas organisationer, och en stödlinje där bönder kan prata med någon som "
        "känner till jordbruket.",
        target_groups="Lantbrukare, bönder och deras familjer på landsbygden",
        expected_results="Fler i lantbruket får stöd i tid och färre suicid.",
        background="Torka, foderbrist och låga avräkningspriser har ökat pressen på länets gårdar.",
        purpose="Att förebygga suicid bland lantbrukare.",
        goals="200 personer runt lantbruket utbildade och en stödlinje öppen.",
        budget="520000.00",
        measures=(
            Measure(
                "Utbildade i första hjälpen till psykisk hälsa",
                "Veterinärer, rådgivare och lantbrukare",
                "antal",
                "0",
                "200",
                "240",
            ),
        ),
        evaluation=(
            "Utbildningarna hölls på gårdar och i bygdegårdar. Stödlinjen fick 190 samtal.",
            "240 personer utbildades, och fler lantbrukare än förr hänvisades till vårdcentralen.",
            "Förtroendet växer när den som frågar själv kommer från jordbruket.",
        ),
        closing="Arbetssättet sprids till fler kommuner på landsbygden.",
    ),
]
