"""Dalarna's past initiatives in the demo's library (demo.library): invented for the demo."""

import datetime

from .library_data import ENDED, IMPLEMENT, RUNNING, SCALE_UP, Measure, Past

DALARNA = [
    Past(
        title="Mötesplatser mot social isolering bland seniorer",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 3, 14),
        directions=("handlingsplaner",),
        priority_areas=("forebyggande",),
        areas=("Vård och omsorg", "Psykiatri"),
        partners=("Mora", "Föreningen Samtalsstödet Dalarna"),
        problem="Social isolering bland seniorer ökar, särskilt efter pandemin och bland dem som "
        "förlorat en make eller maka. Isoleringen ökar risken för depression.",
        idea="Mötesplatser på bibliotek och i föreningslokaler med gemensamma luncher, "
        "promenadgrupper och samtalsgrupper, och uppsökande hembesök av frivilliga till seniorer "
        "som hemtjänsten ser sällan träffar andra.",
        target_groups="Seniorer över 70 år som lever utan sällskap, med få sociala kontakter",
        expected_results="Minskad isolering och nedstämdhet bland seniorer.",
        background="Var femte person över 75 år i länet uppger att de saknar någon att prata "
        "med. Hemtjänsten ser isoleringen men har inte tid att bryta den.",
        purpose="Att bryta social isolering bland seniorer och förebygga depression.",
        goals="400 seniorer deltar regelbundet och känner sig mindre isolerade.",
        budget="540000.00",
        measures=(
            Measure(
                "Andel deltagare som ofta känner sig isolerade",
                "Seniorer som deltar på mötesplatserna",
                "procent",
                "48",
                "25",
                "27",
            ),
        ),
        evaluation=(
            "Tolv mötesplatser öppnade i fyra kommuner och 38 frivilliga gjorde hembesök.",
            "Andelen deltagare som ofta kände sig isolerade sjönk från 48 till 27 procent.",
            "Hemtjänstens personal är de bästa på att bjuda in; hembesöket före första träffen "
            "avgör.",
        ),
        closing="Mötesplatserna blir en del av äldreomsorgens förebyggande arbete.",
    ),
    Past(
        title="Stöd till anhöriga till personer med demenssjukdom",
        outcome=SCALE_UP,
        decided_on=datetime.date(2023, 6, 20),
        directions=("handlingsplaner",),
        priority_areas=("forebyggande",),
        areas=("Vård och omsorg", "Psykiatri"),
        partners=("Borlänge",),
        problem="Anhöriga som vårdar en närstående med demens, ofta en make eller maka, blir "
        "utmattade och deprimerade.",
        idea="Anhörigkonsulenter erbjuder samtalsgrupper, avlösning i hemmet och utbildning om "
        "demenssjukdom, Alzheimers och hur man bemöter förändrat beteende.",
        target_groups="Anhöriga och närstående som vårdar en person med demenssjukdom",
        expected_results="Minskad belastning och bättre psykisk hälsa hos anhörigvårdare.",
        background="I länet vårdar omkring 6 000 personer en närstående med demens, de flesta "
        "själva över 70 år.",
        purpose="Att anhöriga orkar och mår bättre.",
        goals="Minskad upplevd belastning (Zarit) hos deltagarna.",
        budget="480000.00",
        measures=(
            Measure(
                "Upplevd belastning (Zarits skala)",
                "Anhöriga till personer med demens",
                "poäng",
                "46",
                "35",
                "33",
            ),
        ),
        evaluation=(
            "Samtalsgrupper hölls i båda kommunerna och 210 anhöriga fick avlösning.",
            "Anhörigas belastning sjönk från 46 till 33 poäng på Zarits skala.",
            "Avlösningen gjorde det möjligt att delta i samtalsgrupperna.",
        ),
        closing="Anhörigstödet sprids till länets alla kommuner.",
    ),
    Past(
        title="Screening för förlossningsdepression på BVC",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2023, 10, 10),
        directions=("kunskapsbaserad-vard",),
        priority_areas=("tidiga-insatser",),
        areas=("Socialtjänst", "Psykiatri"),
        partners=("Ludvika",),
        problem="Var tionde nybliven mamma drabbas av depression efter förlossningen, men "
        "många får ingen hjälp, och pappornas mående uppmärksammas sällan.",
        idea="Alla nyblivna föräldrar screenas med EPDS på barnavårdscentralen vid sex till åtta "
        "veckor, och den som behöver får stödsamtal med BVC-sjuksköterskan eller remiss till "
        "psykiatrin.",
        target_groups="Nyblivna mammor och pappor, BVC-sjuksköterskor",
        expected_results="Fler med postpartum depression upptäcks och får behandling.",
        background="Obehandlad depression efter förlossningen påverkar anknytningen till barnet.",
        purpose="Att upptäcka och behandla depression hos nyblivna föräldrar.",
        goals="Nio av tio nyblivna föräldrar screenas.",
        budget="400000.00",
        measures=(
            Measure(
                "Andel nyblivna föräldrar som screenats med EPDS",
                "Nyblivna föräldrar",
                "procent",
                "35",
                "90",
                "92",
            ),
        ),
        evaluation=(
            "Screeningen infördes på alla barnavårdscentraler. Papporna screenades från år två.",
            "92 procent av mammorna screenades och 11 procent av dem fick stödsamtal.",
            "Att fråga pappor kräver egna samtalstider.",
        ),
        closing="Screeningen blir rutin i barnhälsovården.",
    ),
    Past(
        title="Psykiatriskt stöd på samiska och finska",
        outcome=IMPLEMENT,
        decided_on=datetime.date(2024, 2, 6),
        directions=("brukarmedverkan",),
        priority_areas=("delaktighet",),
        areas=("Socialtjänst", "Psykiatri"),
        partners=("Älvdalen",),
        problem="Samer och sverigefinnar får sällan vård och stöd på sitt eget språk, och "
        "renskötare söker sent hjälp för psykisk ohälsa.",
        idea="Samtalsstöd på samiska och finska med tolk eller tvåspråkig personal, kunskap om "
        "samisk kultur och renskötsel i psykiatrin, och information på minoritetsspråken.",
        target_groups="Samer, renskötare och sverigefinnar i förvaltningskommunerna",
        expected_results="Fler ur de nationella minoriteterna får stöd på sitt språk.",
        background="Älvdalen är samisk förvaltningskommun; nationella minoriteter har rätt till "
        "äldreomsorg och stöd på sitt språk.",
        purpose="Att nationella minoriteter får psykiatriskt stöd på sitt eget språk.",
        goals="Alla som vill får samtal på samiska eller finska.",
        budget="450000.00",
        measures=(
            Measure(
                "Samtal på samiska eller finska",
                "Samer och sverigefinnar",
                "antal per år",
                "5",
                "120",
                "134",
            ),
        ),
        evaluation=(
            "Två tvåspråkiga samtalsstödjare anställdes och personalen utbildades i samisk kultur.",
            "134 samtal på samiska och finska under det sista året.",
            "Sametinget och sameföreningarna behöver vara med från början.",
        ),
        closing="Stödet på minoritetsspråken förs in i psykiatrins ordinarie verksamhet.",
    ),
    Past(
        title="Sömnskola på ungdomsmottagningen",
        outcome=ENDED,
        decided_on=datetime.date(2023, 8, 29),
        directions=("ungdomsmottagningar",),
        priority_areas=("tidiga-insatser",),
        areas=("Socialtjänst", "Ungdomsmottagningar"),
        partners=("Leksand",),
        problem="Många unga sover för lite och dåligt, ofta på grund av skärmar sent på kvällen. "
        "Sömnbristen förvärrar oro och nedstämdhet.",
        idea="En sömnskola i fyra träffar på ungdomsmottagningen med KBT för insomni, "
        "sömndagbok och råd om skärmvanor.",
        target_groups="Ungdomar och unga vuxna 15–25 år med insomni",
        expected_results="Bättre sömn och mindre oro.",
        background="Var tredje besökare på ungdomsmottagningen berättar om sömnproblem.",
        purpose="Att unga sover bättre och mår bättre.",
        goals="Minskad insomni (ISI) hos deltagarna.",
        budget="320000.00",
        measures=(
            Measure(
                "Sömnbesvär enligt Insomnia Severity Index",
                "Unga på ungdomsmottagningen",
                "poäng",
                "17",
                "10",
                "15",
            ),
        ),
        evaluation=(
            "Sex kurser hölls, men få unga kom till mer än två träffar.",
            "Sömnbesvären minskade bara lite.",
            "En digital sömnkurs når troligen fler unga än träffar på kvällstid.",
        ),
        closing="Arbetssättet nådde för få för att föras in i ordinarie verksamhet.",
    ),
    Past(
        title="Trygga mötesplatser för hbtq-unga",
        outcome=SCALE_UP,
        decided_on=datetime.date(2024, 4, 16),
        directions=("ungdomsmottagningar",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Ungdomsmottagningar"),
        partners=("Borlänge", "Föreningen Samtalsstödet Dalarna"),
        problem="Unga homo- och bisexuella och transpersoner har betydligt mer psykisk ohälsa "
        "och suicidtankar än andra unga och utsätts ofta för kränkningar.",
        idea="Träffar varannan vecka för hbtq-unga, ledda av ungdomsmottagningen och en "
        "förening, och HBTQ-certifiering av ungdomsmottagningarna och fritidsgårdarna.",
        target_groups="Unga hbtq-personer 13–25 år, transpersoner och unga som är osäkra på "
        "sin sexuella läggning eller könsidentitet",
        expected_results="Minskad utsatthet och bättre psykiskt välbefinnande.",
        background="Folkhälsomyndighetens undersökningar visar att hälften av unga transpersoner "
        "har haft suicidtankar.",
        purpose="Att hbtq-unga har trygga platser och stöd.",
        goals="Alla ungdomsmottagningar certifierade och träffar i två kommuner.",
        budget="360000.00",
        measures=(
            Measure(
                "Andel deltagare som upplever gott välbefinnande",
                "Hbtq-unga som deltar i träffarna",
                "procent",
                "34",
                "55",
                "58",
            ),
        ),
        evaluation=(
            "Träffarna samlade runt 25 unga varje gång, och fyra ungdomsmottagningar certifierades.",
            "58 procent av deltagarna upplevde gott välbefinnande, mot 34 procent vid start.",
            "Unga vill ha en vuxen som finns kvar över tid.",
        ),
        closing="Mötesplatserna och certifieringen sprids till hela länet.",
    ),
    Past(
        title="Traumastöd för nyanlända flyktingar",
        outcome=ENDED,
        decided_on=datetime.date(2023, 11, 21),
        directions=("samsjuklighet",),
        priority_areas=("utsatta-grupper",),
        areas=("Socialtjänst", "Psykiatri"),
        partners=("Borlänge",),
        problem="Många nyanlända som flytt från krig har posttraumatiskt stressyndrom, men "
        "språket och rädslan för att söka vård hindrar dem.",
        idea="Hälsokommunikatörer informerar om psykisk hälsa på arabiska, dari och tigrinja, "
        "och stabiliseringsgrupper erbjuds med tolk.",
        target_groups="Nyanlända flyktingar och asylsökande, ensamkommande unga vuxna",
        expected_results="Fler med PTSD får stöd och mindre symtom.",
        background="Var tredje nyanländ flykting uppfyller kriterierna för PTSD.",
        purpose="Att nyanlända med trauma får tidigt stöd.",
        goals="Minskade traumasymtom (PCL-5) hos deltagarna.",
        budget="500000.00",
        measures=(
            Measure(
                "Traumasymtom (PCL-5)",
                "Nyanlända i stabiliseringsgrupperna",
                "poäng",
                "48",
                "33",
                "44",
            ),
        ),
        evaluation=(
            "Hälsokommunikatörerna nådde många, men få ville delta i grupperna, och tolkarna "
            "räckte inte till.",
            "Traumasymtomen minskade bara lite hos dem som fullföljde.",
            "Gruppen ska ledas av personal som talar deltagarnas språk.",
        ),
        closing="Effekterna motiverar inte att arbetssättet förs in; hälsokommunikationen "
        "fortsätter inom integrationsarbetet.",
    ),
    Past(
        title="Brukarstödjare i psykiatrins öppenvård",
        outcome=RUNNING,
        decided_on=datetime.date(2025, 10, 14),
        directions=("brukarmedverkan",),
        priority_areas=("delaktighet",),
        areas=("Socialtjänst", "Psykiatri"),
        partners=("Föreningen Samtalsstödet Dalarna",),
        problem="Patienter i öppenvården saknar någon som själv har gått igenom psykisk ohälsa "
        "och kan visa att återhämtning är möjlig.",
        idea="Peer support: anställda brukarstödjare med egen erfarenhet av psykisk ohälsa "
        "arbetar i öppenvårdsteamen och i socialtjänstens boendestöd.",
        target_groups="Patienter i psykiatrisk öppenvård och personer med boendestöd",
        expected_results="Starkare hopp och återhämtning, färre inläggningar.",
        background="Peer support har prövats i Norge och Skottland med goda resultat.",
        purpose="Att stärka patienternas återhämtning med stöd av personer med egen erfarenhet.",
        goals="Ökad upplevd återhämtning (QPR) hos patienterna.",
        budget="820000.00",
        measures=(
            Measure(
                "Upplevd återhämtning (QPR)",
                "Patienter med brukarstödjare",
                "poäng",
                "28",
                "40",
                "33",
            ),
        ),
        evaluation=None,
    ),
]
