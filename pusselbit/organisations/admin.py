from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from pusselbit.core.admin_scoping import (
    ReadOnlyRegionScopedAdmin,
    RegionFilter,
    RegionScopedAdmin,
    admin_region_ids,
)
from pusselbit.core.admin_writes import DomainInline

from .domain import (
    REFERENCE_KINDS,
    add_association_member,
    add_operation_area,
    change_association_member,
    create_organisation,
    remove_association_member,
    remove_operation_area,
    remove_organisation,
    rename_operation_area,
    update_organisation,
)
from .enums import OrganisationKind
from .models import AssociationMembership, OperationArea, Organisation, PopulationFigure, Region

# Regions and population figures are loaded from their sources (load_reference_data,
# load_population); the admin shows them.


@admin.register(Region)
class RegionAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "pk"
    list_display = ["code", "name", "county_name", "slug"]
    search_fields = ["name", "county_name"]


class AssociationMembershipInline(DomainInline, admin.TabularInline):
    model = AssociationMembership
    fk_name = "association"
    fields = ["member", "counts_in_per_capita_split", "source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    autocomplete_fields = ["member"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("association", "member")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        ids = admin_region_ids(request)
        if db_field.name == "member" and ids is not None:
            kwargs["queryset"] = Organisation.objects.municipalities().filter(region__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def create_object(self, request, obj, form):
        return add_association_member(
            obj.association,
            obj.member,
            actor=request.user,
            counts_in_per_capita_split=obj.counts_in_per_capita_split,
            source=obj.source,
        )

    def change_object(self, request, obj, form):
        if "member" in form.changed_data:
            raise ValidationError(
                {"member": _("Remove the member and add the other municipality as a new one.")}
            )
        return change_association_member(
            obj,
            actor=request.user,
            counts_in_per_capita_split=obj.counts_in_per_capita_split,
            source=obj.source,
        )

    def delete_object(self, request, obj):
        remove_association_member(obj, actor=request.user)


class _OperationAreaWrites:
    def create_object(self, request, obj, form):
        return add_operation_area(obj.organisation, obj.name, actor=request.user)

    def change_object(self, request, obj, form):
        return rename_operation_area(obj, obj.name, actor=request.user)

    def delete_object(self, request, obj):
        remove_operation_area(obj, actor=request.user)


class OperationAreaInline(_OperationAreaWrites, DomainInline, admin.TabularInline):
    model = OperationArea
    fields = ["name"]
    extra = 0

    def get_queryset(self, request):
        # Each row is shown by its name, which names the organisation.
        return super().get_queryset(request).select_related("organisation")


@admin.register(Organisation)
class OrganisationAdmin(RegionScopedAdmin):
    scoped_foreign_keys = {"region": "pk"}
    list_display = ["name", "kind", "code", "region", "civil_society_type"]
    list_filter = ["kind", "civil_society_type", ("region", RegionFilter)]
    search_fields = ["name", "code"]
    list_select_related = ["region"]
    inlines = [OperationAreaInline, AssociationMembershipInline]

    def _reference(self, request, obj) -> bool:
        return obj is not None and obj.kind in REFERENCE_KINDS and not request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if self._reference(request, obj):
            return ["region", "kind", "name", "code", "civil_society_type"]
        return [] if obj is None else ["region"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind" and not request.user.is_superuser:
            kwargs["choices"] = [
                (value, label)
                for value, label in OrganisationKind.choices
                if value not in REFERENCE_KINDS
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return not self._reference(request, obj) and super().has_delete_permission(request, obj)

    def create_object(self, request, obj, form):
        return create_organisation(
            obj.region,
            obj.name,
            obj.kind,
            actor=request.user,
            code=obj.code,
            civil_society_type=obj.civil_society_type,
        )

    def change_object(self, request, obj, form):
        fields = {name: form.cleaned_data[name] for name in form.changed_data}
        return update_organisation(obj, actor=request.user, **fields) if fields else obj

    def delete_object(self, request, obj):
        remove_organisation(obj, actor=request.user)


@admin.register(PopulationFigure)
class PopulationFigureAdmin(ReadOnlyRegionScopedAdmin):
    region_path = "organisation__region"
    list_display = ["organisation", "reference_date", "population", "source"]
    list_filter = ["reference_date", ("organisation__region", RegionFilter)]
    search_fields = ["organisation__name", "organisation__code"]
    list_select_related = ["organisation"]


@admin.register(OperationArea)
class OperationAreaAdmin(_OperationAreaWrites, RegionScopedAdmin):
    region_path = "organisation__region"
    scoped_foreign_keys = {"organisation": "region"}
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["organisation"]
