"""Messages made at import time stay in the language active then; these are made when shown."""

from django.utils import translation

from pusselbit.initiatives.views.ideas import CONCURRENT_EDIT
from pusselbit.reporting.forms import QuestionSetForm


def in_both(make) -> tuple[str, str]:
    with translation.override("en"):
        english = str(make())
    with translation.override("sv"):
        swedish = str(make())
    return english, swedish


def test_concurrent_edit_message_follows_the_active_language():
    english, swedish = in_both(lambda: CONCURRENT_EDIT)
    assert english.startswith("Someone else saved this text")
    assert swedish != english and not swedish.startswith("Someone")


def test_question_set_file_help_follows_the_active_language():
    english, swedish = in_both(lambda: QuestionSetForm().fields["file"].help_text)
    assert english.startswith("Columns: ")
    assert swedish != english and not swedish.startswith("Columns")
