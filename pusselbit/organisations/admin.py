from django.contrib import admin

from .models import AssociationMembership, OperationArea, Organisation, PopulationFigure, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
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
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "region", "civil_society_type"]
    list_filter = ["kind", "civil_society_type", "region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]
    inlines = [OperationAreaInline, AssociationMembershipInline]


@admin.register(PopulationFigure)
class PopulationFigureAdmin(admin.ModelAdmin):
    list_display = ["organisation", "reference_date", "population", "source"]
    list_filter = ["reference_date", "organisation__region"]
    search_fields = ["organisation__name", "organisation__code"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(OperationArea)
class OperationAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
