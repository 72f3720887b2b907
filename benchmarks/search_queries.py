"""TEST DATA, not real data: Swedish search queries labelled with the initiatives each should
find, written by hand for the demo's invented initiatives (pusselbit/demo/library_data*.py and
the six ideas of pusselbit/demo/initiatives.py), for benchmarks/search.py's recall@5.

Each query names one to three expected titles: the initiatives a person asking it would want,
and only those. In three groups:

- KEYWORDS: words that stand in the initiatives' texts, some in another inflected form;
- PARAPHRASES: the same meaning in other words than the texts use;
- QUESTIONS: natural questions, as someone looking for experience elsewhere would ask them."""

# The demo library (pusselbit/demo/library_data*.py)
HEMMASITTARE = "Tillbaka till skolan – stöd till hemmasittare"
ATSTORNINGAR = "Tidiga insatser vid ätstörningar i elevhälsan"
SJALVSKADA = "Stöd till unga med självskadebeteende"
IKBT = "Internetbaserad KBT i primärvården"
SPEL = "Spelberoende – tidig upptäckt och stöd"
PSYKOS = "Tidig upptäckt av psykos hos unga vuxna"
FORALDRASKAP = "Föräldraskapsstöd för föräldrar till tonåringar"
LANTBRUK = "Suicidprevention bland lantbrukare"
SENIORER = "Mötesplatser mot social isolering bland seniorer"
DEMENS = "Stöd till anhöriga till personer med demenssjukdom"
BVC = "Screening för förlossningsdepression på BVC"
MINORITETSSPRAK = "Psykiatriskt stöd på samiska och finska"
SOMN = "Sömnskola på ungdomsmottagningen"
HBTQ = "Trygga mötesplatser för hbtq-unga"
FLYKTINGAR = "Traumastöd för nyanlända flyktingar"
BRUKARSTOD = "Brukarstödjare i psykiatrins öppenvård"
MISSBRUK_BARN = "Stödgrupper för barn till föräldrar med missbruk"
BOSTAD = "Bostad först för hemlösa med psykisk ohälsa"
IDROTT = "Mäns psykiska hälsa i idrottsföreningar"
STRESS = "Tidig återgång i arbete vid stressrelaterad ohälsa"
EFTERLEVANDE = "Stöd till efterlevande efter suicid"
MOTION = "Fysisk aktivitet som behandling vid depression"
INTELLEKTUELL = (
    "Anpassat stöd vid psykisk ohälsa för personer med intellektuell funktionsnedsättning"
)
VALD = "Psykisk hälsa efter våld i nära relationer"

# The six ideas every demo region has (pusselbit/demo/initiatives.py IDEAS)
SAMTALSSTOD = "Samtalsstöd inom en vecka för unga vuxna"
MOBILT_TEAM = "Mobilt team för personer med samsjuklighet"
SKOLPERSONAL = "Suicidpreventiv utbildning för skolpersonal"
BRUKARRAD = "Brukarråd i primärvården"
KVALITETSCAFE = "Kvalitetscafé om ensamhet bland äldre"
ANGEST = "Digitalt stöd vid ångest för gymnasieelever"

KEYWORDS: list[tuple[str, list[str]]] = [
    ("spelberoende", [SPEL]),
    ("spelproblemen", [SPEL]),
    ("hemmasittare", [HEMMASITTARE]),
    ("skolnärvaron", [HEMMASITTARE]),
    ("ätstörningar", [ATSTORNINGAR]),
    ("självskadebeteende", [SJALVSKADA]),
    ("internetbehandling", [IKBT]),
    ("förstagångspsykos", [PSYKOS]),
    ("föräldragrupperna", [FORALDRASKAP]),
    ("lantbrukarna", [LANTBRUK]),
    ("social isolering bland seniorer", [SENIORER, KVALITETSCAFE]),
    ("demenssjukdomar", [DEMENS]),
    ("förlossningsdepression", [BVC]),
    ("samiska", [MINORITETSSPRAK]),
    ("renskötare", [MINORITETSSPRAK]),
    ("insomni", [SOMN]),
    ("hbtq", [HBTQ]),
    ("nyanlända flyktingar", [FLYKTINGAR]),
    ("brukarstödjare", [BRUKARSTOD]),
    ("stödgrupperna", [MISSBRUK_BARN]),
    ("bostad först", [BOSTAD]),
    ("idrottsförening", [IDROTT]),
    ("utmattningssyndrom", [STRESS]),
    ("efterlevande", [EFTERLEVANDE]),
    ("fysisk aktivitet på recept", [MOTION]),
    ("intellektuell funktionsnedsättning", [INTELLEKTUELL]),
    ("våld i nära relationer", [VALD]),
    ("ångesten hos gymnasieelever", [ANGEST]),
    ("mobilt team samsjuklighet", [MOBILT_TEAM]),
    ("brukarråd", [BRUKARRAD]),
]

PARAPHRASES: list[tuple[str, list[str]]] = [
    ("äldre som sitter ensamma hemma", [SENIORER, KVALITETSCAFE]),
    ("barn som vägrar gå till skolan", [HEMMASITTARE]),
    ("unga som svälter sig", [ATSTORNINGAR]),
    ("ungdomar som gör sig själva illa", [SJALVSKADA]),
    ("terapi via nätet för nedstämdhet", [IKBT]),
    ("problem med betting och nätkasino", [SPEL]),
    ("röster och vanföreställningar hos unga", [PSYKOS]),
    ("hjälp till mammor och pappor med tonåringar", [FORALDRASKAP]),
    ("bönder som mår dåligt", [LANTBRUK]),
    ("den som tar hand om en minnessjuk partner", [DEMENS]),
    ("nedstämdhet efter att ha fått barn", [BVC]),
    ("vård på modersmålet för urfolket", [MINORITETSSPRAK]),
    ("ungdomar som inte kan somna", [SOMN]),
    ("transpersoner och homosexuella ungdomar", [HBTQ]),
    ("krigsflyktingar med svåra minnen", [FLYKTINGAR]),
    ("personer med egen erfarenhet som stöttar patienter", [BRUKARSTOD]),
    ("barn vars mamma eller pappa dricker för mycket", [MISSBRUK_BARN]),
    ("lägenhet utan krav på nykterhet", [BOSTAD]),
    ("tystnad om depression bland män som idrottar", [IDROTT]),
    ("utbrända medarbetare som ska tillbaka till jobbet", [STRESS]),
    ("sorg när en närstående tagit sitt liv", [EFTERLEVANDE]),
    ("motion mot nedstämdhet", [MOTION]),
    ("psykiatri för personer med utvecklingsstörning", [INTELLEKTUELL]),
    ("kvinnor som misshandlats av sin partner", [VALD]),
    ("gymnasiets elever som är oroliga och nervösa", [ANGEST]),
]

QUESTIONS: list[tuple[str, list[str]]] = [
    ("Hur kan vi stödja barn till föräldrar som dricker?", [MISSBRUK_BARN]),
    ("Hur får vi hemmasittande elever tillbaka till klassrummet?", [HEMMASITTARE]),
    ("Vad kan skolan göra när en elev slutar äta?", [ATSTORNINGAR]),
    ("Hur minskar man självskador bland tonårsflickor?", [SJALVSKADA]),
    ("Kan vårdcentralen erbjuda psykologisk behandling digitalt?", [IKBT]),
    ("Hur hjälper vi den som har spelat bort sina pengar?", [SPEL]),
    ("Hur kan psykos upptäckas tidigare?", [PSYKOS]),
    ("Vilket stöd finns för föräldrar som bråkar med sina tonåringar?", [FORALDRASKAP]),
    ("Hur förebygger man självmord bland bönder?", [LANTBRUK]),
    ("Vad kan kommunen göra åt ensamhet bland pensionärer?", [SENIORER, KVALITETSCAFE]),
    ("Hur orkar den som vårdar sin make med Alzheimers?", [DEMENS]),
    ("Hur upptäcker BVC att en nybliven mamma är deprimerad?", [BVC]),
    ("Kan samer få samtalsstöd på sitt eget språk?", [MINORITETSSPRAK]),
    ("Hur kan unga få bättre sömn?", [SOMN]),
    ("Hur gör vi fritidsgården trygg för unga transpersoner?", [HBTQ]),
    ("Hur når vi flyktingar med PTSD?", [FLYKTINGAR]),
    ("Hur kan patienter få stöd av någon som själv har varit sjuk?", [BRUKARSTOD]),
    ("Vad fungerar för hemlösa med psykisk sjukdom?", [BOSTAD]),
    ("Hur får man män att prata om psykisk ohälsa?", [IDROTT]),
    ("Hur kortar vi sjukskrivningar för utmattning?", [STRESS]),
    ("Vilket stöd får familjen efter ett självmord?", [EFTERLEVANDE]),
    ("Hjälper träning mot depression?", [MOTION]),
    (
        "Hur känner personalen på gruppboendet igen ångest hos den som har en utvecklingsstörning?",
        [INTELLEKTUELL],
    ),
    ("Hur frågar psykiatrin om våld i hemmet?", [VALD]),
    ("Hur kan skolpersonal känna igen en elev i suicidrisk?", [SKOLPERSONAL]),
    ("Hur får brukarna en röst när vårdcentralerna planerar?", [BRUKARRAD]),
    (
        "Hur kan kommun och region arbeta tillsammans hemma hos personer med både missbruk "
        "och psykisk sjukdom?",
        [MOBILT_TEAM],
    ),
    ("Var får unga vuxna samtalsstöd utan lång väntan?", [SAMTALSSTOD]),
]

QUERIES: list[tuple[str, list[str]]] = KEYWORDS + PARAPHRASES + QUESTIONS
