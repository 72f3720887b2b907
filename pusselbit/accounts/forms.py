from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from .domain import change_password


class LoginForm(AuthenticationForm):
    """Django's login form; autocomplete hints help password managers and WCAG 1.3.5."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocomplete="username", autofocus=False)
        self.fields["password"].widget.attrs.update(autocomplete="current-password")


class PasswordResetRequestForm(PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email")


class SetNewPasswordForm(SetPasswordForm):
    """The password chosen through the reset link, saved through change_password (audited, and
    the account's failed sign-ins forgotten)."""

    def save(self, commit=True):
        return change_password(self.user, self.cleaned_data["new_password1"], actor=self.user)
