from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import urls as oidc_urls
from allauth.socialaccount.providers.saml import urls as saml_urls
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from . import invitation_views, sso_views
from .forms import PasswordResetRequestForm, SetNewPasswordForm

# Single sign-on through allauth: the two protocols' addresses and the pages of its flow that
# people may meet (a cancelled or refused sign-in; the sign-up form if a provider sends too
# little to make an account). Its own account pages are not used: these names lead to ours.
sso_urlpatterns = [
    path("", include(oidc_urls)),
    path("", include(saml_urls)),
    path("avbruten/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("fel/", social_views.login_error, name="socialaccount_login_error"),
    path("nytt-konto/", social_views.signup, name="socialaccount_signup"),
    path("inaktivt/", sso_views.account_inactive, name="account_inactive"),
    path("logga-in/", RedirectView.as_view(pattern_name="login"), name="account_login"),
    path("konto/", RedirectView.as_view(pattern_name="login"), name="account_signup"),
]

urlpatterns = [
    path("logga-in/", sso_views.LoginView.as_view(), name="login"),
    path("logga-ut/", sso_views.logout_view, name="logout"),
    path("sso/", include(sso_urlpatterns)),
    path(
        "glomt-losenord/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetRequestForm,
            html_email_template_name=None,
            subject_template_name="registration/password_reset_subject.txt",
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password_reset",
    ),
    path(
        "glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetNewPasswordForm, success_url=reverse_lazy("password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("inbjudan/<str:token>/", invitation_views.accept, name="accept_invitation"),
]
