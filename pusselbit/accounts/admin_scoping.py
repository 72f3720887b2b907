"""Region-scoped admin: a region's administrators see and change only their own regions' rows.

Superusers (the platform operator) see everything. Each admin class names the path from its
model to the region (`region_path`)."""

from django.contrib import admin

from pusselbit.organisations.models import Region

from .enums import Role


def administered_regions(user):
    if user.is_superuser:
        return Region.objects.all()
    return Region.objects.filter(
        memberships__user=user, memberships__role=Role.ADMINISTRATOR
    ).distinct()


def _administers_any(request) -> bool:
    # Asked once per registered model on every admin page; answer it once per request.
    if not hasattr(request, "_administers_any_region"):
        request._administers_any_region = (
            request.user.is_superuser or administered_regions(request.user).exists()
        )
    return request._administers_any_region


class RegionScopedAdmin(admin.ModelAdmin):
    region_path: str = "region"
    # Foreign keys whose choices are limited to the administered regions, with their path.
    scoped_foreign_keys: dict[str, str] = {}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        regions = administered_regions(request.user)
        return queryset.filter(**{f"{self.region_path}__in": regions}).distinct()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        path = self.scoped_foreign_keys.get(db_field.name)
        if path is not None and field is not None and not request.user.is_superuser:
            regions = administered_regions(request.user)
            field.queryset = field.queryset.filter(**{f"{path}__in": regions}).distinct()
        return field

    def has_module_permission(self, request):
        return _administers_any(request)

    def _may(self, request, obj) -> bool:
        if not _administers_any(request):
            return False
        # get_queryset has scoped obj already when it comes from a change page; this guards
        # the rest (e.g. inlines).
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request):
        return _administers_any(request)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)


class ReadOnlyRegionScopedAdmin(RegionScopedAdmin):
    """Reference data that region administrators may read; only superusers change it."""

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
