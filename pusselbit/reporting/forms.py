"""The report form, built from the question set (one field per question, grouped by section),
and the county coordinator's forms: a reporting requirement, a question set to import, a
precondition."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.fields import DateInput, OneLineField, SwedishDecimalField
from pusselbit.core.formatting import format_long_date, swedish_sort_key
from pusselbit.core.submissions import OnceForm
from pusselbit.funds.models import Agreement, RegionFunds
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation

from .domain.question_sets import COLUMNS
from .domain.requirements import (
    NARRATIVE_MAX,
    locked_reason,
    narrative_version,
    parse_reminder_days,
    reportable_organisations,
    requirement_version,
)
from .enums import AnswerType, RequirementKind
from .models import Precondition, QuestionSet, Requirement

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


# The reporting requirement ------------------------------------------------------------------
KIND_ORDER = {OrganisationKind.REGION: 0, OrganisationKind.MUNICIPALITY: 1}
DEFAULT_REMINDERS = "30, 7, 1"


class QuestionSetField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.issuer}"


class RequirementForm(OnceForm):
    agreement = forms.ModelChoiceField(Agreement.objects.none(), label=gettext_lazy("Agreement"))
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of report"),
        choices=RequirementKind.choices,
        widget=forms.RadioSelect,
    )
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"),
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        help_text=gettext_lazy("The last day to submit the report, e.g. 2021-03-31."),
    )
    question_set = QuestionSetField(
        QuestionSet.objects.none(),
        label=gettext_lazy("Question set"),
        help_text=gettext_lazy("The questions the report answers: a national set or your own."),
    )
    recipients = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=gettext_lazy("Who must report"),
        widget=forms.CheckboxSelectMultiple,
    )
    remind_days_before = OneLineField(
        label=gettext_lazy("Reminders, days before the deadline"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Whole days separated by commas, e.g. 30, 7, 1. Leave empty for no reminders "
            "before the deadline; those who are late are reminded either way."
        ),
    )
    precondition_for_next_year = forms.BooleanField(
        label=gettext_lazy("Needed for next year's funds"),
        required=False,
        help_text=gettext_lazy("A submitted report is then a precondition for next year's funds."),
    )
    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, region, requirement=None, locked=False, **kwargs):
        if requirement is None:
            kwargs.setdefault("initial", _initial_for_new(region))
        else:
            kwargs.setdefault("initial", _initial_for(requirement))
        super().__init__(*args, **kwargs)
        has_funds = RegionFunds.objects.filter(agreement=OuterRef("pk"), region=region)
        # The agreements that bring the region funds come first.
        self.fields["agreement"].queryset = Agreement.objects.annotate(
            has_funds=Exists(has_funds)
        ).order_by("-has_funds", "-year", "name")
        sets = QuestionSet.objects.for_region(region)
        if requirement is not None:  # the set chosen before stays, as the domain keeps it
            sets = sets | QuestionSet.objects.filter(pk=requirement.question_set_id)
        self.fields["question_set"].queryset = sets
        self._set_recipients(region, requirement)
        if requirement is None:
            del self.fields["edit_version"]
        else:  # a change is guarded by the edit version instead
            del self.fields["submission"]
        if locked:
            for name in ("agreement", "question_set"):
                self.fields[name].disabled = True
                self.fields[name].help_text = locked_reason()

    def _set_recipients(self, region, requirement):
        """The region's organisations that can report (and any recipient set up before
        under other rules, so saving does not drop it), the region first, then its
        municipalities and associations in Swedish order."""
        field = self.fields["recipients"]
        current = list(requirement.recipients.values_list("pk", flat=True)) if requirement else []
        field.queryset = Organisation.objects.filter(
            Q(pk__in=reportable_organisations(region)) | Q(pk__in=current)
        )
        ordered = sorted(
            field.queryset,
            key=lambda o: (KIND_ORDER.get(o.kind, 2), swedish_sort_key(o.name)),
        )
        field.choices = [(o.pk, o.name) for o in ordered]

    def clean_remind_days_before(self):
        try:
            return parse_reminder_days(self.cleaned_data["remind_days_before"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error

    def requirement_fields(self) -> dict:
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("edit_version", "submission")
        }


def _initial_for_new(region) -> dict:
    chosen = reportable_organisations(region).filter(
        kind__in=[OrganisationKind.REGION, OrganisationKind.MUNICIPALITY]
    )
    return {
        "recipients": list(chosen.values_list("pk", flat=True)),
        "remind_days_before": DEFAULT_REMINDERS,
    }


def _initial_for(requirement) -> dict:
    return {
        "agreement": requirement.agreement_id,
        "kind": requirement.kind,
        "deadline": requirement.deadline,
        "question_set": requirement.question_set_id,
        "recipients": list(requirement.recipients.values_list("pk", flat=True)),
        "remind_days_before": ", ".join(str(d) for d in requirement.remind_days_before or []),
        "precondition_for_next_year": requirement.precondition_for_next_year,
        "edit_version": requirement_version(requirement),
    }


# Question sets and preconditions ------------------------------------------------------------
class QuestionSetForm(forms.Form):
    name = OneLineField(label=gettext_lazy("Name"), max_length=200)
    issuer = OneLineField(
        label=gettext_lazy("Issued by"),
        max_length=200,
        help_text=gettext_lazy("E.g. SKR, Folkhälsomyndigheten, Socialstyrelsen"),
    )
    agreement = forms.ModelChoiceField(
        Agreement.objects.all(), required=False, label=gettext_lazy("Agreement")
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        # Filled in when shown, in the page's language: `gettext_lazy(…) % {…}` is a plain
        # string made in the language active when the module was imported.
        help_text=lazy(
            lambda: (
                _("Columns: %(columns)s. A file with a bad row is refused whole.")
                % {"columns": ", ".join(COLUMNS)}
            ),
            str,
        )(),
    )

    national = forms.BooleanField(
        label=gettext_lazy("National question set"),
        required=False,
        help_text=gettext_lazy(
            "For every region's requirements. Leave unticked for a set of this region alone."
        ),
    )

    def __init__(self, *args, national_allowed=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not national_allowed:
            del self.fields["national"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Choose an .xlsx or a .csv file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PreconditionForm(forms.Form):
    text = OneLineField(
        label=gettext_lazy("New precondition"),
        max_length=300,
        help_text=gettext_lazy(
            "A basic requirement of the agreement that each recipient must meet, e.g. "
            "“The action plan is adopted”."
        ),
    )
    requirement = forms.ModelChoiceField(
        label=gettext_lazy("Met by submitting a report"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("No: checked by hand"),
        help_text=gettext_lazy(
            "E.g. “The partial report is submitted”: choose that report, and each recipient "
            "meets the precondition by submitting it."
        ),
    )

    def __init__(self, *args, region=None, agreement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = Requirement.objects.filter(
            region=region, agreement=agreement
        ).select_related("agreement")
        self.fields["requirement"].label_from_instance = lambda requirement: (
            _("%(kind)s, last day %(deadline)s")
            % {
                "kind": requirement.get_kind_display(),
                "deadline": format_long_date(requirement.deadline),
            }
        )


class PreconditionChecksForm(OnceForm):
    """Many recipients marked at once against one precondition: a checkbox per recipient."""

    precondition = forms.ModelChoiceField(label=gettext_lazy("Precondition"), queryset=None)
    recipients = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Recipients"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one recipient.")},
    )
    met = forms.TypedChoiceField(
        label=gettext_lazy("Mark them as"),
        choices=[("1", gettext_lazy("Met")), ("0", gettext_lazy("Not met"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = OneLineField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args, preconditions, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["precondition"].queryset = Precondition.objects.filter(
            pk__in=[p.pk for p in preconditions]
        )
        self.fields["recipients"].queryset = Organisation.objects.filter(
            pk__in=[r.pk for r in recipients]
        )


class NarrativeForm(forms.Form):
    """The development lead's report text, which the compiled county report opens with."""

    narrative = forms.CharField(
        label=gettext_lazy("The county's report"),
        required=False,
        max_length=NARRATIVE_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=gettext_lazy(
            "The compiled county report opens with this text. Blank lines part paragraphs; "
            "lines that begin with “- ” make a list."
        ),
    )
    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, requirement, **kwargs):
        kwargs.setdefault(
            "initial",
            {"narrative": requirement.narrative, "edit_version": narrative_version(requirement)},
        )
        super().__init__(*args, **kwargs)
