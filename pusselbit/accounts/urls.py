from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from .forms import PasswordResetRequestForm, SetNewPasswordForm
from .views import sign_in, two_factor

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

# A region's sign-in policy, under /regioner/<region_slug>/administration/ (pusselbit.urls).
region_patterns = [
    path("tvastegsverifiering/", two_factor.sign_in_policy, name="edit"),
]

urlpatterns = [
    path("logga-in/", sign_in.SignInView.as_view(), name="login"),
    path("logga-in/kod/", sign_in.second_step, name="login_code"),
    path("tvastegsverifiering/", include((two_factor_patterns, "two_factor"))),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
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
