"""Accounts and roles in the admin.

A region administrator sees the accounts of their own regions (a role there, or created for
one), creates accounts for them, gives and takes their own regions' roles, and changes the name,
e-mail, username and active flag of an account that belongs to their regions alone. Passwords,
the platform flags and accounts of no region are the platform operator's. Every save goes
through accounts.domain (see accounts.rules for who may do what)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from pusselbit.core.admin_scoping import RegionFilter, RegionScopedAdmin
from pusselbit.core.admin_writes import DomainInline

from .admin_forms import AccountCreationForm, OperatorAccountCreationForm
from .admin_scoping import administered_regions
from .domain import (
    ACCOUNT_FIELDS,
    PLATFORM_FLAGS,
    change_membership,
    change_password,
    create_user,
    grant_role,
    revoke_role,
    update_user,
)
from .models import Membership, User

# Roles are memberships; Django's groups and model permissions are not used, and a model
# permission would open another region's rows in the admin. So neither is offered.
admin.site.unregister(Group)
# Two-step verification is set up and turned off by the person themselves, on their own pages
# (accounts.views.two_factor); django-otp's admin would show the secrets of the apps and the
# recovery codes.
for _otp_model in (TOTPDevice, StaticDevice):
    admin.site.unregister(_otp_model)

DATES = ["last_login", "date_joined", "created_in"]


def accounts_of(regions):
    """The accounts that belong to `regions`: a role there, or created for one of them."""
    return (
        User.objects.filter(is_superuser=False)
        .filter(Q(memberships__region__in=regions) | Q(created_in__in=regions))
        .distinct()
    )


class _MembershipWrites:
    """Memberships are granted, changed and revoked through the domain functions."""

    def create_object(self, request, obj, form):
        return grant_role(obj.user, obj.region, obj.organisation, obj.role, actor=request.user)

    def change_object(self, request, obj, form):
        return change_membership(
            obj, actor=request.user, region=obj.region, organisation=obj.organisation, role=obj.role
        )

    def delete_object(self, request, obj):
        revoke_role(obj, actor=request.user)

    def _scope_choices(self, db_field, request, kwargs):
        if request.user.is_superuser:
            return kwargs
        regions = administered_regions(request.user)
        if db_field.name == "region":
            kwargs["queryset"] = regions
        elif db_field.name == "organisation":
            kwargs["queryset"] = db_field.related_model.objects.filter(region__in=regions)
        elif db_field.name == "user":
            kwargs["queryset"] = accounts_of(regions)
        return kwargs


class MembershipInline(_MembershipWrites, DomainInline, admin.TabularInline):
    model = Membership
    fields = ["region", "organisation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 0

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("region", "organisation")
        if request.user.is_superuser:
            return queryset
        return queryset.filter(region__in=administered_regions(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User)
class PusselbitUserAdmin(RegionScopedAdmin, UserAdmin):
    """Accounts; the roles on an account are its memberships (the inline)."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = ["is_active"]
    filter_horizontal = []
    readonly_fields = DATES

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=accounts_of(administered_regions(request.user)))

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            operator = request.user.is_superuser
            kwargs["form"] = OperatorAccountCreationForm if operator else AccountCreationForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        operator = request.user.is_superuser
        if obj is None:
            password = ["usable_password", "password1", "password2"] if operator else []
            return [(None, {"fields": ["username", *password]}), self._personal(), self._region()]
        return [
            (None, {"fields": ["username", "password"] if operator else ["username"]}),
            self._personal(),
            (
                _("Access"),
                {"fields": ["is_active", *PLATFORM_FLAGS] if operator else ["is_active"]},
            ),
            (_("Dates and region"), {"fields": DATES}),
        ]

    def _personal(self):
        return (_("Personal details"), {"fields": ["first_name", "last_name", "email"]})

    def _region(self):
        return (_("Region"), {"fields": ["created_in"]})

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if request.user.has_perm("accounts.manage_account", obj):
            return DATES
        # An account that belongs to another region too: only this region's roles on it.
        return [*DATES, *ACCOUNT_FIELDS]

    def get_inline_instances(self, request, obj=None):
        return [] if obj is None else super().get_inline_instances(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        regions = list(administered_regions(request.user)[:2])
        if len(regions) == 1 and not request.user.is_superuser:
            initial.setdefault("created_in", regions[0].pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "created_in":
            kwargs["queryset"] = administered_regions(request.user)
            kwargs["required"] = not request.user.is_superuser
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def create_object(self, request, obj, form):
        data = form.cleaned_data
        password = data.get("password1") if data.get("set_usable_password") else None
        return create_user(
            data["username"],
            actor=request.user,
            email=data.get("email", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            password=password,
            created_in=data.get("created_in"),
        )

    def change_object(self, request, obj, form):
        fields = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in ACCOUNT_FIELDS or name in PLATFORM_FLAGS
        }
        return update_user(obj, actor=request.user, **fields) if fields else obj

    def user_change_password(self, request, id, form_url=""):
        """Only the platform operator sets another person's password, through
        change_password (audited); everyone changes their own on the admin's own page."""
        user = self.get_object(request, unquote(id))
        if user is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, id)
        if not request.user.is_superuser:
            raise PermissionDenied
        if request.method == "POST":
            form = self.change_password_form(user, request.POST)
            usable = form.is_valid() and form.cleaned_data["set_usable_password"]
            if form.is_valid() and (usable or "unset-password" in request.POST):
                change_password(
                    user, form.cleaned_data["password1"] if usable else None, actor=request.user
                )
                self.log_change(request, user, self.construct_change_message(request, form, None))
                messages.success(
                    request,
                    gettext("The password is changed.")
                    if usable
                    else gettext("Signing in with a password is turned off for this account."),
                )
                update_session_auth_hash(request, user)
                return HttpResponseRedirect(
                    reverse(
                        "admin:accounts_user_change",
                        args=[user.pk],
                        current_app=self.admin_site.name,
                    )
                )
        return super().user_change_password(request, id, form_url)


@admin.register(Membership)
class MembershipAdmin(_MembershipWrites, RegionScopedAdmin):
    # Its choices (region, organisation, user) are narrowed by _MembershipWrites._scope_choices.
    list_display = ["user", "role", "organisation", "region"]
    list_filter = ["role", ("region", RegionFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "organisation", "region"]
    autocomplete_fields = ["user", "organisation"]

    def get_readonly_fields(self, request, obj=None):
        # A membership changes region, organisation or role; another person's is a new one.
        return [] if obj is None else ["user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._scope_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
