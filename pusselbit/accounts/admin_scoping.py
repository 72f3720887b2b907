"""Region-scoped admin: a region's administrators see and change only their own regions' rows.

Superusers (the platform operator) see everything. Each admin class names the path from its
model to the region (`region_path`) and limits its choice fields to the administered regions
(`scoped_foreign_keys`, `scoped_many_to_many`). What the admin may write, it writes through its
domain hooks (core.admin_writes); an admin without hooks is read-only for everyone."""

from django.contrib import admin

from pusselbit.core.admin_writes import DomainAdmin
from pusselbit.core.scoping import scope, scopes_disabled
from pusselbit.organisations.models import Region

from .rules import administered_region_ids


def administered_regions(user):
    """The regions whose rows the user sees in the admin. The rules say which they administer
    (from the roles read once per request), so this is a list of keys, not a join."""
    if not user.is_authenticated or not user.is_active:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(pk__in=administered_region_ids(user))


def admin_scope(user):
    """The region scope the admin runs in (entered by accounts.middleware.RegionScopeMiddleware):
    the regions the user administers, the same the admin classes below seal their lists to, so
    another region's row is a 404 in the admin twice over. A superuser, the platform operator,
    looks after every region and holds a role in few: for them the admin, and only the admin,
    runs with scoping disabled."""
    if not user.is_authenticated or not user.is_active:
        return scope(region=[])
    if user.is_superuser:
        return scopes_disabled()
    return scope(region=sorted(administered_region_ids(user)))


def _administers_any(request) -> bool:
    # Asked once per registered model on every admin page; answer it once per request.
    if not hasattr(request, "_administers_any_region"):
        user = request.user
        request._administers_any_region = user.is_active and (
            user.is_superuser or bool(administered_region_ids(user))
        )
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
        if request.user.is_superuser:
            return queryset
        regions = administered_regions(request.user)
        return queryset.filter(**{f"{self.region_path}__in": regions}).distinct()

    def _scope(self, field, path, request):
        if path is not None and field is not None and not request.user.is_superuser:
            regions = administered_regions(request.user)
            field.queryset = field.queryset.filter(**{f"{path}__in": regions}).distinct()
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
