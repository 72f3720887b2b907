"""A yes/no answer reads in the page's language (the compiled report is built in Swedish:
run_compilation runs under translation.override("sv"))."""

from django.utils import translation

from pusselbit.reporting.enums import AnswerType
from pusselbit.reporting.models import Answer, Question


def test_yes_no_answer_reads_in_the_active_language():
    question = Question(answer_type=AnswerType.YES_NO)
    with translation.override("en"):
        assert (
            Answer(question=question, yes=True).display,
            Answer(question=question, yes=False).display,
        ) == ("Yes", "No")
    with translation.override("sv"):
        assert Answer(question=question, yes=True).display == "Ja"
