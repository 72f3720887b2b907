from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
    SetPasswordForm,
    SetPasswordMixin,
)
from django.utils.translation import gettext_lazy as _

from pusselbit.core.fields import OneLineField
from pusselbit.core.submissions import OnceForm
from pusselbit.core.validators import validate_one_line
from pusselbit.organisations.models import Organisation
from pusselbit.organisations.queries import organisations_serving

from .domain import change_password
from .enums import BODY_NAMES, Role
from .models import RoleInvitation, User
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


class InvitationForm(OnceForm):
    """Invite a person to a role in one of the region's organisations. The roles offered are
    those the inviter may invite to (accounts.invite_person)."""

    email = forms.EmailField(
        label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    name = OneLineField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Used to greet the person in the invitation."),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Organisation"),
        help_text=_("The organisation on whose behalf the person will hold the role."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args, region, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_serving(region)
        self.fields["organisation"].label_from_instance = lambda o: (
            f"{o.name} ({o.get_kind_display()})"
        )
        self.fields["role"].choices = [("", "---------")] + [
            (role.value, role.label)
            for role in Role
            if user.has_perm("accounts.invite_person", RoleInvitation(region=region, role=role))
        ]


class NewAccountForm(SetPasswordMixin, forms.Form):
    """The account an invited person sets up; its e-mail is the invitation's."""

    username = OneLineField(
        label=_("Username"),
        max_length=150,
        validators=[User.username_validator],
        help_text=User._meta.get_field("username").help_text,
    )
    first_name = OneLineField(label=_("First name"), max_length=150)
    last_name = OneLineField(label=_("Last name"), max_length=150)
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["username"].widget.attrs.update(autocomplete="username")
        self.fields["first_name"].widget.attrs.update(autocomplete="given-name")
        self.fields["last_name"].widget.attrs.update(autocomplete="family-name")
        if invitation.name and not self.is_bound:
            first, _space, last = invitation.name.partition(" ")
            self.initial.update(first_name=first, last_name=last)

    def clean(self):
        data = super().clean()
        self.validate_passwords()
        # Checked against what the account will hold, so a password like the name is refused.
        candidate = User(
            username=data.get("username", ""),
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            email=self.invitation.email,
        )
        self.validate_password_for_user(candidate)
        return data
