from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from pusselbit.core.validators import validate_one_line

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


class CodeForm(forms.Form):
    """A code of two-step verification: from the authenticator app or, where `recovery` says,
    one of the recovery codes. Checked by accounts.domain.two_factor, which adds its errors."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        validators=[validate_one_line],
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )

    def __init__(self, *args, recovery: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("The six digits your authenticator app shows, or one of your recovery codes.")
            if recovery
            else _("The six digits the app shows for Pusselbit once it has the key.")
        )


class SignInPolicyForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Require two-step verification"),
        required=False,
        help_text=_(
            "Regional directors, LSVO members, finance officers and administrators of the region "
            "who sign in with a password must then turn it on before they can go on. Those who "
            "sign in through their organisation's login are not asked: their organisation "
            "checks it."
        ),
    )
