"""Signing in with a password, and the code after it for an account with two-step
verification. Django's LoginView checks the password (django-axes refusing a locked-out account
or address first); for an account with an authenticator app it does not sign in yet but keeps
who is signing in, and where to go after, in the session for a few minutes, and the code page
(second_step) signs in once the code is right. A wrong code counts as a failed sign-in for
the lockout, so codes cannot be guessed without end."""

import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..domain.two_factor import check_code, has_two_factor
from ..forms import CodeForm, LoginForm
from ..lockout import locked_out
from ..models import User

PENDING = "pusselbit_sign_in_pending"


class SignInView(auth_views.LoginView):
    """Django's sign-in page; the password alone signs in only an account without two-step
    verification."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "since": time.time(),
        }
        return redirect("login_code")


def _pending(request) -> dict | None:
    """Who passed the password step in this session, if it was within the last minutes."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if time.time() - pending.get("since", 0) > settings.TWO_FACTOR_PENDING_SECONDS:
        del request.session[PENDING]
        return None
    return pending


def second_step(request):
    """The code after the password: from the app, or a recovery code."""
    pending = _pending(request)
    user = pending and User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        messages.info(request, _("Signing in took too long. Enter your password again."))
        return redirect("login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        del request.session[PENDING]
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = check_code(user, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error(None, error)
            # Counted by django-axes like a wrong password; its middleware shows the lockout
            # page instead of this one once the limit is reached.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            django_otp.login(request, device)
            return redirect(pending["next"])
    return render(request, "registration/login_code.html", {"form": form})
