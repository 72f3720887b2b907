"""Västra Götaland's past initiatives in the demo's library (demo.library): invented for the
demo."""

import datetime

from .library_data import ENDED, IMPLEMENT, RUNNING, SCALE_UP, Measure, Past

VASTRA_GOTALAND = [
    Past(
        title="Stödgrupper för barn till föräldrar med missbruk",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 2, 28),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Missbruk och beroende", "Beroendevård"),
        partners=("Trollhättan", "Kooperativet Vägen tillbaka"),
        problem="Barn som växer upp med en förälder som har alkohol- eller narkotikaproblem "
        "löper stor risk för egen psykisk ohälsa, men få får stöd.",
        idea="Stödgrupper efter Trappan- och CoPing-modellen för barn 7–15 år, där barnen får "
        "prata om livet hemma, och en rutin i beroendevården att alltid fråga om patienten har "
        "barn.",
        target_groups="Barn och unga 7–15 år som lever med en förälder med alkohol- eller "
        "drogproblem",
        expected_results="Barnen får ord för sin situation och mår bättre.",
        background="Omkring vart femte barn i Sverige växer upp med en förälder som dricker för "
        "mycket.",
        purpose="Att barn i familjer med missbruk får stöd tidigt.",
        goals="150 barn per år deltar och beroendevården frågar alla patienter om barn.",
        budget="760000.00",
        measures=(
            Measure(
                "Barn som gått i stödgrupp",
                "Barn till föräldrar med missbruk",
                "antal per år",
                "20",
                "150",
                "162",
            ),
            Measure(
                "Andel patienter i beroendevården tillfrågade om barn",
                "Patienter i beroendevården",
                "procent",
                "30",
                "95",
                "91",
            ),
        ),
        evaluation=(
            "Stödgrupperna startade i båda kommunerna och nådde 162 barn det sista året.",
            "Barnen beskriver att de förstått att det inte är deras fel; fler föräldrar tog emot "
            "egen behandling.",
            "Frågan om barn i beroendevården gav flest nya barn till grupperna.",
        ),
        closing="Stödgrupperna och rutinen i beroendevården blir ordinarie verksamhet.",
    ),
    Past(
        title="Bostad först för hemlösa med psykisk ohälsa",
        outcome=SCALE_UP,
        decided_on=datetime.date(2023, 4, 25),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Göteborg",),
        problem="Personer i hemlöshet med psykisk sjukdom och missbruk kommer inte vidare i "
        "boendetrappan och förlorar kontakten med vården.",
        idea="Housing first: ett eget förstahandskontrakt direkt, utan krav på drogfrihet, med "
        "bostödsteam från socialtjänsten och psykiatrin som följer hyresgästen.",
        target_groups="Vuxna i långvarig hemlöshet med psykisk ohälsa eller samsjuklighet",
        expected_results="Stabilt boende och bättre kontakt med vård och stöd.",
        background="Utvärderingar av Bostad först i Sverige visar att åtta av tio behåller "
        "bostaden.",
        purpose="Att personer i hemlöshet får en egen lägenhet och behåller den.",
        goals="40 hyresgäster, och minst 80 procent bor kvar efter ett år.",
        budget="1300000.00",
        measures=(
            Measure(
                "Andel hyresgäster som bor kvar efter ett år",
                "Hyresgäster i Bostad först",
                "procent",
                "0",
                "80",
                "87",
            ),
        ),
        evaluation=(
            "46 personer fick eget kontrakt genom de kommunala bostadsbolagen.",
            "87 procent bodde kvar efter ett år och akutbesöken halverades.",
            "Bostadsbolagen behöver en fast kontaktperson hos socialtjänsten.",
        ),
        closing="Bostad först skalas upp till fler kommuner i regionen.",
    ),
    Past(
        title="Mäns psykiska hälsa i idrottsföreningar",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 9, 19),
        directions=("suicidprevention",),
        priority_areas=("forebyggande",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Skövde", "Kooperativet Vägen tillbaka"),
        problem="Män söker sällan hjälp för depression och står för två tredjedelar av alla "
        "självmord.",
        idea="Ledare och tränare i fotbolls- och hockeyklubbar utbildas i att prata om psykisk "
        "hälsa, och klubbarna håller samtalskvällar för spelare, supportrar och "
        "oldboyslag.",
        target_groups="Män 18–65 år i idrottsföreningar: spelare, tränare, ledare och supportrar",
        expected_results="Fler män pratar om hur de mår och söker hjälp tidigt.",
        background="Idrottsrörelsen når män som vården inte når.",
        purpose="Att bryta tystnaden kring mäns psykiska ohälsa.",
        goals="30 klubbar och 400 ledare utbildade.",
        budget="550000.00",
        measures=(
            Measure(
                "Utbildade ledare och tränare",
                "Ledare i idrottsföreningar",
                "antal",
                "0",
                "400",
                "430",
            ),
        ),
        evaluation=(
            "34 klubbar deltog och samtalskvällarna fylldes.",
            "430 ledare utbildades och fler män i klubbarna sökte vårdcentralen.",
            "Samtalen blev av när en spelare själv berättade.",
        ),
        closing="Arbetet förs in i kommunernas ordinarie suicidpreventiva arbete med "
        "idrottsrörelsen.",
    ),
    Past(
        title="Tidig återgång i arbete vid stressrelaterad ohälsa",
        outcome=SCALE_UP,
        decided_on=datetime.date(2024, 2, 20),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Alingsås",),
        problem="Sjukskrivningar för utmattningssyndrom och stress blir långa, och kontakten med "
        "arbetsplatsen bryts.",
        idea="En rehabkoordinator tar tidig kontakt med chefen och företagshälsovården, och den "
        "sjukskrivna får stresshantering och en plan för gradvis återgång i arbete.",
        target_groups="Anställda i kommun och region som är sjukskrivna för utmattning eller "
        "stress, och deras chefer",
        expected_results="Kortare sjukskrivningar och färre återinsjuknanden.",
        background="Stressrelaterad psykisk ohälsa är den vanligaste orsaken till långa "
        "sjukskrivningar bland kommunernas och regionens medarbetare.",
        purpose="Att medarbetare med stressrelaterad ohälsa kommer tillbaka till arbetet.",
        goals="Sjukskrivningarna kortas med en tredjedel.",
        budget="690000.00",
        measures=(
            Measure(
                "Sjukskrivningsdagar per fall",
                "Medarbetare sjukskrivna för stress",
                "dagar",
                "180",
                "120",
                "112",
            ),
        ),
        evaluation=(
            "Rehabkoordinatorerna följde 140 medarbetare.",
            "Sjukskrivningarna kortades till 112 dagar i genomsnitt, och färre blev sjuka igen.",
            "Chefens tidiga kontakt var viktigare än själva stresshanteringen.",
        ),
        closing="Arbetssättet sprids till alla förvaltningar och till fler arbetsgivare.",
    ),
    Past(
        title="Stöd till efterlevande efter suicid",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2024, 5, 14),
        directions=("suicidprevention",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Uddevalla",),
        problem="Närstående till någon som tagit sitt liv har själva en förhöjd risk för "
        "suicid och får ofta inget stöd i sorgen.",
        idea="Ett postventionsteam kontaktar de efterlevande inom en vecka och erbjuder "
        "samtal, sorggrupper och kontakt med SPES.",
        target_groups="Efterlevande efter suicid: familj, vänner, skolkamrater och kollegor",
        expected_results="Efterlevande får stöd i sorgen och färre blir sjuka.",
        background="För varje suicid berörs i genomsnitt sex närstående djupt.",
        purpose="Att alla efterlevande erbjuds stöd tidigt.",
        goals="Nio av tio efterlevande kontaktas inom en vecka.",
        budget="430000.00",
        measures=(
            Measure(
                "Andel efterlevande kontaktade inom en vecka",
                "Efterlevande efter suicid",
                "procent",
                "10",
                "90",
                "88",
            ),
        ),
        evaluation=(
            "Postventionsteamet tog kontakt efter 58 dödsfall.",
            "88 procent av de efterlevande kontaktades inom en vecka och sorggrupperna var fulla.",
            "Skolor och arbetsplatser behöver också stöd efter ett självmord.",
        ),
        closing="Postventionsteamet blir en del av den ordinarie suicidpreventionen.",
    ),
    Past(
        title="Fysisk aktivitet som behandling vid depression",
        outcome=ENDED,
        decided_on=datetime.date(2023, 10, 3),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Mölndal",),
        problem="Träning hjälper mot lindrig depression, men få patienter får det förskrivet.",
        idea="Fysisk aktivitet på recept (FaR) för patienter med lindrig depression, med "
        "gruppträning tillsammans med en fysioterapeut och kommunens fritidsförvaltning.",
        target_groups="Vuxna med lindrig till måttlig depression",
        expected_results="Minskade depressionssymtom och mer rörelse i vardagen.",
        background="FaR används i primärvården men sällan i psykiatrin.",
        purpose="Att fler med depression får motion som en del av behandlingen.",
        goals="Minskade symtom (MADRS) hos deltagarna.",
        budget="380000.00",
        measures=(
            Measure(
                "Depressionssymtom (MADRS-S)",
                "Patienter med lindrig depression",
                "poäng",
                "24",
                "15",
                "21",
            ),
        ),
        evaluation=(
            "Få patienter fullföljde träningen; många orkade inte komma till gruppträningen.",
            "Symtomen minskade lite hos dem som fullföljde.",
            "Motivationen behöver stöd i början, till exempel promenader i par.",
        ),
        closing="Resultaten motiverar inte ett eget arbetssätt; FaR finns redan i primärvården.",
    ),
    Past(
        title="Anpassat stöd vid psykisk ohälsa för personer med intellektuell "
        "funktionsnedsättning",
        outcome=RUNNING,
        decided_on=datetime.date(2025, 6, 10),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Lidköping",),
        problem="Personer med intellektuell funktionsnedsättning har ofta ångest och "
        "depression som inte känns igen, och de får vård som inte är anpassad.",
        idea="Personalen i LSS-boenden och daglig verksamhet utbildas i tecken på psykisk "
        "ohälsa, och psykiatrin har en konsultfunktion med bildstöd och lättläst information.",
        target_groups="Vuxna med intellektuell funktionsnedsättning och personal i LSS-boenden",
        expected_results="Psykisk ohälsa upptäcks tidigare och behandlas anpassat.",
        background="Personer med intellektuell funktionsnedsättning har tre gånger så hög risk "
        "för psykisk sjukdom.",
        purpose="Att personer med intellektuell funktionsnedsättning får anpassad psykiatrisk vård.",
        goals="All personal i LSS-boenden utbildad inom två år.",
        budget="620000.00",
        measures=(
            Measure(
                "Andel personal i LSS-boenden som utbildats",
                "Personal i LSS-verksamheter",
                "procent",
                "5",
                "100",
                "46",
            ),
        ),
        evaluation=None,
    ),
    Past(
        title="Psykisk hälsa efter våld i nära relationer",
        outcome=RUNNING,
        decided_on=datetime.date(2026, 2, 17),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Vuxenpsykiatri"),
        partners=("Göteborg", "Kooperativet Vägen tillbaka"),
        problem="Kvinnor som utsatts för våld av en partner har ofta PTSD och depression, men "
        "psykiatrin frågar sällan om våld.",
        idea="Rutinmässiga frågor om våld i psykiatrin, och traumafokuserad behandling i "
        "samarbete med socialtjänstens kvinnofridsteam och skyddade boenden.",
        target_groups="Kvinnor och män som utsatts för våld i nära relationer",
        expected_results="Fler våldsutsatta upptäcks och får traumabehandling.",
        background="Socialstyrelsen rekommenderar att vården frågar om våld.",
        purpose="Att våldsutsatta får stöd för sin psykiska hälsa.",
        goals="Alla nya patienter tillfrågas om våld.",
        budget="580000.00",
        measures=(
            Measure(
                "Andel nya patienter tillfrågade om våld",
                "Nya patienter i psykiatrin",
                "procent",
                "15",
                "90",
                "52",
            ),
        ),
        evaluation=None,
    ),
]
