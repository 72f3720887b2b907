"""Importing a national question set from a spreadsheet, for the county coordinator."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.core.permissions import check
from pusselbit.funds.models import Agreement
from pusselbit.organisations.queries import region_for

from .domain import QuestionSetFileError, import_question_set
from .domain.question_sets import COLUMNS
from .models import QuestionSet


class QuestionSetForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    issuer = forms.CharField(
        label=gettext_lazy("Issued by"),
        max_length=200,
        help_text=gettext_lazy("E.g. SKR, Folkhälsomyndigheten, Socialstyrelsen"),
    )
    agreement = forms.ModelChoiceField(
        Agreement.objects.all(), required=False, label=gettext_lazy("Agreement")
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (.xlsx or .csv)"),
        help_text=gettext_lazy("Columns: %(columns)s. A file with a bad row is refused whole.")
        % {"columns": ", ".join(COLUMNS)},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Choose an .xlsx or a .csv file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


@login_required
def import_view(request, region_slug):
    region = region_for(request.user, region_slug)
    check(request, "reporting.manage_reporting", region)
    form = QuestionSetForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            question_set = import_question_set(
                form.cleaned_data["name"],
                form.cleaned_data["issuer"],
                upload.name,
                upload.read(),
                actor=request.user,
                agreement=form.cleaned_data["agreement"],
            )
        except QuestionSetFileError as error:
            form.add_error("file", str(error))
        else:
            count = sum(s.questions.count() for s in question_set.sections.all())
            messages.success(
                request,
                _("%(name)s is imported with %(count)d questions.")
                % {"name": question_set.name, "count": count},
            )
            return redirect("reporting:question_sets", region.slug)
    question_sets = QuestionSet.objects.prefetch_related("sections__questions")
    return render(
        request,
        "reporting/question_sets.html",
        {"region": region, "form": form, "question_sets": question_sets},
    )
