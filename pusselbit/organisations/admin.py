from django.contrib import admin

from pusselbit.accounts.admin_scoping import ReadOnlyRegionScopedAdmin, RegionScopedAdmin

from .enums import OrganisationKind
from .models import AssociationMembership, OperationArea, Organisation, PopulationFigure, Region

# Regions and municipalities come from the reference data; their rows are the platform's.
REFERENCE_KINDS = {OrganisationKind.REGION, OrganisationKind.MUNICIPALITY}


@admin.register(Region)
class RegionAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "pk"
    list_display = ["code", "name", "county_name", "slug"]
    search_fields = ["name", "county_name"]


class AssociationMembershipInline(admin.TabularInline):
    model = AssociationMembership
    fk_name = "association"
    autocomplete_fields = ["member"]
    extra = 0


class OperationAreaInline(admin.TabularInline):
    model = OperationArea
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(RegionScopedAdmin):
    scoped_foreign_keys = {"region": "pk"}
    list_display = ["name", "kind", "code", "region", "civil_society_type"]
    list_filter = ["kind", "civil_society_type", "region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]
    inlines = [OperationAreaInline, AssociationMembershipInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.kind in REFERENCE_KINDS and not request.user.is_superuser:
            return ["region", "kind", "name", "code", "civil_society_type"]
        return []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.kind in REFERENCE_KINDS and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(PopulationFigure)
class PopulationFigureAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "organisation__region"
    list_display = ["organisation", "reference_date", "population", "source"]
    list_filter = ["reference_date", "organisation__region"]
    search_fields = ["organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(OperationArea)
class OperationAreaAdmin(RegionScopedAdmin):
    region_path = "organisation__region"
    scoped_foreign_keys = {"organisation": "region"}
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
