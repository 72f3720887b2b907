import pytest
from django.test import Client

from pusselbit.accounts.models import User
from pusselbit.api.domain import make_api_token
from pusselbit.organisations.models import Region


def user(username: str) -> User:
    return User.objects.get(username=username)


def token_for(username: str, slug: str = "dalarna", access: str = "read", **kwargs):
    """(token, key) made by the demo user `username` in the region `slug`."""
    return make_api_token(
        Region.objects.get(slug=slug),
        actor=user(username),
        name=kwargs.pop("name", "Statistikexport"),
        access=access,
        **kwargs,
    )


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def anonymous():
    return Client()
