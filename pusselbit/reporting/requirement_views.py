"""The county coordinator's pages for setting up a reporting requirement: who reports on which
question set under which agreement, by when, and when they are reminded. Another region's page
is a 404; without the role to manage reporting, a 403."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.formatting import format_long_date, swedish_sort_key
from pusselbit.core.forms import add_errors
from pusselbit.core.permissions import check
from pusselbit.funds.models import Agreement, RegionFunds
from pusselbit.organisations.enums import OrganisationKind
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import region_for

from . import queries
from .domain.requirements import (
    create_requirement,
    locked_reason,
    parse_reminder_days,
    remove_requirement,
    reportable_organisations,
    requirement_version,
    update_requirement,
)
from .models import QuestionSet, Report, RequirementKind

KIND_ORDER = {OrganisationKind.REGION: 0, OrganisationKind.MUNICIPALITY: 1}
DEFAULT_REMINDERS = "30, 7, 1"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class QuestionSetField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}, {obj.issuer}"


class RequirementForm(forms.Form):
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
        QuestionSet.objects.all(),
        label=gettext_lazy("Question set"),
        help_text=gettext_lazy("The national questions the report answers."),
    )
    recipients = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=gettext_lazy("Who must report"),
        widget=forms.CheckboxSelectMultiple,
    )
    remind_days_before = forms.CharField(
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
        self._set_recipients(region, requirement)
        if requirement is None:
            del self.fields["edit_version"]
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
        return {k: v for k, v in self.cleaned_data.items() if k != "edit_version"}


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


def _managed_region(request, region_slug):
    region = region_for(request.user, region_slug)
    check(request, "reporting.manage_reporting", region)
    return region


@login_required
def create_view(request, region_slug):
    region = _managed_region(request, region_slug)
    form = RequirementForm(request.POST or None, region=region)
    if form.is_valid():
        try:
            requirement = create_requirement(
                actor=request.user, region=region, **form.requirement_fields()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The reporting requirement is saved: %(requirement)s.")
                % {"requirement": _describe(requirement)},
            )
            return redirect("reporting:overview", region.slug)
    return render(request, "reporting/requirement_form.html", {"region": region, "form": form})


@login_required
def edit_view(request, region_slug, requirement_pk):
    region = _managed_region(request, region_slug)
    requirement = queries.requirement_in(region, requirement_pk)
    locked = Report.objects.filter(requirement=requirement).exists()
    form = RequirementForm(
        request.POST or None, region=region, requirement=requirement, locked=locked
    )
    conflict = False
    if form.is_valid():
        try:
            requirement = update_requirement(
                actor=request.user,
                requirement=requirement,
                expected_version=form.cleaned_data["edit_version"],
                **form.requirement_fields(),
            )
        except ValidationError as error:
            conflict = getattr(error, "code", None) == "conflict"
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("The changes are saved: %(requirement)s.")
                % {"requirement": _describe(requirement)},
            )
            return redirect("reporting:overview", region.slug)
    context = {
        "region": region,
        "form": form,
        "requirement": requirement,
        "locked": locked,
        "conflict": conflict,
    }
    return render(request, "reporting/requirement_form.html", context)


@login_required
def remove_view(request, region_slug, requirement_pk):
    """Asks first (GET), removes on POST; a requirement with reports says why it stays."""
    region = _managed_region(request, region_slug)
    requirement = queries.requirement_in(region, requirement_pk)
    error = ""
    if request.method == "POST":
        description = _describe(requirement)
        try:
            remove_requirement(actor=request.user, requirement=requirement)
        except ValidationError as refused:
            error = refused.messages[0]
        else:
            messages.success(
                request,
                _("The reporting requirement is removed: %(requirement)s.")
                % {"requirement": description},
            )
            return redirect("reporting:overview", region.slug)
    context = {
        "region": region,
        "requirement": requirement,
        "description": _describe(requirement),
        "has_reports": Report.objects.filter(requirement=requirement).exists(),
        "error": error,
    }
    return render(request, "reporting/requirement_remove.html", context)


def _describe(requirement) -> str:
    """ "Final report, ÖK 2020, last day 31 March 2021" (in the page's language)."""
    return _("%(kind)s, %(agreement)s, last day %(deadline)s") % {
        "kind": requirement.get_kind_display(),
        "agreement": requirement.agreement,
        "deadline": format_long_date(requirement.deadline),
    }
