import axes.utils
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


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
    def save(self, commit=True):
        user = super().save(commit)
        # Whoever chose the new password proved they hold the account's mailbox; the lockout
        # page sends them here, so the account's failed sign-ins no longer count against it.
        axes.utils.reset(username=user.get_username())
        return user
