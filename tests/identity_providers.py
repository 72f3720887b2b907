"""Real identity providers on 127.0.0.1 for the sign-in tests, as two regions would have: an
OpenID Connect provider (as Blekinge's Entra ID) and a SAML 2.0 federation IdP (as Dalarna's).

- OpenID Connect: NanoIDP (PyPI), a test IdP that implements the protocol (authorization code
  with PKCE, signed ID tokens, RP-initiated logout) rather than imitating its answers.
- SAML 2.0: pysaml2 (PyPI) behind a sign-in form (tests/saml_idp.py): verified signed
  AuthnRequests, signed assertions.

Each runs as its own process with its own configuration, keys and port; nothing leaves
loopback."""

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

from pusselbit.accounts.domain.sso import sp_key_pair

XMLSEC1 = "/usr/bin/xmlsec1"
OIDC_SLUG = "blekinge-entra"
SAML_SLUG = "dalarna-federation"
CLIENT_ID, CLIENT_SECRET = "pusselbit-blekinge", "ett-hemligt-lösen"


@dataclass
class Person:
    username: str
    password: str
    email: str
    first_name: str
    last_name: str


ANNA = Person("anna", "annas-lösen-1", "anna.andersson@blekinge.example", "Anna", "Andersson")
DAVID = Person("david", "davids-lösen-1", "david.dahl@dalarna.example", "David", "Dahl")


@dataclass
class RunningProvider:
    url: str
    process: subprocess.Popen
    directory: Path
    sp_certificate: str = ""
    sp_private_key: str = ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(directory: Path, settings: dict, people: list[Person]) -> RunningProvider:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    settings = {"config_version": 1, "server": {"host": "127.0.0.1", "port": port}, **settings}
    settings["oauth"] = {"issuer": url, "audience": "pusselbit", **settings.get("oauth", {})}
    users = {}
    for person in people:
        users[person.username] = {"password": person.password, "email": person.email}
        users[person.username]["attributes"] = {
            "given_name": person.first_name,
            "family_name": person.last_name,
        }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "settings.yaml").write_text(yaml.safe_dump(settings, allow_unicode=True))
    (directory / "users.yaml").write_text(
        yaml.safe_dump({"config_version": 1, "users": users}, allow_unicode=True)
    )
    log = open(directory / "log.txt", "wb")  # noqa: SIM115 - open for the process's life
    process = subprocess.Popen(
        [sys.executable, "-m", "nanoidp", "--config", str(directory), "--strict-config"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    provider = RunningProvider(url=url, process=process, directory=directory)
    _wait(provider, "/api/health")
    return provider


def _wait(provider: RunningProvider, health: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if provider.process.poll() is not None:
            raise RuntimeError((provider.directory / "log.txt").read_text())
        try:
            if requests.get(f"{provider.url}{health}", timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    provider.process.kill()
    log = (provider.directory / "log.txt").read_text()
    raise RuntimeError(f"The provider did not start: {log}")


def _stop(provider: RunningProvider) -> None:
    provider.process.terminate()
    try:
        provider.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        provider.process.kill()


def callback_paths(slug: str) -> list[str]:
    # Loopback matches at any port: the test client's host (tests.accounts.sso_flow) and the
    # browser tests' live server.
    return [f"http://127.0.0.1/konto/sso/oidc/{slug}/login/callback/"]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    provider = _start(
        tmp_path_factory.mktemp("oidc-idp"),
        {
            "oauth": {
                # Short, as the expired-token test waits them out within allauth's ten minutes
                # for finishing a sign-in.
                "token_expiry_minutes": 5,
                "clients": [
                    {
                        "client_id": CLIENT_ID,
                        "client_secret": CLIENT_SECRET,
                        "redirect_uris": callback_paths(OIDC_SLUG),
                        # As Entra ID takes it: the secret in the token request's body.
                        "token_endpoint_auth_method": "client_secret_post",
                    }
                ],
            },
        },
        [ANNA],
    )
    yield provider
    _stop(provider)


@pytest.fixture(scope="session")
def saml_provider(tmp_path_factory):
    """The federation's IdP (tests/saml_idp.py, pysaml2). It knows Pusselbit's certificate
    from the SP metadata a test registers with `trust`, and refuses an unsigned request."""
    if not Path(XMLSEC1).exists():
        message = f"The SAML IdP of the tests signs with {XMLSEC1} (apt-get install xmlsec1)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("saml-idp")
    certificate, key = sp_key_pair("federationens-idp")
    (directory / "idp.pem").write_text(certificate)
    (directory / "idp.key").write_text(key)
    (directory / "users.json").write_text(
        json.dumps(
            {
                DAVID.username: {
                    "password": DAVID.password,
                    "attributes": {
                        "mail": [DAVID.email],
                        "givenName": [DAVID.first_name],
                        "sn": [DAVID.last_name],
                        "eduPersonPrincipalName": [f"{DAVID.username}@dalarna.example"],
                    },
                }
            }
        )
    )
    port = _free_port()
    log = open(directory / "log.txt", "wb")  # noqa: SIM115 - open for the process's life
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.saml_idp", str(directory), str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=Path(__file__).resolve().parent.parent,
    )
    provider = RunningProvider(url=f"http://127.0.0.1:{port}", process=process, directory=directory)
    _wait(provider, "/health")
    # Pusselbit's signing pair for this provider, as the federation registered it.
    provider.sp_certificate, provider.sp_private_key = sp_key_pair(f"pusselbit-{SAML_SLUG}")
    yield provider
    _stop(provider)


def trust(provider: RunningProvider, sp_metadata: bytes) -> None:
    """Register a service provider's metadata with the federation's IdP."""
    name = hashlib.sha256(sp_metadata).hexdigest()[:16]
    (provider.directory / f"sp-{name}.xml").write_bytes(sp_metadata)
