"""The region administrator's form for an organisation login (views.identity_providers)."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from pusselbit.core.submissions import OnceForm

from .domain.sso import PROVIDER_FIELDS
from .models import IdentityProvider

# What the domain function lets the region change (accounts.domain.sso).
FIELDS = PROVIDER_FIELDS
# Each protocol's own fields: a provider's page shows those of its protocol only.
OPENID_FIELDS = ["server_url", "client_id", "client_secret"]
SAML_FIELDS = ["metadata_url", "metadata_xml", "idp_entity_id", "sign_requests"]


class IdentityProviderForm(forms.ModelForm):
    """Change a provider. The secret is never shown again: left empty, it stays as it is."""

    class Meta:
        model = IdentityProvider
        fields = FIELDS
        # An address typed without its scheme is taken as https, as Django 6 will.
        field_classes = {
            "server_url": partial(forms.URLField, assume_scheme="https"),
            "metadata_url": partial(forms.URLField, assume_scheme="https"),
        }
        widgets = {
            "client_secret": forms.PasswordInput(render_value=False),
            "metadata_xml": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metadata_xml"].help_text = _(
            "Paste the IdP's metadata here, or give its address above instead."
        )
        self.fields["metadata_url"].help_text = _(
            "The federation's or IdP's metadata address; it is read when you save."
        )
        if self.instance.pk:
            self.fields["client_secret"].help_text = _("Leave empty to keep the present secret.")
            for name in OPENID_FIELDS if self.instance.is_saml else SAML_FIELDS:
                del self.fields[name]

    def clean_client_secret(self):
        secret = self.cleaned_data.get("client_secret")
        return secret or (self.instance.client_secret if self.instance.pk else "")

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class NewIdentityProviderForm(IdentityProviderForm, OnceForm):
    class Meta(IdentityProviderForm.Meta):
        fields = ["protocol", "slug", *FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].help_text = _(
            "Letters, digits and hyphens, e.g. blekinge-entra. It is part of the addresses the "
            "provider sends people back to, so it cannot be changed later."
        )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}
