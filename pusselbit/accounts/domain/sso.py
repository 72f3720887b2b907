"""Single sign-on: a region's identity providers, and the accounts a sign-in through one makes
or links. accounts.sso is allauth's side of it; every write is here, audited."""

import datetime

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

from pusselbit.core import audit
from pusselbit.core.permissions import require
from pusselbit.core.submissions import claim
from pusselbit.organisations.models import Region

from ..models import IdentityProvider, User
from ..rules import account_regions

# What the region's pages change on a provider; the protocol and short name are fixed once
# people sign in through it (the short name is in the addresses the IdP sends them back to).
PROVIDER_FIELDS = [
    "name",
    "is_active",
    "trusts_email",
    "server_url",
    "client_id",
    "client_secret",
    "metadata_url",
    "metadata_xml",
    "idp_entity_id",
    "sign_requests",
]
# Changed, but never written into the audit log: a secret, and the metadata (kilobytes of XML).
UNLOGGED = {"client_secret", "metadata_xml"}


def sp_key_pair(common_name: str) -> tuple[str, str]:
    """A new key and self-signed certificate (PEM, ten years) for signing SAML requests: a
    federation trusts the certificate in the SP metadata, not a certificate authority."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64])])
    now = timezone.now()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    return (
        certificate.public_bytes(serialization.Encoding.PEM).decode(),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    )


def read_metadata(provider: IdentityProvider) -> None:
    """Check a SAML provider's IdP metadata, reading it from its address if it has one: a
    copy is kept (allauth reads the address afresh when signing in; the copy tells the sign-in
    page where its button leads). Unreadable metadata is the field's error."""
    if provider.protocol != IdentityProvider.Protocol.SAML:
        return
    field = "metadata_url" if provider.metadata_url else "metadata_xml"
    try:
        if provider.metadata_url:
            response = requests.get(provider.metadata_url, timeout=10)
            response.raise_for_status()
            provider.metadata_xml = response.text
        if provider.metadata_xml:
            parsed = OneLogin_Saml2_IdPMetadataParser.parse(
                provider.metadata_xml, entity_id=provider.idp_entity_id or None
            )
            if not parsed.get("idp", {}).get("singleSignOnService"):
                raise ValueError("no IdP in the metadata")
    except Exception as error:  # a network failure, not XML, no IdP: all one to the region
        raise ValidationError(
            {field: _("The IdP metadata could not be read: %(error)s") % {"error": error}}
        ) from error


@transaction.atomic
def add_identity_provider(
    region: Region, *, actor, name: str, slug: str, protocol: str, submission=None, **fields
) -> IdentityProvider:
    """Add an organisation login to `region`. A SAML provider gets its own signing key pair.
    A form's `submission` key is claimed (core.submissions): sent twice, it raises
    AlreadySubmitted. Side effects: the audit entry identity_provider.added (without
    secrets)."""
    require(actor, "accounts.manage_identity_providers", region)
    sent = claim(submission, actor=actor)
    unknown = set(fields) - set(PROVIDER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown provider fields: {', '.join(sorted(unknown))}")
    provider = IdentityProvider(region=region, name=name, slug=slug, protocol=protocol, **fields)
    provider.full_clean()
    read_metadata(provider)
    if protocol == IdentityProvider.Protocol.SAML:
        provider.sp_certificate, provider.sp_private_key = sp_key_pair(f"pusselbit-{slug}")
    provider.save()
    sent.made(provider)
    audit.record(
        "identity_provider.added",
        provider,
        actor=actor,
        region=region.pk,
        name=name,
        slug=slug,
        protocol=protocol,
    )
    return provider


@transaction.atomic
def change_identity_provider(provider: IdentityProvider, *, actor, **fields) -> IdentityProvider:
    """Change what PROVIDER_FIELDS names. Side effects: the audit entry
    identity_provider.changed with the old and new value of each change (a secret only as
    changed); nothing when nothing changed."""
    unknown = set(fields) - set(PROVIDER_FIELDS)
    if unknown:
        raise TypeError(f"Unknown provider fields: {', '.join(sorted(unknown))}")
    require(actor, "accounts.manage_identity_providers", provider.region)
    locked = IdentityProvider.objects.select_for_update().get(pk=provider.pk)
    before = {name: getattr(locked, name) for name in fields}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    read_metadata(locked)
    changed = {name: value for name, value in fields.items() if before[name] != value}
    if "metadata_url" in fields and locked.metadata_url:
        changed.setdefault("metadata_xml", locked.metadata_xml)
    if not changed:
        return locked
    locked.save(update_fields=list(changed))
    audit.record(
        "identity_provider.changed",
        locked,
        actor=actor,
        changes={
            name: "changed" if name in UNLOGGED else [before[name], value]
            for name, value in changed.items()
        },
    )
    return locked


def account_to_link(email: str, region_id: int) -> User | None:
    """The one active account a sign-in through `region_id`'s provider with `email` may become:
    it belongs to that region alone, and it is no platform operator's. None where there is no
    such account, or more than one (then a new account is made rather than a guess)."""
    candidates = [
        user
        for user in User.objects.filter(email__iexact=email, is_active=True)
        if not (user.is_superuser or user.is_staff) and account_regions(user) == {region_id}
    ]
    return candidates[0] if len(candidates) == 1 else None


@transaction.atomic
def link_account(user: User, sociallogin, *, provider: IdentityProvider) -> None:
    """Record that `provider`'s sign-in was linked to `user`'s existing account by its
    e-mail address (allauth saves the link). Side effects: the audit entry user.sso_linked."""
    audit.record(
        "user.sso_linked",
        user,
        actor=None,
        provider=provider.slug,
        region=provider.region_id,
        uid=sociallogin.account.uid,
    )


@transaction.atomic
def create_account(sociallogin, save, *, provider: IdentityProvider) -> User:
    """Make the account of a first sign-in through `provider`: no roles, created for the
    provider's region (whose administrators give it roles), no usable password. `save` is
    allauth's own saving of the user and its link. Side effects: the audit entry
    user.created."""
    sociallogin.user.created_in = provider.region
    user = save()
    audit.record(
        "user.created",
        user,
        actor=None,
        username=user.username,
        created_in=provider.region_id,
        through=provider.slug,
    )
    return user
