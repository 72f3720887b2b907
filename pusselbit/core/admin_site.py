from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class PusselbitAdminSite(admin.AdminSite):
    """The Django admin, open to platform operators (superusers) and to each region's
    administrators, who see and change only their own regions (see accounts.admin_scoping)."""

    site_header = _("Pusselbit administration")
    site_title = _("Pusselbit administration")

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("accounts.use_admin")


class PusselbitAdminConfig(AdminConfig):
    default_site = "pusselbit.core.admin_site.PusselbitAdminSite"
