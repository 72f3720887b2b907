from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import Q

from pusselbit.core import audit

from .admin_scoping import RegionScopedAdmin, administered_regions
from .domain import grant_role, revoke_role
from .models import Membership, User

# What only the platform operator may set.
PLATFORM_FIELDS = {"is_staff", "is_superuser", "groups", "user_permissions"}


def save_membership(request, membership: Membership) -> Membership:
    """Admin saves go through the domain functions, as the pages' do."""
    if membership.pk is None:
        saved = grant_role(
            membership.user,
            membership.region,
            membership.organisation,
            membership.role,
            actor=request.user,
        )
        membership.pk, membership._state.adding = saved.pk, False
        return saved
    membership.save()
    audit.record("membership.changed", membership, actor=request.user, role=membership.role)
    return membership


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["organisation"]
    extra = 0

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("region", "organisation")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(region__in=administered_regions(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "region" and not request.user.is_superuser:
            kwargs["queryset"] = administered_regions(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class PusselbitUserAdmin(RegionScopedAdmin, UserAdmin):
    """Region administrators see the users who hold a role in their regions (and users who
    hold none yet, such as one they have just created), and cannot make anyone staff or
    superuser."""

    inlines = [MembershipInline]

    def get_queryset(self, request):
        queryset = UserAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        regions = administered_regions(request.user)
        return (
            queryset.filter(is_superuser=False)
            .filter(Q(memberships__region__in=regions) | Q(memberships__isnull=True))
            .distinct()
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f not in PLATFORM_FIELDS]},
            )
            for name, options in fieldsets
        ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            revoke_role(membership, actor=request.user)
        for membership in memberships:
            save_membership(request, membership)


@admin.register(Membership)
class MembershipAdmin(RegionScopedAdmin):
    scoped_foreign_keys = {"region": "pk", "organisation": "region"}
    list_display = ["user", "role", "organisation", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organisation", "region"]
    autocomplete_fields = ["user", "organisation"]

    def save_model(self, request, obj, form, change):
        save_membership(request, obj)

    def delete_model(self, request, obj):
        revoke_role(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            revoke_role(membership, actor=request.user)
