"""Importing a question set from a spreadsheet: the county coordinator imports the region's
own, the platform operator national ones (reporting.rules)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.organisations.queries import region_with

from ..domain import QuestionSetFileError, import_question_set
from ..forms import QuestionSetForm
from ..models import QuestionSet


@login_required
def import_view(request, region_slug):
    region = region_with(request, region_slug, "reporting.manage_reporting")
    form = QuestionSetForm(
        request.POST or None,
        request.FILES or None,
        national_allowed=request.user.has_perm("reporting.import_question_set", None),
    )
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            question_set = import_question_set(
                form.cleaned_data["name"],
                form.cleaned_data["issuer"],
                upload.name,
                upload.read(),
                actor=request.user,
                region=None if form.cleaned_data.get("national") else region,
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
    question_sets = QuestionSet.objects.for_region(region).prefetch_related("sections__questions")
    return render(
        request,
        "reporting/question_sets.html",
        {"region": region, "form": form, "question_sets": question_sets},
    )
