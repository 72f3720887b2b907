"""The region administrator's pages about the region's organisations: civil-society
organisations with their type, municipal associations' names, and every organisation's
operation areas. Regions and municipalities are reference data (the platform's); their
operation areas are the region's. Every write goes through organisations.domain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pusselbit.core.forms import add_errors
from pusselbit.core.pagination import paginate
from pusselbit.core.submissions import AlreadySubmitted, answer_sent_again

from . import queries
from .domain import (
    add_operation_area,
    create_organisation,
    rename_operation_area,
    update_organisation,
)
from .enums import OrganisationKind
from .setup_forms import (
    CivilSocietyCreateForm,
    CivilSocietyFields,
    OperationAreaForm,
    OrganisationFilterForm,
    OrganisationNameForm,
    OrganisationNumberForm,
)

ADMINISTER = "accounts.administer_region"
FORM_OF_KIND = {
    OrganisationKind.CIVIL_SOCIETY: CivilSocietyFields,
    OrganisationKind.ASSOCIATION: OrganisationNameForm,
    OrganisationKind.MUNICIPALITY: OrganisationNumberForm,
    OrganisationKind.REGION: OrganisationNumberForm,
}


@login_required
def organisation_list(request, region_slug):
    region = queries.region_with(request, region_slug, ADMINISTER)
    form = OrganisationFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(request, queries.organisations_for_setup(region, **filters))
    return render(
        request,
        "organisations/setup/list.html",
        {"region": region, "form": form, "page": page, "filtered": any(filters.values())},
    )


@login_required
def organisation_create(request, region_slug):
    region = queries.region_with(request, region_slug, ADMINISTER)
    form = CivilSocietyCreateForm(request.POST or None)
    if form.is_valid():
        try:
            organisation = create_organisation(
                region,
                form.cleaned_data["name"],
                OrganisationKind.CIVIL_SOCIETY,
                actor=request.user,
                civil_society_type=form.cleaned_data["civil_society_type"],
                submission=form.submission_key,
            )
        except AlreadySubmitted as sent:
            return answer_sent_again(request, sent, lambda target: _to_edit(region, target))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": organisation.name})
            return _to_edit(region, organisation)
    return render(request, "organisations/setup/create.html", {"region": region, "form": form})


def _to_edit(region, organisation):
    return redirect("organisations_setup:edit", region.slug, organisation.pk)


@login_required
def organisation_edit(request, region_slug, pk):
    """An organisation's name, type and organisation number (where the region keeps them) and
    its operation areas."""
    region, organisation = queries.object_in_region(
        request, region_slug, queries.organisation_in, pk, perm=ADMINISTER
    )
    action = request.POST.get("action") if request.method == "POST" else None
    form_class = FORM_OF_KIND.get(organisation.kind)
    initial = {
        "name": organisation.name,
        "civil_society_type": organisation.civil_society_type,
        "organisation_number": organisation.organisation_number,
    }
    form = None
    if form_class is not None:
        bound = request.POST if action == "save" else None
        form = form_class(bound, initial=initial, prefix="organisation")
    area_form = OperationAreaForm(request.POST if action == "add_area" else None, prefix="area")
    if action == "save" and form is not None and form.is_valid():
        try:
            update_organisation(organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The organisation is saved."))
            return redirect("organisations_setup:edit", region.slug, organisation.pk)
    elif action == "add_area" and area_form.is_valid():
        try:
            area = add_operation_area(
                organisation, area_form.cleaned_data["name"], actor=request.user
            )
        except ValidationError as error:
            add_errors(area_form, error)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": area.name})
            return redirect("organisations_setup:edit", region.slug, organisation.pk)
    return render(
        request,
        "organisations/setup/edit.html",
        {
            "region": region,
            "organisation": organisation,
            "form": form,
            "area_form": area_form,
            "areas": organisation.operation_areas.order_by("name"),
        },
    )


@login_required
def area_edit(request, region_slug, pk):
    region, area = queries.object_in_region(
        request, region_slug, queries.operation_area_in, pk, perm=ADMINISTER
    )
    form = OperationAreaForm(request.POST or None, initial={"name": area.name})
    if form.is_valid():
        try:
            rename_operation_area(area, form.cleaned_data["name"], actor=request.user)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The operation area is renamed."))
            return redirect("organisations_setup:edit", region.slug, area.organisation_id)
    return render(
        request, "organisations/setup/area.html", {"region": region, "area": area, "form": form}
    )
