from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pusselbit.accounts.rules import organisations_in
from pusselbit.core.concurrency import ConcurrentEdit
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import region_named

from .. import domain
from ..domain.ideas import IDEA_FIELDS
from ..forms.ideas import IdeaForm, NewIdeaForm, RegistrationForm
from .base import check, initiative_for, to_detail

# Lazy: built when the page is, in its language (not the language active at import).
CONCURRENT_EDIT = gettext_lazy(
    "Someone else saved this text after you opened it, so your changes were not saved. "
    "What you typed is kept below: copy it, open the page again to see theirs, and merge."
)


def idea_values(form) -> dict:
    data = form.cleaned_data
    return {
        **{name: data[name] for name in IDEA_FIELDS},
        "priority_areas": data["priority_areas"],
        "directions": data["directions"],
    }


@login_required
def create(request, region_slug):
    region = region_named(request, region_slug)
    check(request, "initiatives.create_initiative", region)
    organisations = Organisation.objects.filter(pk__in=organisations_in(request.user, region))
    form = NewIdeaForm(request.POST or None, organisations=organisations)
    if form.is_valid():
        try:
            initiative = domain.create_initiative(
                region,
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                submission=form.submission_key,
                **idea_values(form),
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, to_detail)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The idea is saved as a draft."))
            return to_detail(initiative)
    return render(request, "initiatives/idea_form.html", {"region": region, "form": form})


@login_required
def edit(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.change_idea", initiative)
    form = IdeaForm(request.POST or None, instance=initiative)
    if form.is_valid():
        try:
            domain.update_idea(
                initiative,
                actor=request.user,
                expected_version=form.cleaned_data["version"],
                **idea_values(form),
            )
        except ConcurrentEdit:
            form.add_error(None, CONCURRENT_EDIT)
        else:
            messages.success(request, _("The idea template is saved."))
            return to_detail(initiative, "idea")
    return render(
        request,
        "initiatives/idea_form.html",
        {"region": initiative.region, "initiative": initiative, "form": form},
    )


@login_required
def registration(request, region_slug, pk):
    initiative = initiative_for(request, region_slug, pk)
    check(request, "initiatives.set_registration_number", initiative)
    form = RegistrationForm(
        request.POST or None, initial={"registration_number": initiative.registration_number}
    )
    if form.is_valid():
        domain.set_registration_number(
            initiative, form.cleaned_data["registration_number"], actor=request.user
        )
        return to_detail(initiative)
    return render(
        request,
        "initiatives/simple_form.html",
        {
            "initiative": initiative,
            "form": form,
            "title": _("Registration number"),
        },
    )
