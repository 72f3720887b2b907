"""Region scoping that fails closed (django-scopes, as pretalx scopes its events).

Every region-owned model's default manager is `region_scoped(...)`: within
`scope(region=<key or list of keys>)` a query sees only those regions' rows, and outside any
scope it raises ScopeError instead of returning every region's rows. A request enters its scope
in one place (accounts.middleware.RegionScopeMiddleware); whatever runs without a request (the
management commands, the task worker, the demo, the benchmarks) says so with
`scopes_disabled()`, because it acts for every region.

Related managers (`initiative.participants.all()`) are made from the default manager, so they
are scoped too: the filter is the row's own `region_id` or one or two joins up to it. Forward
foreign keys (`participant.initiative`) use the plain base manager and are not scoped: the row
they start from was scoped already."""

from django.db import models
from django_scopes import ScopedManager, get_scope, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

__all__ = [
    "ScopeError",
    "get_scope",
    "is_region_scoped",
    "region_scoped",
    "scope",
    "scopes_disabled",
    "UniqueAcrossRegions",
]


def region_scoped(queryset_class=models.QuerySet, path: str = "region"):
    """The default manager of a region-owned model: `path` leads from the model to its region.
    The model's own QuerySet methods stay on the manager (`Initiative.objects.open()`)."""
    base = models.Manager.from_queryset(queryset_class)
    manager = ScopedManager(region=path, _manager_class=base)
    manager.region_path = path  # for the tests that every region-owned model is scoped
    return manager


def is_region_scoped(model) -> bool:
    """Whether the model's default manager is scoped by region (the test that every
    region-owned model is asks this)."""
    return hasattr(model._default_manager, "with_scopes_disabled")


class UniqueAcrossRegions(models.Model):
    """For a region-owned model whose uniqueness spans regions (an organisation's national
    code): Django checks a form's unique fields and constraints through the default manager,
    which within a request sees one region only, so a clash with another region's row would pass
    the form and fail at the database as a server error. These checks look across regions; they
    answer only "taken or not", with the field's own message."""

    class Meta:
        abstract = True

    def validate_unique(self, exclude=None):
        with scopes_disabled():
            super().validate_unique(exclude=exclude)

    def validate_constraints(self, exclude=None):
        with scopes_disabled():
            super().validate_constraints(exclude=exclude)
