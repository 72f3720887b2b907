from allauth.socialaccount import views as social_views
from allauth.socialaccount.providers.openid_connect import views as oidc
from allauth.socialaccount.providers.saml import views as saml
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.views.generic import RedirectView

from .forms import PasswordResetRequestForm, SetNewPasswordForm
from .views import invitations, sign_in, two_factor

# Single sign-on through allauth: the two protocols' addresses and the pages of its flow that
# people may meet (a cancelled or refused sign-in; the sign-up form if a provider sends too
# little to make an account). Its own account pages are not used: these names lead to ours.
# allauth's own addresses for the two protocols, with its views; those that read the provider's
# configuration or metadata say so on a page when it cannot be reached.
reaching = sign_in.provider_unreachable_is_a_page
sso_patterns = [
    path("oidc/<provider_id>/login/", reaching(oidc.login), name="openid_connect_login"),
    path(
        "oidc/<provider_id>/login/callback/",
        reaching(oidc.callback),
        name="openid_connect_callback",
    ),
    path("saml/<organization_slug>/acs/", saml.acs, name="saml_acs"),
    path("saml/<organization_slug>/acs/finish/", reaching(saml.finish_acs), name="saml_finish_acs"),
    path("saml/<organization_slug>/sls/", reaching(saml.sls), name="saml_sls"),
    path("saml/<organization_slug>/metadata/", saml.metadata, name="saml_metadata"),
    path("saml/<organization_slug>/login/", reaching(saml.login), name="saml_login"),
    path("avbruten/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("fel/", social_views.login_error, name="socialaccount_login_error"),
    path("nytt-konto/", social_views.signup, name="socialaccount_signup"),
    path("inaktivt/", sign_in.account_inactive, name="account_inactive"),
    path("logga-in/", RedirectView.as_view(pattern_name="login"), name="account_login"),
    path("konto/", RedirectView.as_view(pattern_name="login"), name="account_signup"),
]

# One's own two-step verification, under /konto/tvastegsverifiering/.
two_factor_patterns = [
    path("", two_factor.status, name="status"),
    path("sla-pa/", two_factor.turn_on, name="turn_on"),
    path("sla-av/", two_factor.turn_off, name="turn_off"),
    path("aterstallningskoder/", two_factor.recovery_codes, name="recovery_codes"),
    path(
        "aterstallningskoder/nya/",
        two_factor.renew_recovery_codes,
        name="renew_recovery_codes",
    ),
]

urlpatterns = [
    path("logga-in/", sign_in.SignInView.as_view(), name="login"),
    path("logga-in/kod/", sign_in.second_step, name="login_code"),
    path("logga-ut/", sign_in.sign_out, name="logout"),
    path("sso/", include(sso_patterns)),
    path("tvastegsverifiering/", include((two_factor_patterns, "two_factor"))),
    path("inbjudan/<str:token>/", invitations.accept, name="accept_invitation"),
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
]
