"""The compiled county report: every recipient's answer per question, the money per direction
and recipient, and the gender-equality answers gathered — as a document (PDF and Word through
pusselbit.documents) and as a spreadsheet with one row per recipient and question.

Each recipient counts with its newest submitted version; one not submitted is said to be so."""

import io
from dataclasses import dataclass

from django.utils import timezone

from pusselbit.core.formatting import format_money
from pusselbit.core.spreadsheets import xlsx_row
from pusselbit.documents.context import Document, Section, Table, Text, filename_for
from pusselbit.funds.queries import ledger

from .models import Answer, Question, Report, ReportStatus

NOT_SUBMITTED = "Ej inlämnad"


@dataclass
class Compiled:
    requirement: object
    recipients: list  # organisations, in name order
    questions: list  # in the question set's order
    reports: dict  # recipient id → the newest submitted Report
    answers: dict  # (report id, question id) → Answer

    def answer(self, recipient, question) -> str:
        report = self.reports.get(recipient.pk)
        if report is None:
            return NOT_SUBMITTED
        answer = self.answers.get((report.pk, question.pk))
        return answer.display if answer else ""


def compile_reports(requirement) -> Compiled:
    """Everything the compiled report shows, in four queries however many recipients."""
    recipients = sorted(requirement.recipients.all(), key=lambda o: o.name)
    questions = list(
        Question.objects.filter(section__question_set=requirement.question_set)
        .select_related("section")
        .order_by("section__order", "order", "pk")
    )
    reports = {}
    for report in Report.objects.filter(
        requirement=requirement, status=ReportStatus.SUBMITTED
    ).order_by("version"):
        reports[report.recipient_id] = report  # the newest version wins
    answers = {
        (a.report_id, a.question_id): a
        for a in Answer.objects.filter(report__in=list(reports.values())).select_related("question")
    }
    return Compiled(requirement, recipients, questions, reports, answers)


def _title(requirement) -> str:
    kind = requirement.get_kind_display().lower()
    return f"Sammanställd {kind} {requirement.agreement.name} {requirement.region.name}"


def compiled_filename(requirement) -> str:
    """`sammanstalld-slutredovisning-ok-2020-region-dalarna`, as the documents name theirs."""
    return filename_for(_title(requirement))


def compiled_document(requirement, compiled: Compiled | None = None) -> Document:
    compiled = compiled or compile_reports(requirement)
    region, agreement = requirement.region, requirement.agreement
    sections, gathered = [], []
    by_section = {}
    for question in compiled.questions:
        by_section.setdefault(question.section, []).append(question)
    for section, questions in by_section.items():
        blocks = [
            Table(
                caption=f"{q.code} {q.text}",
                header=["Mottagare", "Svar"],
                rows=[[r.name, compiled.answer(r, q)] for r in compiled.recipients],
            )
            for q in questions
        ]
        (gathered if section.gender_equality else sections).append(Section(section.title, blocks))
    money_rows = [
        [
            row.share.allocation.funds.direction.name,
            row.share.recipient.name,
            format_money(row.allocated),
            format_money(row.committed),
            format_money(row.spent),
            format_money(row.unspent),
        ]
        for row in ledger(region, agreement)
    ]
    submitted = sum(1 for r in compiled.recipients if r.pk in compiled.reports)
    return Document(
        title=_title(requirement),
        kind="Sammanställd redovisning",
        name=f"{requirement.get_kind_display()} {agreement.name}",
        sender=region.name,
        dated=timezone.localdate(),
        facts=[
            ("Sista dag", requirement.deadline.isoformat()),
            ("Inlämnade", f"{submitted} av {len(compiled.recipients)}"),
        ],
        preamble=[
            Text(
                f"Frågeunderlag: {requirement.question_set.name} "
                f"({requirement.question_set.issuer})."
            )
        ],
        sections=[
            *sections,
            Section(
                "Medel per inriktning och mottagare",
                [
                    Table(
                        caption=f"Medel {agreement.name}",
                        rows=money_rows,
                        numeric=(2, 3, 4, 5),
                        landscape=True,  # too wide for a portrait page: a landscape section
                        header=[
                            "Inriktning",
                            "Mottagare",
                            "Fördelat",
                            "Uppbundet",
                            "Förbrukat",
                            "Oförbrukat",
                        ],
                    )
                ],
            ),
            *[Section(f"Jämställdhet: {s.heading}", s.blocks) for s in gathered],
        ],
    )


def compiled_xlsx(requirement, compiled: Compiled | None = None) -> bytes:
    """One row per recipient and question, with the report's status and registration."""
    from openpyxl import Workbook

    compiled = compiled or compile_reports(requirement)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    header = ["Mottagare", "Kod", "Avsnitt", "Fråga", "Svar", "Status", "Diarienummer", "Inlämnad"]
    sheet.append(header)
    # Names, question texts and answers are typed by people: xlsx_row keeps them text.
    for recipient in compiled.recipients:
        report = compiled.reports.get(recipient.pk)
        status = "Inlämnad" if report else NOT_SUBMITTED
        for question in compiled.questions:
            answer = compiled.answers.get((report.pk, question.pk)) if report else None
            value = ""
            if answer is not None:
                value = answer.number if answer.number is not None else answer.display
            sheet.append(
                xlsx_row(
                    sheet,
                    [
                        recipient.name,
                        question.code,
                        question.section.title,
                        question.text,
                        value,
                        status,
                        report.registration_number if report else "",
                        report.submitted_at.date() if report else None,
                    ],
                )
            )
    workbook.properties.title = f"{requirement} – sammanställning"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
