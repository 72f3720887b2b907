"""The compiled county report: every recipient's answer per question, the money per direction
and recipient, and the gender-equality answers gathered — as a document (PDF and Word through
pusselbit.documents) and as a spreadsheet with one row per recipient and question.

Each recipient counts with its newest submitted version; one not submitted is said to be so."""

import io
from dataclasses import dataclass

from django.utils import timezone, translation

from pusselbit.core.formatting import format_iso_date, format_money, format_number
from pusselbit.core.spreadsheets import ILLEGAL_CHARACTERS_RE, read_as_formula
from pusselbit.documents.context import (
    Document,
    DocumentSection,
    Table,
    Text,
    filename_for,
    text_blocks,
)
from pusselbit.funds.queries import ledger

from .enums import AnswerType, ReportStatus
from .models import Answer, Question, Report
from .queries import submitted_late
from .summary import reference, summary_table

NOT_SUBMITTED = "Ej inlämnad"
SUBMITTED = "Inlämnad"
SUBMITTED_LATE = "Inlämnad sent"
NARRATIVE = "Länets redovisning"
GENDER_EQUALITY = "Jämställdhet"
NOT_YET_KNOWN = "Ej känt ännu"
# Excel number formats: the file holds numbers, and Swedish Excel shows them the Swedish way
# (812 400,00 kr) — the separators are the reader's locale's, the format says where they go.
XLSX_AMOUNT = '#,##0.00\\ "kr"'
XLSX_NUMBER = "#,##0.##"
XLSX_DATE = "yyyy-mm-dd"

# The money table's columns, in the document and in the workbook.
MONEY_HEADER = [
    "Inriktning",
    "Mottagare",
    "Fördelat",
    "Uppbundet",
    "Förbrukat",
    "Oförbrukat",
    "Att återbetala",
]


def answer_text(answer) -> str:
    """An answer as the documents print it: amounts and numbers the Swedish way
    (`812 400,00 kr`, `1 240`), yes or no in Swedish."""
    if answer is None:
        return ""
    kind = answer.question.answer_type
    if kind in (AnswerType.AMOUNT, AnswerType.NUMBER) and answer.number is not None:
        if kind == AnswerType.AMOUNT:
            return format_money(answer.number, language="sv")
        return format_number(answer.number.normalize(), language="sv")
    return answer.display


def status_text(report, deadline) -> str:
    if report is None:
        return NOT_SUBMITTED
    if submitted_late(report, deadline):
        return f"{SUBMITTED_LATE} {format_iso_date(timezone.localdate(report.submitted_at))}"
    return SUBMITTED


def gender_equality_heading(title: str) -> str:
    """The heading of a gathered gender-equality section, said once: a section titled
    "Jämställdhet" (or "Jämställd hälsa …") keeps its title, another one is prefixed."""
    if "jämställd" in title.casefold():
        return title
    return f"{GENDER_EQUALITY}: {title}"


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
        return answer_text(self.answers.get((report.pk, question.pk)))


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
    """The county report as a document, in Swedish whatever language asked for it: the Word
    file's content, with every recipient's answer to every question."""
    with translation.override("sv"):
        return _compiled_document(requirement, compiled or compile_reports(requirement))


def compiled_summary(requirement, compiled: Compiled | None = None) -> Document:
    """The county report as the PDF prints it: the same document, but each section's answers
    summarised in one table of a row per question (summary.py), and a note that every answer
    is in the Excel file. Readable, and made in seconds instead of minutes."""
    with translation.override("sv"):
        compiled = compiled or compile_reports(requirement)
        return _compiled_document(requirement, compiled, summary=True)


def _money(amount) -> str:
    return format_money(amount, language="sv")


def _compiled_document(requirement, compiled: Compiled, *, summary: bool = False) -> Document:
    region, agreement = requirement.region, requirement.agreement
    sections, gathered = [], []
    by_section = {}
    for question in compiled.questions:
        by_section.setdefault(question.section, []).append(question)
    for section, questions in by_section.items():
        if summary:
            blocks = [summary_table(compiled, section.title, questions)]
        else:
            blocks = [
                Table(
                    caption=f"{q.code} {q.text}",
                    header=["Mottagare", "Svar"],
                    rows=[[r.name, compiled.answer(r, q)] for r in compiled.recipients],
                )
                for q in questions
            ]
        (gathered if section.gender_equality else sections).append(
            DocumentSection(section.title, blocks)
        )
    money_rows = [
        [
            row.share.allocation.funds.direction.name,
            row.share.recipient.name,
            _money(row.allocated),
            _money(row.committed),
            _money(row.spent),
            _money(row.unspent),
            NOT_YET_KNOWN if row.to_repay is None else _money(row.to_repay),
        ]
        for row in ledger(region, agreement)
    ]
    submitted = sum(1 for r in compiled.recipients if r.pk in compiled.reports)
    late = sum(
        1 for report in compiled.reports.values() if submitted_late(report, requirement.deadline)
    )
    narrative = text_blocks(requirement.narrative or "")
    missing = [r.name for r in compiled.recipients if r.pk not in compiled.reports]
    notices = []
    if summary:
        notices.append(reference())
        if missing:
            notices.append(Text(", ".join(missing) + ".", lead=f"{NOT_SUBMITTED}:"))
    return Document(
        title=_title(requirement),
        kind="Sammanställd redovisning",
        name=f"{requirement.get_kind_display()} {agreement.name}",
        sender=region.name,
        dated=timezone.localdate(),
        facts=[
            ("Sista dag", format_iso_date(requirement.deadline)),
            ("Inlämnade", f"{submitted} av {len(compiled.recipients)}"),
            *([("Inlämnade sent", str(late))] if late else []),
        ],
        preamble=[
            Text(
                f"Frågeunderlag: {requirement.question_set.name} "
                f"({requirement.question_set.issuer})."
            ),
            *notices,
        ],
        sections=[
            # The development lead's own report comes first (the Dalarna seed, 4.6: the lead
            # "samordnar, sammanställer och skriver rapporten"); the answers back it up.
            *([DocumentSection(NARRATIVE, narrative)] if narrative else []),
            *sections,
            DocumentSection(
                "Medel per inriktning och mottagare",
                [
                    Table(
                        caption=f"Medel {agreement.name}",
                        rows=money_rows,
                        numeric=(2, 3, 4, 5, 6),
                        landscape=True,  # too wide for a portrait page: a landscape section
                        header=MONEY_HEADER,
                    )
                ],
            ),
            *[DocumentSection(gender_equality_heading(s.heading), s.blocks) for s in gathered],
        ],
    )


def compiled_xlsx(requirement, compiled: Compiled | None = None) -> bytes:
    """One row per recipient and question, with the report's status and registration, and the
    money per direction and recipient on a sheet of its own. Amounts, numbers and dates are
    cells of their kind (a sum works on them) with a format that Swedish Excel shows as
    `812 400,00 kr`."""
    with translation.override("sv"):
        return _compiled_xlsx(requirement, compiled or compile_reports(requirement))


def _compiled_xlsx(requirement, compiled: Compiled) -> bytes:
    # XlsxWriter, not openpyxl, for this one workbook: 290 recipients × 40 questions are about
    # 93 000 cells, and openpyxl's cell-by-cell writer alone took 3 s of them (XlsxWriter about
    # a third of that). Text is never read as a formula, a number or a link
    # (strings_to_formulas=False …): what people typed stays text.
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    formats = {
        "amount": workbook.add_format({"num_format": XLSX_AMOUNT}),
        "number": workbook.add_format({"num_format": XLSX_NUMBER}),
        "date": workbook.add_format({"num_format": XLSX_DATE}),
        # Text that Excel would take for a formula keeps Excel's quote prefix, as xlsx_row does.
        "quoted": workbook.add_format({"quote_prefix": True}),
    }
    write = _xlsx_writer(formats)
    sheet = workbook.add_worksheet("Svar")
    header = ["Mottagare", "Kod", "Avsnitt", "Fråga", "Svar", "Status", "Diarienummer", "Inlämnad"]
    for column, title in enumerate(header):
        sheet.write_string(0, column, title)
    row = 1
    for recipient in compiled.recipients:
        report = compiled.reports.get(recipient.pk)
        submitted = timezone.localdate(report.submitted_at) if report else None
        status = status_text(report, requirement.deadline)
        registration = report.registration_number if report else ""
        for question in compiled.questions:
            answer = compiled.answers.get((report.pk, question.pk)) if report else None
            write(sheet, row, 0, recipient.name)
            write(sheet, row, 1, question.code)
            write(sheet, row, 2, question.section.title)
            write(sheet, row, 3, question.text)
            if answer is not None and answer.number is not None:
                kind = "amount" if question.answer_type == AnswerType.AMOUNT else "number"
                write(sheet, row, 4, answer.number, kind)
            elif answer is not None:
                write(sheet, row, 4, answer.display)
            write(sheet, row, 5, status)
            write(sheet, row, 6, registration)
            write(sheet, row, 7, submitted, "date")
            row += 1
    money = workbook.add_worksheet("Medel")
    for column, title in enumerate(MONEY_HEADER):
        money.write_string(0, column, title)
    for number, line in enumerate(ledger(requirement.region, requirement.agreement), start=1):
        write(money, number, 0, line.share.allocation.funds.direction.name)
        write(money, number, 1, line.share.recipient.name)
        amounts = [line.allocated, line.committed, line.spent, line.unspent, line.to_repay]
        for column, amount in enumerate(amounts, start=2):
            write(money, number, column, amount, "amount")
    workbook.set_properties({"title": f"{requirement} – sammanställning"})
    workbook.close()
    return buffer.getvalue()


def _xlsx_writer(formats):
    """write(sheet, row, column, value, kind=None): a number or a date as a cell of its kind with
    its Swedish format; text as text (cleaned as core.spreadsheets does); nothing for empty."""

    def write(sheet, row, column, value, kind=None):
        if value is None or value == "":
            return
        if kind == "date":
            sheet.write_datetime(row, column, value, formats["date"])
        elif kind is not None:
            sheet.write_number(row, column, value, formats[kind])
        else:
            value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
            if read_as_formula(value):
                sheet.write_string(row, column, value, formats["quoted"])
            else:
                sheet.write_string(row, column, value)

    return write
