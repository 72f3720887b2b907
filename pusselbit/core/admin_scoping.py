"""Region-scoped admin: a region's administrators see and change only their own regions' rows.

Which regions those are is the request's region scope, entered for the admin by
accounts.middleware.RegionScopeMiddleware (accounts.admin_scoping.admin_scope: the regions the
user administers; for a superuser, the platform operator, scoping is off). So the admin classes
here read the active scope and do not ask the roles themselves: core knows no roles. Each admin
class names the path from its model to the region (`region_path`) and limits its choice fields to
the administered regions (`scoped_foreign_keys`, `scoped_many_to_many`). What the admin may
write, it writes through its domain hooks (core.admin_writes); an admin without hooks is
read-only for everyone."""

from django.contrib import admin

from .admin_writes import DomainAdmin
from .scoping import get_scope


def admin_region_ids(request) -> list[int] | None:
    """The keys of the regions the user administers in this admin request, or None for every
    region (the platform operator). Outside an admin scope (no scope, or scoping off for someone
    who is not a superuser) it is no region: the admin fails closed."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return None
    current = get_scope()
    if not current.get("_enabled", False):
        return []
    regions = current.get("region", [])
    return list(regions) if isinstance(regions, list | tuple) else [regions]


def _administers_any(request) -> bool:
    # Asked once per registered model on every admin page; answer it once per request.
    if not hasattr(request, "_administers_any_region"):
        ids = admin_region_ids(request)
        request._administers_any_region = ids is None or bool(ids)
    return request._administers_any_region


class RegionFilter(admin.RelatedOnlyFieldListFilter):
    """A filter by region that offers only the regions of the rows the user sees."""


class RegionScopedAdmin(DomainAdmin):
    region_path: str = "region"
    # Foreign keys and many-to-many fields whose choices are limited to the administered
    # regions, with the path from the chosen model to its region.
    scoped_foreign_keys: dict[str, str] = {}
    scoped_many_to_many: dict[str, str] = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = admin_region_ids(request)
        if ids is None:
            return queryset
        return queryset.filter(**{f"{self.region_path}__in": ids}).distinct()

    def _scope(self, field, path, request):
        ids = admin_region_ids(request)
        if path is not None and field is not None and ids is not None:
            field.queryset = field.queryset.filter(**{f"{path}__in": ids}).distinct()
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scope(field, self.scoped_foreign_keys.get(db_field.name), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scope(field, self.scoped_many_to_many.get(db_field.name), request)

    def has_module_permission(self, request):
        return _administers_any(request)

    def has_view_permission(self, request, obj=None):
        if not _administers_any(request):
            return False
        if obj is None:
            return True
        # get_queryset has scoped obj already when it comes from a change page; this guards
        # the rest (e.g. inlines). Each inline asks it several times for the same object, so
        # it is answered once per request and object.
        known = request.__dict__.setdefault("_region_scoped_objects", {})
        key = (obj._meta.label, obj.pk)
        if key not in known:
            known[key] = self.get_queryset(request).filter(pk=obj.pk).exists()
        return known[key]


class ReadOnlyRegionScopedAdmin(RegionScopedAdmin):
    """Read-only for everyone, the platform operator included: registered records, which are
    corrected the way the domain corrects them (a new version, a correcting record), and
    reference data loaded from its sources. It has no domain hooks, so no add, change or
    delete."""
