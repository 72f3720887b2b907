"""A national question set from a spreadsheet (.xlsx or .csv): all rows or none.

Columns: section, code, question, help_text, answer_type, required, choices
(answer_type: text, number, amount, yes_no, choice; required: yes/no/ja/nej/1/0; choices
separated by |). A section whose name contains "jämställd" (or "gender equality") is the
report's gender-equality section."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from pusselbit.core import audit
from pusselbit.core.permissions import require
from pusselbit.core.spreadsheets import SpreadsheetRefused, columns, filled_rows, read_table

from ..enums import AnswerType
from ..models import Question, QuestionSet, Section

COLUMNS = ["section", "code", "question", "help_text", "answer_type", "required", "choices"]
NEEDED = {"section", "code", "question", "answer_type"}
TRUE = {"yes", "ja", "1", "true", "x"}
FALSE = {"no", "nej", "0", "false", ""}


class QuestionSetFileError(SpreadsheetRefused):
    """The file is refused whole; the message names the row ("Row 4: reason")."""


@dataclass
class QuestionRow:
    row: int
    section: str
    code: str
    text: str
    help_text: str
    answer_type: str
    required: bool
    choices: list[str] = field(default_factory=list)


def parse_question_rows(name: str, content: bytes) -> list[QuestionRow]:
    try:
        rows = read_table(name, content)
        index = columns(rows[0], sorted(NEEDED))
    except SpreadsheetRefused as error:
        raise QuestionSetFileError(error.reason, error.row) from error
    parsed, codes = [], {}
    for number, row in filled_rows(rows):

        def cell(column, row=row):
            position = index.get(column)
            return row[position].strip() if position is not None and position < len(row) else ""

        section, code, text = cell("section"), cell("code"), cell("question")
        answer_type, required = cell("answer_type").lower(), cell("required").lower()
        if not section or not code or not text:
            raise QuestionSetFileError(
                _("section, code and question must all be filled in."), row=number
            )
        if code in codes:
            raise QuestionSetFileError(
                _("the code %(code)s appears again (first on row %(first)d).")
                % {"code": code, "first": codes[code]},
                row=number,
            )
        codes[code] = number
        if answer_type not in AnswerType.values:
            raise QuestionSetFileError(
                _("unknown answer type %(type)r; use one of %(types)s.")
                % {"type": answer_type, "types": ", ".join(AnswerType.values)},
                row=number,
            )
        if required not in TRUE | FALSE:
            raise QuestionSetFileError(
                _("required must be yes or no, not %(value)r.") % {"value": required}, row=number
            )
        choices = [c.strip() for c in cell("choices").split("|") if c.strip()]
        if answer_type == AnswerType.CHOICE and len(choices) < 2:
            raise QuestionSetFileError(
                _("a choice question needs at least two choices, separated by |."), row=number
            )
        parsed.append(
            QuestionRow(
                row=number,
                section=section,
                code=code,
                text=text,
                help_text=cell("help_text"),
                answer_type=answer_type,
                required=required in TRUE if "required" in index else True,
                choices=choices,
            )
        )
    if not parsed:
        raise QuestionSetFileError(_("The file has no questions."), row=2)
    return parsed


@transaction.atomic
def import_question_set(
    name: str, issuer: str, file_name: str, content: bytes, *, actor, region=None, agreement=None
) -> QuestionSet:
    """A new question set of `region`, or a national one (region None), which only the platform
    operator imports (reporting.rules). Parse first, write after: a file with one bad row writes
    nothing. Side effects: the audit entry reporting.question_set_imported."""
    require(actor, "reporting.import_question_set", region)
    rows = parse_question_rows(file_name, content)
    question_set = QuestionSet.objects.create(
        name=name, issuer=issuer, agreement=agreement, region=region
    )
    sections: dict[str, Section] = {}
    for row in rows:
        if row.section not in sections:
            lowered = row.section.lower()
            sections[row.section] = Section.objects.create(
                question_set=question_set,
                title=row.section,
                order=len(sections),
                gender_equality="jämställd" in lowered or "gender equality" in lowered,
            )
    questions = _gender_equality_if_missing(question_set, sections, rows)
    Question.objects.bulk_create(questions)
    audit.record(
        "reporting.question_set_imported",
        question_set,
        actor=actor,
        name=name,
        region=region.name if region else None,
        questions=len(questions),
    )
    return question_set


# Every report sheds light on gender equality "where suitable" (Dalarna seed, section 2, point
# 3): the section is always there, its questions not required.
GENDER_EQUALITY = "Jämställdhet"
GENDER_EQUALITY_QUESTIONS = [
    ("J.1", "Hur har jämställdhetsperspektivet belysts i arbetet?"),
    ("J.2", "Hur har arbetet bidragit till det jämställdhetspolitiska delmålet jämställd hälsa?"),
]


def _gender_equality_if_missing(question_set, sections, rows) -> list[Question]:
    """The file's questions, plus a gender-equality section when the file has none."""
    questions = [
        Question(
            section=sections[row.section],
            code=row.code,
            text=row.text,
            help_text=row.help_text,
            answer_type=row.answer_type,
            choices=row.choices,
            required=row.required,
            order=n,
        )
        for n, row in enumerate(rows)
    ]
    if any(section.gender_equality for section in sections.values()):
        return questions
    section = Section.objects.create(
        question_set=question_set, title=GENDER_EQUALITY, order=len(sections), gender_equality=True
    )
    codes = {row.code for row in rows}
    for n, (code, text) in enumerate(GENDER_EQUALITY_QUESTIONS, start=len(rows)):
        questions.append(
            Question(
                section=section,
                code=code if code not in codes else f"{code}*",
                text=text,
                answer_type="text",
                required=False,
                order=n,
            )
        )
    return questions
