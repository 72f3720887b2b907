"""The admin's account forms. They validate; the admin saves through accounts.domain."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UsernameField

from .domain import change_password
from .models import User

NEW_ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "created_in")


class AccountCreationForm(forms.ModelForm):
    """A region administrator's new account: no password, which only the person sets (by
    password reset) or the platform operator."""

    class Meta:
        model = User
        fields = NEW_ACCOUNT_FIELDS
        field_classes = {"username": UsernameField}

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                self.instance.unique_error_message(User, ["username"]), code="unique"
            )
        return username


class OperatorAccountCreationForm(AdminUserCreationForm):
    """The platform operator's new account, with a password or without."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = NEW_ACCOUNT_FIELDS


class OwnPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "change my password" page, saved through change_password (audited)."""

    def save(self, commit=True):
        return change_password(self.user, self.cleaned_data["new_password1"], actor=self.user)


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in: whoever may use the admin (accounts.use_admin), not Django's staff
    flag, which this product does not use."""

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)
        if not user.has_perm("accounts.use_admin"):
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )
