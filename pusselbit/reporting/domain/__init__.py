"""Every write to reporting goes through these functions."""

from .question_sets import QuestionSetFileError, import_question_set, parse_question_rows
from .reminders import due_reminders, send_reminders
from .reports import (
    ReportLocked,
    correct_report,
    save_answers,
    save_report,
    start_report,
    submit_report,
)

__all__ = [
    "QuestionSetFileError",
    "ReportLocked",
    "correct_report",
    "due_reminders",
    "import_question_set",
    "parse_question_rows",
    "save_answers",
    "save_report",
    "send_reminders",
    "start_report",
    "submit_report",
]
