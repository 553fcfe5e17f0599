"""A tiny OAuth2 authorization server on 127.0.0.1 for the sign-in tests.

It speaks just enough of RFC 6749, 7636 (PKCE S256), 8628 (device code) and
7662 (introspection, which Dovecot's oauth2 passdb calls) to sign one test
user in: it issues, refreshes, expires and revokes tokens on the test's word.
Every token and code it hands out contains MARK, so a leak into any output can
be searched for.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MARK = "OAUTHMARK"
CLIENT_ID = "triage-test-client"


@dataclass
class Grant:
    """What a device code or authorization code stands for until it is redeemed."""

    user: str
    scope: str
    expires_at: float
    approved: bool = False
    challenge: str = ""
    redirect_uri: str = ""
    used: bool = False


@dataclass
class TokenServer:
    user: str
    access_lifetime: int = 3600
    device_interval: int = 1
    slow_down_polls: int = 0          # answer slow_down to this many polls before anything else
    rotate_refresh_tokens: bool = False
    client_secret: str = ""           # required from the client when set
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)   # (path, form) of every call
    issued: list[str] = field(default_factory=list)                            # every secret handed out

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.devices: dict[str, Grant] = {}          # device_code -> grant
        self.user_codes: dict[str, str] = {}         # user_code -> device_code
        self.codes: dict[str, Grant] = {}            # authorization code -> grant
        self.access: dict[str, float] = {}           # access token -> expiry (epoch seconds)
        self.refresh: dict[str, str] = {}            # refresh token -> user
        self.revoked: set[str] = set()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # -- lifecycle and the test's levers ---------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> "TokenServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.lock:
            for table in (self.devices, self.user_codes, self.codes, self.access, self.refresh):
                table.clear()
            self.revoked.clear()
            self.requests.clear()
            self.issued.clear()
            self.access_lifetime, self.device_interval, self.slow_down_polls = 3600, 1, 0
            self.rotate_refresh_tokens, self.client_secret = False, ""

    def approve(self, user_code: str) -> None:
        """The person entered the code and signed in."""
        with self.lock:
            self.devices[self.user_codes[user_code]].approved = True

    def expire_access_tokens(self) -> None:
        """Every access token issued so far stops working, whatever lifetime it announced."""
        with self.lock:
            for token in self.access:
                self.access[token] = 0.0

    def revoke_refresh_tokens(self) -> None:
        with self.lock:
            self.revoked.update(self.refresh)
            for token in self.access:
                self.access[token] = 0.0

    def grants(self) -> list[str]:
        return [form.get("grant_type", "") for path, form in self.requests if path == "/token"]

    # -- endpoints --------------------------------------------------------------

    def _secret(self, kind: str) -> str:
        value = f"{kind}-{MARK}-{secrets.token_hex(12)}"
        self.issued.append(value)
        return value

    def _tokens(self, user: str, scope: str, refresh_token: str | None = None) -> dict[str, Any]:
        access = self._secret("at")
        self.access[access] = time.time() + self.access_lifetime
        if refresh_token is None or self.rotate_refresh_tokens:
            if refresh_token is not None:
                self.revoked.add(refresh_token)
            refresh_token = self._secret("rt")
            self.refresh[refresh_token] = user
        return {"access_token": access, "token_type": "Bearer", "expires_in": self.access_lifetime,
                "scope": scope, "refresh_token": refresh_token}

    def _client_ok(self, form: dict[str, str]) -> bool:
        return form.get("client_id") == CLIENT_ID and form.get("client_secret", "") == self.client_secret

    def device_code(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if form.get("client_id") != CLIENT_ID:
            return 400, {"error": "invalid_client"}
        device_code = self._secret("dc")
        user_code = f"{secrets.randbelow(10000):04d}-{secrets.randbelow(10000):04d}"
        self.devices[device_code] = Grant(self.user, form.get("scope", ""), time.time() + 600)
        self.user_codes[user_code] = device_code
        return 200, {"device_code": device_code, "user_code": user_code,
                     "verification_uri": f"{self.url}/device", "expires_in": 600,
                     "interval": self.device_interval}

    def token(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if not self._client_ok(form):
            return 401, {"error": "invalid_client"}
        kind = form.get("grant_type")
        if kind == "urn:ietf:params:oauth:grant-type:device_code":
            grant = self.devices.get(form.get("device_code", ""))
            if grant is None or grant.used:
                return 400, {"error": "invalid_grant"}
            if time.time() > grant.expires_at:
                return 400, {"error": "expired_token"}
            if self.slow_down_polls:
                self.slow_down_polls -= 1
                return 400, {"error": "slow_down"}
            if not grant.approved:
                return 400, {"error": "authorization_pending"}
            grant.used = True
            return 200, self._tokens(grant.user, grant.scope)
        if kind == "authorization_code":
            grant = self.codes.get(form.get("code", ""))
            if grant is None or grant.used or time.time() > grant.expires_at:
                return 400, {"error": "invalid_grant", "error_description": "unknown or used code"}
            grant.used = True   # a code is good once, even when the verifier was wrong
            if form.get("redirect_uri") != grant.redirect_uri:
                return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
            if s256(form.get("code_verifier", "")) != grant.challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
            return 200, self._tokens(grant.user, grant.scope)
        if kind == "refresh_token":
            token = form.get("refresh_token", "")
            if token not in self.refresh or token in self.revoked:
                return 400, {"error": "invalid_grant", "error_description": "token revoked"}
            return 200, self._tokens(self.refresh[token], form.get("scope", ""), refresh_token=token)
        return 400, {"error": "unsupported_grant_type"}

    def authorize(self, query: dict[str, str]) -> tuple[int, str]:
        """The person signs in at once; answers the redirect back to the app (or 400 for a bad request)."""
        redirect = query.get("redirect_uri", "")
        parts = urllib.parse.urlsplit(redirect)
        if (query.get("client_id") != CLIENT_ID or query.get("response_type") != "code"
                or parts.scheme != "http" or parts.hostname != "127.0.0.1"):
            return 400, ""
        if query.get("code_challenge_method") != "S256" or len(query.get("code_challenge", "")) != 43:
            return 302, _with_query(redirect, error="invalid_request", state=query.get("state", ""))
        code = self._secret("ac")
        self.codes[code] = Grant(self.user, query.get("scope", ""), time.time() + 120, True,
                                 query["code_challenge"], redirect)
        return 302, _with_query(redirect, code=code, state=query.get("state", ""))

    def introspect(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        expiry = self.access.get(form.get("token", ""))
        if expiry is None or time.time() >= expiry:
            return 200, {"active": False}
        return 200, {"active": True, "username": self.user, "token_type": "Bearer",
                     "exp": int(expiry), "client_id": CLIENT_ID}


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _with_query(url: str, **params: str) -> str:
    return url + ("&" if "?" in url else "?") + urllib.parse.urlencode(params)


def _handler(server: TokenServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(length).decode()).items()}
            path = urllib.parse.urlsplit(self.path).path
            with server.lock:
                server.requests.append((path, form))
                route = {"/device/code": server.device_code, "/token": server.token,
                         "/introspect": server.introspect}.get(path)
                status, body = route(form) if route else (404, {"error": "not_found"})
            self._send(status, json.dumps(body).encode(), "application/json")

        def do_GET(self) -> None:  # noqa: N802
            parts = urllib.parse.urlsplit(self.path)
            query = {k: v[0] for k, v in urllib.parse.parse_qs(parts.query).items()}
            with server.lock:
                server.requests.append((parts.path, query))
                if parts.path == "/authorize":
                    status, location = server.authorize(query)
                    if status == 302:
                        self.send_response(302)
                        self.send_header("Location", location)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self._send(status, b"bad request", "text/plain")
                    return
            if parts.path == "/device" and query.get("user_code") in server.user_codes:
                server.approve(query["user_code"])
                self._send(200, b"signed in", "text/plain")
                return
            self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def dovecot_passdb(conf_path: str) -> str:
    """The dovecot.conf lines that check XOAUTH2/OAUTHBEARER tokens against this server."""
    return (
        "auth_mechanisms = plain login xoauth2 oauthbearer\n"
        "passdb {\n"
        "  driver = oauth2\n"
        "  mechanisms = xoauth2 oauthbearer\n"
        f"  args = {conf_path}\n"
        "}\n"
    )


def dovecot_oauth2_conf(server: TokenServer) -> str:
    """The oauth2 passdb's own file: RFC 7662 introspection by POST, the account must be active."""
    return (
        f"introspection_url = {server.url}/introspect\n"
        "introspection_mode = post\n"
        "force_introspection = yes\n"
        "username_attribute = username\n"
        "active_attribute = active\n"
        "active_value = true\n"
    )
