"""What every initiative view starts with: the region and the initiative, scoped to the user
(another region's initiative is a 404), and a permission check (a 403 within one's region)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from pusselbit.organisations.queries import region_for

from ..models import Initiative


def initiative_for(request, region_slug, pk) -> Initiative:
    region = region_for(request.user, region_slug)
    return get_object_or_404(
        Initiative.objects.filter(region=region).select_related(
            "region", "stage", "workflow", "owner", "organisation"
        ),
        pk=pk,
    )


def check(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def to_detail(initiative, anchor: str = ""):
    response = redirect("initiatives:detail", initiative.region.slug, initiative.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def add_errors(form, error) -> None:
    """Show a domain ValidationError on the form: next to its field where it names one of the
    form's fields, above the form otherwise."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
