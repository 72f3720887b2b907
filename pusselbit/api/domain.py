"""The writes of API tokens: making one and revoking it."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pusselbit.core import audit, submissions
from pusselbit.core.permissions import require

from .enums import Access
from .models import ApiToken

# "pb_" tells a leaked key for what it is (secret scanners match such prefixes).
KEY_PREFIX = "pb_"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def make_api_token(region, *, actor, name: str, access: str, expires_on=None, submission=None):
    """Make a token for `actor` in `region`, once per `submission` (core.submissions); returns
    (token, key). The key is in no row and no audit entry: the caller shows it once. Side
    effects: the token row, an audit entry."""
    require(actor, "api.make_tokens", region)
    once = submissions.claim(submission, actor=actor)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Say what the token is for.")})
    if access not in Access.values:
        raise ValidationError({"access": _("Choose read or read and write.")})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("The date has passed.")})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        region=region,
        user=actor,
        name=name,
        access=access,
        prefix=key[:10],
        key_hash=hash_key(key),
        expires_on=expires_on,
    )
    once.made(token)
    audit.record(
        "api.token_made",
        token,
        actor=actor,
        name=name,
        access=access,
        expires_on=expires_on.isoformat() if expires_on else None,
    )
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, actor) -> ApiToken:
    """Revoke `token` at once: its next request is refused. Side effects: who revoked it and
    when, an audit entry. A token revoked already is refused (a second tab, a double click)."""
    require(actor, "api.revoke_token", token)
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("The token has been revoked already."))
    locked.revoked_at = timezone.now()
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit.record("api.token_revoked", locked, actor=actor, name=locked.name)
    return locked
