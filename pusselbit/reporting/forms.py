"""The report form, built from the question set: one field per question, grouped by section."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.fields import SwedishDecimalField

from .models import AnswerType

YES_NO = [("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No"))]


def field_name(question) -> str:
    return f"question_{question.pk}"


def _field_for(question) -> forms.Field:
    label = f"{question.code} {question.text}"
    if question.answer_type == AnswerType.AMOUNT:
        label = _("%(question)s (kr)") % {"question": label}
    help_text = question.help_text
    if question.required:
        needed = _("To be answered before the report is submitted.")
        help_text = f"{help_text} {needed}" if help_text else needed
    common = {"label": label, "help_text": help_text, "required": False}
    if question.answer_type in (AnswerType.NUMBER, AnswerType.AMOUNT):
        return SwedishDecimalField(max_digits=16, decimal_places=2, **common)
    if question.answer_type == AnswerType.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if question.answer_type == AnswerType.CHOICE:
        return forms.ChoiceField(
            choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)


class ReportForm(forms.Form):
    """Every field is optional here: a draft may be partial. Which answers a submitted report
    needs is the domain's rule (submit_report), shown next to the fields it names."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.code_to_field = {}
        initial_answers = initial_answers or {}
        for question in questions:
            name = field_name(question)
            self.code_to_field[question.code] = name
            self.fields[name] = _field_for(question)
            if question.code in initial_answers:
                self.initial[name] = initial_answers[question.code]

    def sections(self) -> list[tuple]:
        """[(section, [bound field, …]), …] in the question set's order."""
        grouped: dict[int, tuple] = {}
        for question in self.questions:
            entry = grouped.setdefault(question.section_id, (question.section, []))
            entry[1].append(self[field_name(question)])
        return list(grouped.values())

    def answers(self) -> dict:
        """question code → raw value for reporting.domain.save_answers."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            answers[question.code] = "" if value is None else value
        return answers

    def domain_error(self, error: ValidationError) -> ValidationError:
        """The domain names questions by code; the form names fields otherwise."""
        if not hasattr(error, "error_dict"):
            return error
        return ValidationError(
            {self.code_to_field.get(key, key): value for key, value in error.message_dict.items()}
        )
