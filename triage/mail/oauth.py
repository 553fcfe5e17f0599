"""OAuth2 sign-in for IMAP (XOAUTH2): `triage auth` once, fresh access tokens ever after.

`triage auth` runs the device-code flow (RFC 8628: print a URL and a code, poll
until the person has signed in) or the installed-app flow (RFC 8252: a loopback
redirect on 127.0.0.1 with PKCE S256). Only the refresh token is kept: in the
system keyring when the `keyring` package has a working backend, else in
`oauth-<hash>.json` (mode 0600) beside the state database. Access tokens live in
memory only. Nothing here logs a token or puts one into an exception message.
Only the standard library is used, so no OAuth package is needed.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import logging
import os
import secrets
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..config import Config, ConfigError, ImapSettings
from .errors import LoginRefused, MailError
from .providers import default_flow

log = logging.getLogger(__name__)

REFRESH_MARGIN = 60.0        # seconds before expiry at which a token counts as stale
HTTP_TIMEOUT = 30.0
LOOPBACK_TIMEOUT = 300.0     # how long `triage auth` waits for the browser to come back
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
KEYRING_SERVICE = "triage-oauth"
AGAIN = "run `triage auth` again"

# Authorization parameters a provider needs beyond RFC 6749 to hand out a refresh token.
EXTRA_AUTH_PARAMS = {"gmail": {"access_type": "offline", "prompt": "consent"}}


class SignInError(MailError):
    """`triage auth` could not finish (declined, timed out, endpoint unreachable): one line, exit 1."""


class SignInExpired(LoginRefused):
    """No usable refresh token: the user must sign in again; retrying will not help."""


@dataclass(frozen=True)
class OAuthClient:
    """Who signs in where: the [imap] OAuth2 settings with the client secret read from its variable."""

    provider: str
    username: str
    client_id: str
    client_secret: str
    auth_url: str
    token_url: str
    device_code_url: str
    scopes: str


def oauth_client(settings: ImapSettings, where: str = "config") -> OAuthClient:
    secret = ""
    if settings.client_secret_env:
        secret = os.environ.get(settings.client_secret_env, "")
        if not secret:
            raise ConfigError(f"{where}: [imap] client_secret_env: the environment variable "
                              f"{settings.client_secret_env} is not set")
    return OAuthClient(settings.provider, settings.username, settings.client_id, secret, settings.auth_url,
                       settings.token_url, settings.device_code_url, settings.scopes)


# ---------------------------------------------------------------- HTTP


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc or url


def _post(url: str, fields: dict[str, str]) -> dict[str, Any]:
    """POST a form, return the JSON object; OAuth2 error answers (HTTP 400/401) come back as objects too."""
    data = urllib.parse.urlencode({k: v for k, v in fields.items() if v}).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            body, status = response.read(), response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise SignInError(f"cannot reach {_host(url)}: {reason}") from None
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or (status >= 300 and "error" not in answer):
        raise SignInError(f"{_host(url)} answered HTTP {status} without an OAuth2 answer")
    return answer


def _error_line(answer: dict[str, Any]) -> str:
    text = str(answer.get("error", "error"))
    if answer.get("error_description"):
        text += f" ({' '.join(str(answer['error_description']).split())[:200]})"
    return text


def _token_request(client: OAuthClient, fields: dict[str, str]) -> dict[str, Any]:
    return _post(client.token_url, {"client_id": client.client_id, "client_secret": client.client_secret, **fields})


# ---------------------------------------------------------------- refresh-token storage


def _account_key(client: OAuthClient) -> str:
    return hashlib.sha256(f"{client.username}\n{client.provider}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class TokenFile:
    """oauth-<hash>.json in the data dir, created 0600 and replaced atomically."""

    path: Path

    def load(self) -> str | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        token = data.get("refresh_token") if isinstance(data, dict) else None
        return token if isinstance(token, str) and token else None

    def save(self, token: str, **about: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = json.dumps({**about, "refresh_token": token,
                           "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}, indent=1)
        temp = self.path.with_name(self.path.name + ".tmp")
        temp.unlink(missing_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, self.path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def describe(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class KeyringEntry:
    """One entry in the system keyring; falls back to the file when the keyring fails at use."""

    backend: Any
    account: str
    fallback: TokenFile

    def load(self) -> str | None:
        try:
            token = self.backend.get_password(KEYRING_SERVICE, self.account)
        except Exception as exc:  # a locked or absent keyring daemon: the file may still hold one
            log.info("system keyring unavailable (%s); using %s", type(exc).__name__, self.fallback.path)
            token = None
        return token or self.fallback.load()

    def save(self, token: str, **about: str) -> None:
        try:
            self.backend.set_password(KEYRING_SERVICE, self.account, token)
        except Exception as exc:
            log.warning("system keyring refused the token (%s); storing it in %s", type(exc).__name__,
                        self.fallback.path)
            self.fallback.save(token, **about)
            return
        self.fallback.path.unlink(missing_ok=True)   # one place only: a stale file would shadow nothing

    def describe(self) -> str:
        return f"the system keyring ({KEYRING_SERVICE} / {self.account})"


def _usable_keyring() -> Any:
    """The keyring module if it is installed and has a real backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def token_store(client: OAuthClient, data_dir: Path) -> TokenFile | KeyringEntry:
    file = TokenFile(data_dir / f"oauth-{_account_key(client)}.json")
    backend = _usable_keyring()
    if backend is None:
        return file
    return KeyringEntry(backend, f"{client.provider}:{client.username}", file)


def _save(store: TokenFile | KeyringEntry, client: OAuthClient, token: str) -> None:
    store.save(token, provider=client.provider, username=client.username, token_url=client.token_url)


# ---------------------------------------------------------------- access tokens


class AccessTokens:
    """The access-token source a login calls: `tokens()` a cached one, `tokens(True)` a fresh one."""

    def __init__(self, client: OAuthClient, store: TokenFile | KeyringEntry,
                 clock: Callable[[], float] = time.time) -> None:
        self.client = client
        self.store = store
        self.clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()   # the service's pass and IDLE threads share one source

    def __call__(self, fresh: bool = False) -> str:
        with self._lock:
            if fresh or self._token is None or self.clock() >= self._expires_at - REFRESH_MARGIN:
                self._refresh()
            assert self._token is not None
            return self._token

    def remember(self, answer: dict[str, Any]) -> None:
        """Keep the access token of a token-endpoint answer."""
        self._token = str(answer["access_token"])
        self._expires_at = self.clock() + float(answer.get("expires_in") or 3600)

    def _refresh(self) -> None:
        refresh_token = self.store.load()
        if not refresh_token:
            raise SignInExpired(f"not signed in to {self.client.provider} as {self.client.username}: "
                                f"run `triage auth` first")
        answer = _token_request(self.client, {"grant_type": "refresh_token", "refresh_token": refresh_token,
                                              "scope": self.client.scopes})
        if answer.get("error") == "invalid_grant":
            self._token = None
            raise SignInExpired(f"sign-in expired or revoked: {AGAIN}")
        if "error" in answer or not answer.get("access_token"):
            raise SignInError(f"{_host(self.client.token_url)} refused to refresh the sign-in: "
                              f"{_error_line(answer) if 'error' in answer else 'no access token'}")
        self.remember(answer)
        rotated = answer.get("refresh_token")
        if isinstance(rotated, str) and rotated and rotated != refresh_token:
            _save(self.store, self.client, rotated)   # Microsoft rotates them on every refresh
        log.info("access token refreshed, valid for %.0f s", self._expires_at - self.clock())


# One source per account and process, so that reconnects reuse the cached token.
_SOURCES: dict[tuple[str, ...], AccessTokens] = {}
_SOURCES_LOCK = threading.Lock()


def access_token_source(config: Config) -> AccessTokens:
    """The access-token source for the config's account (what connect() hands to the IMAP login)."""
    assert config.imap is not None
    client = oauth_client(config.imap, str(config.path) if config.path else "config")
    store = token_store(client, data_dir(config))
    key = (client.token_url, client.client_id, client.username, client.provider, store.describe())
    with _SOURCES_LOCK:
        source = _SOURCES.get(key)
        if source is None or source.client != client:
            source = _SOURCES[key] = AccessTokens(client, store)
        return source


def forget_access_tokens() -> None:
    """Drop every cached access token (tests; a process that signs in anew)."""
    with _SOURCES_LOCK:
        _SOURCES.clear()


def data_dir(config: Config) -> Path:
    """Where the token file lives: beside the state database (the platform data dir by default)."""
    return config.state_path.parent


# ---------------------------------------------------------------- `triage auth`


def sign_in(config: Config, flow: str | None = None, *, open_browser: bool = True,
            say: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep) -> str:
    """Run one sign-in flow, store the refresh token, and return a line saying where it went."""
    if config.imap is None or config.imap.auth != "oauth2":
        raise ConfigError(f"{config.path or 'config'}: `triage auth` needs [imap] auth = \"oauth2\"")
    where = str(config.path) if config.path else "config"
    client = oauth_client(config.imap, where)
    flow = flow or default_flow(client.provider, client.device_code_url)
    if flow == "device":
        if not client.device_code_url:
            raise ConfigError(f"{where}: [imap] device_code_url is needed for --flow device")
        answer = device_flow(client, say, sleep=sleep)
    else:
        if not client.auth_url:
            raise ConfigError(f"{where}: [imap] auth_url is needed for --flow loopback")
        answer = loopback_flow(client, say, open_browser=open_browser)
    refresh_token = answer.get("refresh_token")
    if not isinstance(refresh_token, str) or not refresh_token:
        raise SignInError(f"{_host(client.token_url)} signed you in but gave no refresh token; "
                          f"check the scopes (Microsoft needs offline_access)")
    store = token_store(client, data_dir(config))
    _save(store, client, refresh_token)
    forget_access_tokens()
    access_token_source(config).remember(answer)
    return f"signed in as {client.username}; refresh token stored in {store.describe()}"


def device_flow(client: OAuthClient, say: Callable[[str], None], *,
                sleep: Callable[[float], None] = time.sleep,
                clock: Callable[[], float] = time.monotonic) -> dict[str, Any]:
    """RFC 8628: show the URL and code, then poll the token endpoint at the interval the server asks for."""
    start = _post(client.device_code_url, {"client_id": client.client_id, "scope": client.scopes})
    if "error" in start:
        raise SignInError(f"{_host(client.device_code_url)} refused the sign-in request: {_error_line(start)}")
    try:
        device_code = str(start["device_code"])
        user_code = str(start["user_code"])
        url = str(start.get("verification_uri") or start["verification_url"])   # Google says _url
    except KeyError as exc:
        raise SignInError(f"{_host(client.device_code_url)} answered without {exc.args[0]}") from None
    interval = float(start.get("interval") or 5)
    deadline = clock() + float(start.get("expires_in") or 900)
    say(f"To sign in, open {url} and enter the code {user_code}")
    if start.get("verification_uri_complete"):
        say(f"(or open {start['verification_uri_complete']})")
    say("Waiting for the sign-in to finish...")
    while True:
        sleep(interval)
        if clock() > deadline:
            raise SignInError(f"the code {user_code} expired before the sign-in finished; {AGAIN}")
        answer = _token_request(client, {"grant_type": DEVICE_GRANT, "device_code": device_code})
        error = answer.get("error")
        if error is None and answer.get("access_token"):
            return answer
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += 5      # RFC 8628 3.5: every slow_down adds five seconds for good
            continue
        if error == "expired_token":
            raise SignInError(f"the code {user_code} expired before the sign-in finished; {AGAIN}")
        if error == "access_denied":
            raise SignInError("the sign-in was declined")
        raise SignInError(f"{_host(client.token_url)} refused the sign-in: "
                          f"{_error_line(answer) if error else 'no access token'}")


def pkce_pair() -> tuple[str, str]:
    """A PKCE code verifier and its S256 challenge (RFC 7636)."""
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode()
    return verifier, challenge


class _Redirect(http.server.BaseHTTPRequestHandler):
    """Receives the one browser redirect that carries the authorization code."""

    server: "_LoopbackServer"

    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        if "code" not in query and "error" not in query:
            self.send_error(404)
            return
        self.server.answer = {k: v[0] for k, v in query.items()}
        ok = "code" in query and secrets.compare_digest(self.server.answer.get("state", ""), self.server.state)
        text = ("Signed in. You can close this tab and go back to triage." if ok
                else "The sign-in did not succeed; see the terminal.")
        body = f"<!doctype html><title>triage</title><p>{text}</p>".encode()
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # the request line holds the code: never log it
        pass


class _LoopbackServer(http.server.HTTPServer):
    def __init__(self, state: str) -> None:
        super().__init__(("127.0.0.1", 0), _Redirect)
        self.state = state
        self.answer: dict[str, str] | None = None


def _has_desktop() -> bool:
    """False on a headless Unix box, where webbrowser would start a text browser inside the terminal."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def loopback_flow(client: OAuthClient, say: Callable[[str], None], *, open_browser: bool = True,
                  timeout: float = LOOPBACK_TIMEOUT) -> dict[str, Any]:
    """RFC 8252 with PKCE: print the URL, wait for the browser's redirect to 127.0.0.1, exchange the code."""
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(24)
    with _LoopbackServer(state) as server:
        redirect_uri = f"http://127.0.0.1:{server.server_address[1]}/"
        params = {"response_type": "code", "client_id": client.client_id, "redirect_uri": redirect_uri,
                  "scope": client.scopes, "state": state, "code_challenge": challenge,
                  "code_challenge_method": "S256", "login_hint": client.username,
                  **EXTRA_AUTH_PARAMS.get(client.provider, {})}
        separator = "&" if urllib.parse.urlsplit(client.auth_url).query else "?"
        url = client.auth_url + separator + urllib.parse.urlencode(params)
        say("To sign in, open this URL in a browser on this machine:")
        say(url)
        if open_browser and _has_desktop():
            try:
                webbrowser.open(url)
            except Exception:  # no browser here: the printed URL is enough
                pass
        say("Waiting for the sign-in to finish...")
        server.timeout = 0.5
        deadline = time.monotonic() + timeout
        while server.answer is None:
            if time.monotonic() > deadline:
                raise SignInError(f"no sign-in arrived within {timeout / 60:.0f} min; {AGAIN}")
            server.handle_request()
        answer = server.answer
    if "error" in answer:
        raise SignInError(f"the sign-in was not completed: {_error_line(answer)}")
    if not secrets.compare_digest(answer.get("state", ""), state):
        raise SignInError(f"the sign-in answer did not carry the state triage sent; {AGAIN}")
    tokens = _token_request(client, {"grant_type": "authorization_code", "code": answer["code"],
                                     "redirect_uri": redirect_uri, "code_verifier": verifier})
    if "error" in tokens or not tokens.get("access_token"):
        raise SignInError(f"{_host(client.token_url)} refused the sign-in: "
                          f"{_error_line(tokens) if 'error' in tokens else 'no access token'}")
    return tokens
