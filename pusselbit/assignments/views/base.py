"""What every assignment view starts with: the region and the assignment, scoped to the user
(another region's assignment is a 404, whatever the user's roles), and a permission check on
the region (a 403)."""

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pusselbit.organisations.queries import object_in_region

from .. import queries
from ..enums import AssignmentStatus

CONCURRENT_EDIT = _(
    "Someone else saved this assignment after you opened it, so your changes were not saved. "
    "What you typed is kept below: copy it, open the page again to see theirs, and merge."
)
LOCKED = _("An adopted assignment is a record and is not changed.")


def assignment_for(request, region_slug, pk, perm="assignments.view_assignments"):
    """The assignment in the region named in the address (another region's is a 404) if the
    user's roles allow `perm` there (a 403 otherwise)."""
    _, assignment = object_in_region(request, region_slug, queries.assignment_in, pk, perm=perm)
    assignment.locked = assignment.status == AssignmentStatus.ADOPTED
    return assignment


def to_detail(assignment, anchor: str = ""):
    response = redirect("assignments:detail", assignment.region.slug, assignment.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def today():
    return timezone.localdate()
