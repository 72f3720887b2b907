"""A SAML 2.0 identity provider for the sign-in tests, run as its own process on 127.0.0.1:
`python -m tests.saml_idp DIRECTORY PORT`.

The protocol is pysaml2's (PyPI), the SAML library of IdentityPython that SATOSA and many
federation IdPs run on: it checks the signature of each AuthnRequest against the service
provider's metadata, and signs the assertions it issues (xmlsec1). This module only gives it a
sign-in form and an address, as a federation IdP would. (NanoIDP, which serves the OpenID
Connect tests, also speaks SAML, but places the assertion's signature after its statements,
where the SAML schema does not allow it, and python3-saml rightly refuses such answers.)

DIRECTORY holds idp.key and idp.pem (its signing pair), users.json (username → password,
attributes) and one sp-*.xml per service provider it trusts; the SP files are read anew for
each request, so a test can register the service provider once it knows its addresses."""

import html
import json
import sys
from pathlib import Path
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"


def config(directory: Path, base: str) -> IdPConfig:
    conf = IdPConfig()
    conf.load(
        {
            "entityid": f"{base}/metadata",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "want_authn_requests_signed": True,
                    "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": 5},
                            "name_form": NAME_FORMAT_URI,
                            "attribute_restrictions": None,
                        }
                    },
                }
            },
            "key_file": str(directory / "idp.key"),
            "cert_file": str(directory / "idp.pem"),
            "metadata": {"local": sorted(str(p) for p in directory.glob("sp-*.xml"))},
            "xmlsec_binary": "/usr/bin/xmlsec1",
        }
    )
    return conf


def sign_in_form(params: dict, message: str = "") -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in params.items()
    )
    return (
        "<!DOCTYPE html><html lang='sv'><head><title>Federationens inloggning</title></head>"
        f"<body><main><h1>Federationens inloggning</h1><p role='alert'>{html.escape(message)}</p>"
        f"<form method='post' action='sso'>{hidden}"
        "<label for='username'>Användarnamn</label><input id='username' name='username'>"
        "<label for='password'>Lösenord</label>"
        "<input id='password' name='password' type='password'>"
        "<button type='submit'>Logga in</button></form></main></body></html>"
    )


class App:
    def __init__(self, directory: Path, base: str):
        self.directory, self.base = directory, base

    def __call__(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/metadata":
            body = create_metadata_string(None, config=config(self.directory, self.base))
            return self.answer(start_response, "200 OK", body, "application/samlmetadata+xml")
        if path == "/health":
            return self.answer(start_response, "200 OK", b"ok", "text/plain")
        if path != "/sso":
            return self.answer(start_response, "404 Not Found", b"", "text/plain")
        if environ["REQUEST_METHOD"] == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            query = environ["wsgi.input"].read(size).decode()
        else:
            query = environ.get("QUERY_STRING", "")
        params = {k: v[0] for k, v in parse_qs(query, keep_blank_values=True).items()}
        return self.sso(start_response, params)

    def sso(self, start_response, params: dict):
        server = Server(config=config(self.directory, self.base))
        signed = ("SAMLRequest", "RelayState", "SigAlg", "Signature")
        request_params = {k: params[k] for k in signed if k in params}
        try:
            request = server.parse_authn_request(
                params["SAMLRequest"],
                BINDING_HTTP_REDIRECT,
                relay_state=params.get("RelayState"),
                sigalg=params.get("SigAlg"),
                signature=params.get("Signature"),
            )
        except Exception as error:  # an unsigned, forged or unknown request
            body = f"Ogiltig begäran: {type(error).__name__}: {error}".encode()
            return self.answer(start_response, "403 Forbidden", body, "text/plain")
        users = json.loads((self.directory / "users.json").read_text())
        user = users.get(params.get("username", ""))
        if user is None or user["password"] != params.get("password"):
            message = "Fel användarnamn eller lösenord." if "username" in params else ""
            body = sign_in_form(request_params, message).encode()
            return self.answer(start_response, "200 OK", body, "text/html; charset=utf-8")
        message = request.message
        destination = message.assertion_consumer_service_url
        response = server.create_authn_response(
            identity=user["attributes"],
            in_response_to=message.id,
            destination=destination,
            sp_entity_id=message.issuer.text,
            name_id=NameID(
                format=NAMEID_FORMAT_PERSISTENT,
                text=params["username"],
                name_qualifier=server.config.entityid,
                sp_name_qualifier=message.issuer.text,
            ),
            authn={"class_ref": PASSWORD},
            sign_assertion=True,
            sign_response=False,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
        http = server.apply_binding(
            BINDING_HTTP_POST,
            str(response),
            destination,
            params.get("RelayState", ""),
            response=True,
        )
        return self.answer(start_response, "200 OK", http["data"].encode(), "text/html")

    @staticmethod
    def answer(start_response, status, body, content_type):
        body = body.encode() if isinstance(body, str) else body
        start_response(status, [("Content-Type", content_type)])
        return [body]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


if __name__ == "__main__":
    directory, port = Path(sys.argv[1]), int(sys.argv[2])
    app = App(directory, f"http://127.0.0.1:{port}")
    make_server("127.0.0.1", port, app, handler_class=QuietHandler).serve_forever()
