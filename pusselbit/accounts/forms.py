from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import organisations_serving

from .domain import change_password
from .enums import BODY_NAMES, Role
from .models import User
from .queries import accounts_of_region
from .rules import BODY_ROLES


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


# The region's own pages about its accounts (accounts.views).


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class MemberFilterForm(forms.Form):
    """Narrow the members list: by role, by the organisation acted for, by words of the name."""

    role = forms.ChoiceField(label=_("Role"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    q = OneLineField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Every role")), *Role.choices]
        self.fields["organisation"].queryset = organisations_serving(region)
        self.fields["organisation"].empty_label = _("Every organisation")

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"role": data["role"], "organisation": data["organisation"], "text": data["q"]}


class RoleForm(forms.Form):
    """A role in the region, on behalf of one of the organisations acting in it."""

    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, region, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_serving(region)
        if roles is not None:
            self.fields["role"].choices = [(role.value, role.label) for role in roles]


class BodyMemberForm(RoleForm):
    """Someone of the region joins a meeting body (a role of rules.BODY_ROLES)."""

    user = AccountChoiceField(label=_("Person"), queryset=User.objects.none())
    field_order = ["user", "role", "organisation"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        self.fields["role"].label = _("Body")
        self.fields["role"].choices = [(role.value, BODY_NAMES[role]) for role in BODY_ROLES]
        self.fields["user"].queryset = accounts_of_region(region).order_by(
            "last_name", "first_name", "username"
        )
