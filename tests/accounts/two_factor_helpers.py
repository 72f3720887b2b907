"""What the two-step verification tests share: an authenticator app's code, worked out from the
key as the app would."""

from binascii import unhexlify

from django_otp.oath import totp


def app_code(key: str, ahead: int = 0) -> str:
    """The six digits an app holding `key` (hex) shows now, or `ahead` steps of 30 seconds on
    (a code already used is refused; the next step's is accepted, within the tolerance)."""
    return f"{totp(unhexlify(key), drift=ahead):06d}"
