"""Reads for an initiative's comment thread."""

from django.db.models import Q

from pusselbit.accounts.enums import Role
from pusselbit.accounts.models import User

from ..forms.comments import CommentForm

# Those who carry the region's work on every initiative (initiatives.rules.works_on).
COORDINATORS = (
    Role.COUNTY_COORDINATOR,
    Role.LOCAL_COORDINATOR,
    Role.SUICIDE_PREVENTION_COORDINATOR,
)


def people_working_on(initiative):
    """The active people working on the initiative, by name: its owner, its participants'
    people and the region's coordinators (who may be mentioned by their user name)."""
    organisations = initiative.participants.values("organisation")
    return (
        User.objects.filter(
            Q(pk=initiative.owner_id)
            | Q(
                memberships__region=initiative.region_id,
                memberships__role__in=COORDINATORS,
            )
            | Q(
                memberships__region=initiative.region_id,
                memberships__organisation__in=organisations,
            ),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def comments_context(initiative, user, *, form=None) -> dict:
    """The thread on the initiative's page, and the form for whoever may write in it."""
    may_comment = user.has_perm("initiatives.comment", initiative)
    return {
        "comments": initiative.comments.select_related("author").prefetch_related("mentioned"),
        "comment_form": (form or CommentForm(prefix="comment")) if may_comment else None,
        "people_working_on": people_working_on(initiative) if may_comment else (),
    }
