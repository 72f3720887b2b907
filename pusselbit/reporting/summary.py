"""The compiled county report's answers summarised per question, for the PDF: one row per
question with how many answered and what they answered together (sums and means of numbers and
amounts, the shares of yes and no, the count of each choice). Every recipient's own answer is
in the Excel file (and the Word file), which the PDF refers to; a PDF of 290 × 40 answer tables
ran to hundreds of pages and minutes of WeasyPrint."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from pusselbit.core.formatting import format_money, format_number
from pusselbit.documents.context import Table, Text

from .enums import AnswerType

SUMMARY_HEADER = ["Fråga", "Besvarad av", "Sammanfattning"]
REFERENCE = (
    "Den här PDF-filen sammanfattar svaren fråga för fråga. Varje mottagares svar på varje "
    "fråga finns i Excel-filen (och i Word-filen) från samma sammanställning."
)
TEXT_ANSWERS = "Fritextsvar: läs dem i Excel-filen."
NO_ANSWERS = "Inga svar."
CENT = Decimal("0.01")


def summary_table(compiled, title: str, questions: list) -> Table:
    """One row per question of a section: the question, "287 av 290" (of the recipients who
    submitted), and the summary of their answers."""
    reports = list(compiled.reports.values())
    rows = []
    for question in questions:
        answers = [compiled.answers.get((report.pk, question.pk)) for report in reports]
        given = [a for a in answers if a is not None and a.display != ""]
        rows.append(
            [
                f"{question.code} {question.text}",
                f"{len(given)} av {len(reports)}",
                summarise(question.answer_type, given),
            ]
        )
    return Table(caption=f"Svar per fråga: {title}", header=SUMMARY_HEADER, rows=rows)


def summarise(kind: str, answers: list) -> str:
    if not answers:
        return NO_ANSWERS
    if kind in (AnswerType.NUMBER, AnswerType.AMOUNT):
        return _numbers(kind, [a.number for a in answers])
    if kind == AnswerType.YES_NO:
        yes = sum(1 for a in answers if a.yes)
        no = len(answers) - yes
        return f"Ja {yes} ({_percent(yes, len(answers))}), nej {no} ({_percent(no, len(answers))})"
    if kind == AnswerType.CHOICE:
        counts = Counter(a.text for a in answers).most_common()
        return "\n".join(f"{choice}: {count}" for choice, count in counts)
    return TEXT_ANSWERS


def _numbers(kind: str, numbers: list[Decimal]) -> str:
    if kind == AnswerType.AMOUNT:

        def shown(value):
            return format_money(value, language="sv")
    else:

        def shown(value):
            return format_number(value.normalize(), language="sv")

    total = sum(numbers, Decimal(0))
    mean = (total / len(numbers)).quantize(CENT, rounding=ROUND_HALF_UP)
    return (
        f"Summa {shown(total)}\nMedel {shown(mean)}\n"
        f"Lägst {shown(min(numbers))}, högst {shown(max(numbers))}"
    )


def _percent(part: int, whole: int) -> str:
    return f"{format_number(round(100 * part / whole), language='sv')}\xa0%"


def reference() -> Text:
    return Text(REFERENCE)
