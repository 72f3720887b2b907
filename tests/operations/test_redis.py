"""With REDIS_URL, a session signed in on one web process is valid on another: both read it
from the same Redis (this machine's, on 127.0.0.1:6379), and the database keeps it too."""

import uuid

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def shared(settings):
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield
    caches["default"].clear()
    caches["default"].close()


def test_a_session_is_shared_through_redis_and_kept_in_the_database(
    shared, client, django_user_model
):
    user = django_user_model.objects.create_user("kim", password="x")
    client.force_login(user)
    key = client.cookies["sessionid"].value
    cache = caches["default"]
    assert cache.get(f"django.contrib.sessions.cached_db{key}") is not None
    assert Session.objects.filter(session_key=key).exists()
    # Another process: a new client with the same cookie, the same Redis.
    other = Client()
    other.cookies["sessionid"] = key
    assert other.get("/").wsgi_request.user == user
    # Redis emptied (restarted without a disk): the database still has the session.
    cache.clear()
    assert other.get("/").wsgi_request.user == user
