from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

# This module is imported while the apps load (PusselbitAdminConfig); whatever needs models is
# imported where it is used.


class PusselbitAdminSite(admin.AdminSite):
    """The Django admin, open to platform operators (superusers) and to each region's
    administrators, who see and change only their own regions (see accounts.admin_scoping).
    Every save in it goes through a domain function (see core.admin_writes)."""

    site_header = _("Pusselbit administration")
    site_title = _("Pusselbit administration")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Here, not at the top: this module loads with the apps, before any model (see above).
        from pusselbit.accounts.admin_forms import AdminLoginForm

        self.login_form = AdminLoginForm

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("accounts.use_admin")

    def login(self, request, extra_context=None):
        """Django's admin sign-in, but through the sign-in page's view, whose second step asks
        an account with two-step verification for its code (Django's would sign in on the
        password alone)."""
        # Imported when used, like every model-bound import here (see the top of the module).
        from django.contrib.admin.forms import AdminAuthenticationForm
        from django.contrib.auth import REDIRECT_FIELD_NAME

        from pusselbit.accounts.views.sign_in import SignInView

        if request.method == "GET" and self.has_permission(request):
            return super().login(request, extra_context)  # Django's redirect to the index
        context = {
            **self.each_context(request),
            "title": _("Log in"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": request.user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=self.name)
        context.update(extra_context or {})
        request.current_app = self.name
        return SignInView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
            redirect_authenticated_user=False,
        )(request)

    def get_urls(self):
        # Django's "view on site" looks up any model's row by key and answers differently for
        # a row that exists: for a region administrator that tells of other regions' rows.
        view_on_site = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [view_on_site, *super().get_urls()]

    def view_on_site(self, request, content_type_id, object_id):
        # Imported when used, like every model-bound import here (see the top of the module).
        from django.contrib.contenttypes.views import shortcut

        if not request.user.is_superuser:
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def password_change(self, request, extra_context=None):
        """One's own password, saved through accounts.domain.change_password (audited)."""
        # Imported when used, like every model-bound import here (see the top of the module).
        from django.contrib.auth.views import PasswordChangeView

        from pusselbit.accounts.admin_forms import OwnPasswordChangeForm

        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=OwnPasswordChangeForm,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)


class PusselbitAdminConfig(AdminConfig):
    default_site = "pusselbit.accounts.admin_site.PusselbitAdminSite"

    def ready(self):
        super().ready()
        # allauth's admin pages would show every region's sign-in links and providers' keys
        # and write past the audit log. A region's organisation logins are set in its own
        # pages (accounts.IdentityProvider); the links and addresses are allauth's bookkeeping.
        from allauth.account.models import EmailAddress
        from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken

        for model in (EmailAddress, SocialAccount, SocialApp, SocialToken):
            if self.module.site.is_registered(model):
                self.module.site.unregister(model)
