"""What every assignment view starts with: the region and the assignment, scoped to the user
(another region's assignment is a 404), and a permission check on the region (a 403)."""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.core.permissions import check
from pusselbit.organisations.queries import region_for

from .. import queries
from ..models import Status

CONCURRENT_EDIT = _(
    "Someone else saved this assignment after you opened it, so your changes were not saved. "
    "What you typed is kept below: copy it, open the page again to see theirs, and merge."
)
LOCKED = _("An adopted assignment is a record and is not changed.")


def region_with(request, region_slug, perm="assignments.view_assignments"):
    region = region_for(request.user, region_slug)
    check(request, perm, region)
    return region


def assignment_for(request, region_slug, pk, perm="assignments.view_assignments"):
    """The assignment in the user's region (404 otherwise) if the user's roles allow `perm`
    there (403 otherwise)."""
    region = region_with(request, region_slug, perm)
    assignment = queries.assignment_in(region, pk)
    assignment.locked = assignment.status == Status.ADOPTED
    return assignment


def to_detail(assignment, anchor: str = ""):
    response = redirect("assignments:detail", assignment.region.slug, assignment.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def today():
    return timezone.localdate()
