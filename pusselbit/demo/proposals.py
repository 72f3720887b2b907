"""Region Dalarna's use-of-funds proposal for ÖK 2020 (Dalarna seed, "Förslag på användning av
medel som riktas till kommunerna och regionerna gemensamt respektive till kommunerna enligt ÖK
psykisk hälsa 2020"), written and adopted through the proposals domain functions. The amounts,
the requisition, the reporting requirement and the preconditions come from the demo's funds and
reporting; the texts below are the seed's. The seed is undated: the date and the adopting body
(Chefsnätverket, which the seed names as approving the year's plans) are the demo's."""

import datetime

from pusselbit.accounts.models import User
from pusselbit.funds.models import Agreement
from pusselbit.organisations.models import Region
from pusselbit.proposals.domain import (
    adopt_proposal,
    create_proposal,
    update_proposal,
    update_proposal_direction,
)
from pusselbit.proposals.models import Proposal

NAME = (
    "som riktas till kommunerna och regionerna gemensamt respektive till kommunerna enligt ÖK "
    "psykisk hälsa 2020"
)
REPORTING = """\
1. Kommunerna och regionen ska redovisa genomförda insatser i en egenskriven rapport utifrån ett frågeunderlag som tas fram av SKR, FHM och SoS.
2. I redovisningen ska jämställdhetsperspektivet belysas där så är lämpligt och det ska framgå hur insatserna bidragit till det jämställdhetspolitiska delmålet – jämställd hälsa.

Vissa grundläggande krav ska vara uppfyllda avseende avsnitt 3–6 i ÖK för att få ta del av stimulansmedel 2021. Ytterligare förutsättning för medel 2021 är att delredovisningen lämnas in."""

# direction code → (heading, what the agreement says, the proposed use)
DIRECTIONS = {
    "samsjuklighet": (
        "Insatser för att skapa goda förutsättningar för samverkan – personer med samsjuklighet",
        "Överenskommelsen innehåller en fortsatt satsning på att skapa förutsättningar för en mer "
        "sammanhållen vård och omsorg för personer som behöver insatser från flera huvudmän. "
        "Personer med samsjuklighet i beroende och annan samtidig psykiatrisk diagnos är en "
        "särskilt prioriterad grupp. Gemensam kompetensutveckling främjar samarbete och kan öka "
        "användningen av bästa tillgängliga kunskap.",
        "I fd RUG missbruk/beroende finns ett flertal personer som har kunskaper och erfarenheter "
        "från arbete i frågor kring samsjuklighet. Under förra året följde man bland annat "
        "Socialstyrelsens regeringsuppdrag ”Kartläggning av samsjuklighet i form av psykisk "
        "ohälsa och beroendeproblematik” (2019).\n\n"
        "En LAG med uppdraget att driva nämnda inriktning i överenskommelsen skulle kunna bildas "
        "och bestå av funktioner/personer (delvis) utifrån fd RUG missbruk. LAG:en skulle få i "
        "uppdrag att skapa insatser som syftar till att nå en mer sammanhållen vård för personer "
        "med samsjuklighet. Socialstyrelsens kartläggning, som innehåller ”förbättringsförslag” "
        "avseende faktorer som påverkar förutsättningarna för en god samverkan, skulle kunna "
        "utgöra en utgångspunkt för LAG:ens arbete.\n\n"
        "En utvecklingsledare från Hälsa och välfärd kan leda arbetet i LAG:en men i praktiken "
        "kan det ske först från och med hösten 2020. LAG:en i fråga får därför ta initialt "
        "ansvar för att starta uppdraget och Chefsnätverket bör utnämna ansvariga personer i "
        "LAG:en. LPO psykisk hälsa är under bildande och kan utgöra styrgrupp till uppdraget i "
        "fråga.",
    ),
    "brukarmedverkan": (
        "Stärka brukarmedverkan",
        "Medlen enligt inriktningen ska användas till förstärkta satsningar på att stödja "
        "samverkan mellan patient-, brukar- och närståendeföreningar och andra "
        "intresseföreningar. Kommuner och regioner har ett ansvar att stärka den enskildes "
        "inflytande över sin vård och omsorg men också stärka organisationernas delaktighet.",
        "Projekt pågår och projektplan för 2020 (2019 års medel) är godkänd i Chefsnätverket "
        "(191213).",
    ),
    "suicidprevention": (
        "Stärka det suicidpreventiva arbetet på lokal och regional nivå",
        "Prioriterat område och det kunskapsbaserade suicidpreventiva arbetet på regional och "
        "lokal nivå behöver förstärkas. Det finns även behov av ökad samverkan i det "
        "befolkningsinriktade suicidpreventiva arbetet mellan regioner och kommuner, integrerad "
        "suicidprevention inom ramen för arbetet med psykisk hälsa/ohälsa, kompetensutveckling "
        "om suicid och befolkningsinriktat suicidpreventivt arbete hos särskilda yrkesgrupper "
        "samt implementeringsstöd av strategierna i det nationella suicidpreventiva "
        "handlingsprogrammet på regional och lokal nivå. Därutöver behövs ökad kunskap om "
        "effektiva arbetssätt inom området.",
        "Arbetet utgår ifrån regionen och avdelningens hälsofrämjande arbete och hållbar "
        "utveckling.",
    ),
    "ungdomsmottagningar": (
        "Ungdomsmottagningarnas arbete med att främja psykisk hälsa och motverka psykisk ohälsa "
        "bland barn och unga",
        "I överenskommelsen finns fortsatta satsningar på att stärka första linjens vård för barn "
        "och unga där ungdomsmottagningarna utgör en viktig arena. Satsningen syftar till att "
        "barn och unga med psykisk ohälsa ska erbjudas god och nära vård som möter deras behov "
        "inom rimlig tid. Att utveckla första linjens vård kan bidra till ökad tillgänglighet "
        "till barn- och ungdomspsykiatri, genom att barn som inte har behov av specialiserad "
        "psykiatrisk vård får vård inom till exempel primärvård, ungdomsmottagning eller någon "
        "form av samtalsmottagning.",
        "Arbete pågår och innefattar även projektet ”en samlad ungdomshälsa”. Handlingsplaner "
        "finns för arbetet avseende 2020.",
    ),
    "handlingsplaner": (
        "Fortsatt utvecklingsarbete utifrån handlingsplaner och förstärkning av kommunernas roll "
        "och utveckling av mobila lösningar eller liknande (Regionen har fått medel för "
        "motsvarande inriktning)",
        "Regeringen avser att fortsätta stödja det utvecklingsarbete som pågår utifrån de lokala "
        "och regionala handlingsplaner som huvudmännen tagit fram i enlighet med 2016–2018 års "
        "överenskommelser. Ett antal områden återkommer i många handlingsplaner och annat "
        "utvecklingsarbete som initierats med stöd av tidigare överenskommelser på området "
        "psykisk hälsa. Det är bland annat insatser till barn och unga, till personer med "
        "samsjuklighet, behov av förbättrad tillgänglighet till såväl första linjen som "
        "specialistinsatser, gemensamt suicidpreventivt arbete samt behov av samordning och "
        "samverkan. Medlen kan även användas för utveckling av mobila lösningar eller liknande "
        "arbetsmodeller/funktioner.",
        "I redovisningen av ÖK psykisk hälsa 2019 identifieras att ett antal utvecklingsinsatser "
        "har stannat av eller upphört under 2019. Detta delvis som en konsekvens av att medlen "
        "för 2019 kom regionen och kommunerna sent tillhanda 2019 (juni).\n\n"
        "Medlen enligt 2020 års ÖK förutsätter inte att varje län ska ta fram en ny "
        "handlingsplan, utan snarare uppmuntras ett fortsatt arbete utifrån de handlingsplaner "
        "som har tagits fram i länen tidigare. Då det finns en historik i Dalarna av att "
        "kommunerna och regionen gemensamt har utarbetat tidigare handlingsplaner samt det "
        "förhållandet att både kommuner och regioner erhåller medel avseende denna inriktning, "
        "skulle en utvecklingsgrupp (”LAG Fortsatt arbete enligt handlingsplan psykisk hälsa”) "
        "kunna formeras med uppdraget att dels identifiera vilka insatser i tidigare "
        "handlingsplaner som bör utvecklas vidare, dels initiera/bedriva ett par eller flera av "
        "de identifierade insatserna under 2020. Det skulle också kunna innebära att ta fram en "
        "ny handlingsplan för det fortsatta arbetet i länet inom området för 2021.\n\n"
        "Då uppdraget får anses omfattande krävs en samordnare/processledare för föreslagen LAG. "
        "Avdelningen för hälsa och välfärd är ännu inte fullt bemannad varför regionen och "
        "kommunerna skulle kunna tillskjuta en del av sina respektive medel till en gemensam "
        "samordnare (75 %?) för att bedriva arbetet enligt ovan.\n\n"
        "Resterande belopp (efter avdrag för gemensam samordnare) fördelas ut till kommunerna "
        "avseende finansiering av kostnader för utveckling av mobila lösningar (t.ex. "
        "personalkostnader i mobila team?)",
    ),
    "kunskapsbaserad-vard": (
        "Kunskapsbaserad och säker hälso- och sjukvård och socialtjänst",
        "(Regionen har fått medel för motsvarande inriktning.)\n\n"
        "I överenskommelsen ingår en satsning på att förbättra möjligheterna för kommunerna (och "
        "regionerna) att bedriva en kunskapsbaserad god och säker vård och omsorg. Medel fördelas "
        "till (regioner) och kommuner för att stärka förutsättningar för en kunskapsbaserad "
        "liksom jämlik vård och omsorg. I detta ingår bl.a. att förstärka satsningar på arbetet "
        "med nationella riktlinjer gällande depression och ångestsyndrom, missbruk och beroende, "
        "schizofreni samt levnadsvanor. Vidare ska regioner och kommuner arbeta med "
        "implementering av den kunskap som finns kring patientsäkerhet. Medlen kan vidare "
        "användas till att förstärka regioners och kommuners arbete med systematisk uppföljning.",
        "Förslag att medlen fördelas ut till kommunerna för internt utvecklingsarbete inom "
        "inriktningen ifråga t.ex. utbildningar i patientsäkerhet, insatser i systematiskt "
        "utvecklingsarbete m.m. Då regionen har fått medel för motsvarande inriktning föreligger "
        "förutsättningar för lokal samverkan mellan kommun och region.",
    ),
}
OTHER = (
    "Utvecklingsledare från Hälsa och välfärd ansvarar för att samordna, sammanställa och skriva "
    "rapporten avseende de länsgemensamma insatserna liksom kommunernas insatser (som ska lämnas "
    "den 31 mars 2021)."
)


def build_proposals() -> None:
    region = Region.objects.get(slug="dalarna")
    agreement = Agreement.objects.filter(name="ÖK 2020").first()
    if agreement is None or Proposal.objects.filter(region=region, agreement=agreement).exists():
        return
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    proposal = create_proposal(region, agreement, actor=coordinator)
    update_proposal(
        proposal,
        actor=coordinator,
        name=NAME,
        place="Falun",
        dated=datetime.date(2020, 6, 22),
        reporting_text=REPORTING,
        other_heading="Övrigt – redovisning",
        other_text=OTHER,
    )
    for part in proposal.directions.select_related("direction"):
        if part.direction is None or part.direction.code not in DIRECTIONS:
            continue
        title, description, proposed_use = DIRECTIONS[part.direction.code]
        update_proposal_direction(
            part,
            actor=coordinator,
            title=title,
            description=description,
            proposed_use=proposed_use,
        )
    adopt_proposal(
        proposal,
        actor=coordinator,
        adopted_by="Chefsnätverket",
        adopted_on=datetime.date(2020, 6, 26),
    )
