"""ÖK 2020 reporting for Region Dalarna (Dalarna seed, section 2): the final report due
31 March 2021 from each municipality and the region, a sample national question set, the basic
requirements for next year's funds, and reports in every state: submitted, draft, late."""

import datetime
from decimal import Decimal
from importlib import resources

from pusselbit.accounts.models import User
from pusselbit.funds.models import Agreement
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Region
from pusselbit.reporting.domain import (
    import_question_set,
    save_answers,
    start_report,
    submit_report,
)
from pusselbit.reporting.domain.preconditions import add_precondition
from pusselbit.reporting.domain.requirements import create_requirement, write_narrative
from pusselbit.reporting.models import Requirement

PRECONDITIONS = [
    "Grundläggande krav enligt avsnitt 3–6 i överenskommelsen är uppfyllda",
    "Delredovisningen är inlämnad",
]
# The development lead's own report (the seed's 4.6: the lead "samordnar, sammanställer och
# skriver rapporten"), which the compiled county report opens with. An example text.
NARRATIVE = """Utvecklingsledaren vid Hälsa och välfärd har samordnat, sammanställt och skrivit \
rapporten om de länsgemensamma insatserna och kommunernas insatser inom ÖK Psykisk hälsa 2020.

Kommunerna och regionen har redovisat genomförda insatser utifrån frågeunderlaget från SKR, \
Folkhälsomyndigheten och Socialstyrelsen. Jämställdhetsperspektivet belyses i ett eget avsnitt.

- Länsgemensamma insatser: samverkan kring personer med samsjuklighet
- Kommunernas insatser: mobila lösningar och internt utvecklingsarbete"""
SUBMITTED = {"Borlänge": "KS 2021/118", "Mora": "KS 2021/64", "Avesta": "KS 2021/201"}
DRAFT = {"Ludvika"}


def _answers(municipality: str) -> dict[str, str]:
    return {
        "1.1": f"{municipality} har utvecklat samtalsstöd för unga vuxna och utbildat personal i "
        "suicidprevention.",
        "1.2": "240",
        "1.3": "ja",
        "1.4": "I viss grad",
        "2.1": "350000",
        "3.1": "Statistiken över deltagarna redovisas uppdelad på kön.",
        "3.2": "Fler unga män har nåtts än tidigare, en grupp som sällan söker stöd.",
    }


def build_reporting() -> None:
    region = Region.objects.get(slug="dalarna")
    agreement = Agreement.objects.filter(name="ÖK 2020").first()
    if agreement is None or Requirement.objects.filter(region=region, agreement=agreement).exists():
        return
    coordinator = User.objects.get(username="dalarna-lanssamordnare")
    content = (
        resources.files("pusselbit.reporting")
        .joinpath("data", "exempel_fragor_ok2020.csv")
        .read_bytes()
    )
    question_set = import_question_set(
        "ÖK 2020 – frågeunderlag för slutredovisning (exempel)",
        "SKR",
        "exempel.csv",
        content,
        actor=coordinator,
        region=region,
        agreement=agreement,
    )
    recipients = list(
        region.organisations.filter(
            kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION]
        )
    )
    requirement = create_requirement(
        coordinator,
        region,
        agreement=agreement,
        kind="final",
        deadline=datetime.date(2021, 3, 31),
        question_set=question_set,
        recipients=recipients,
        remind_days_before=[30, 7, 1],
        precondition_for_next_year=True,
    )
    write_narrative(coordinator, requirement, NARRATIVE)
    # The seed's "delredovisningen inlämnas (se ovan p 2)" points at the report required above:
    # its submission meets the precondition by itself, nobody ticks it by hand.
    basic, submitted = PRECONDITIONS
    add_precondition(coordinator, region, agreement, basic)
    add_precondition(coordinator, region, agreement, submitted, requirement=requirement)
    by_name = {o.name: o for o in recipients}
    for name, number in SUBMITTED.items():
        report = start_report(requirement, by_name[name], actor=coordinator)
        save_answers(report, _answers(name), actor=coordinator)
        submit_report(report, actor=coordinator, registration_number=number)
    for name in DRAFT:
        report = start_report(requirement, by_name[name], actor=coordinator)
        save_answers(
            report, {"1.1": f"{name}: utkast", "2.1": str(Decimal("120000"))}, actor=coordinator
        )
