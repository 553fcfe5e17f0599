"""OAuth2 sign-in end to end: a local token server, a Dovecot with an oauth2 passdb, XOAUTH2 logins.

`triage auth` runs as a real process whose printed URL the test follows like a
person would; `triage once` then logs in with XOAUTH2 and files mail. Every
token the server hands out carries a marker that no output may contain.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from testkit import dovecot, mailboxes, oauth_server
from testkit.imap import append, where
from testkit.mailboxes import EXPECTED_FOLDER, labeled_mailbox, message_id
from testkit.oauth_server import CLIENT_ID, MARK, TokenServer
from triage.cli import main
from triage.config import ConfigError, load_config, parse_config
from triage.mail import oauth
from triage.mail.connect import connect
from triage.mail.credentials import imap_password
from triage.mail.errors import LoginRefused
from triage.mail.imap import ImapClient
from triage.passes import run_once

REPO = Path(__file__).resolve().parent.parent
# The keyring package's own switch: its null backend counts as "no usable keyring", so the file is used.
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def token_server() -> Iterator[TokenServer]:
    server = TokenServer(dovecot.USER).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def oauth_dovecot(token_server: TokenServer) -> Iterator[dovecot.Dovecot]:
    """A Dovecot of its own whose oauth2 passdb asks the token server about every XOAUTH2 token."""
    conf_dir = Path(tempfile.mkdtemp(prefix="toa", dir="/tmp"))
    os.chmod(conf_dir, 0o755)      # Dovecot's auth process reads the file as its own user
    conf = conf_dir / "dovecot-oauth2.conf.ext"
    conf.write_text(oauth_server.dovecot_oauth2_conf(token_server))
    conf.chmod(0o644)
    # No failure delay: the tests make tokens fail on purpose.
    server = dovecot.create(passdb_extra=oauth_server.dovecot_passdb(str(conf)) + "auth_failure_delay = 0\n")
    yield server
    dovecot.destroy(server)
    shutil.rmtree(conf_dir, ignore_errors=True)


@pytest.fixture
def ts(token_server: TokenServer, oauth_dovecot: dovecot.Dovecot,
       monkeypatch: pytest.MonkeyPatch) -> Iterator[TokenServer]:
    """The token server with no tokens, an empty mailbox, no cached access tokens, no keyring."""
    token_server.reset()
    oauth_dovecot.wipe_mail()
    oauth.forget_access_tokens()
    monkeypatch.setattr(oauth, "_usable_keyring", lambda: None)
    yield token_server
    oauth.forget_access_tokens()


def write_oauth_config(path: Path, server: dovecot.Dovecot, ts: TokenServer, *, extra_imap: str = "") -> Path:
    path.write_text(
        f'[imap]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nusername = "{server.user}"\n'
        f'auth = "oauth2"\nclient_id = "{CLIENT_ID}"\n'
        f'auth_url = "{ts.url}/authorize"\ntoken_url = "{ts.url}/token"\n'
        f'device_code_url = "{ts.url}/device/code"\nscopes = ["mail", "offline_access"]\n{extra_imap}'
        f'\n[state]\npath = "{path.parent / "state.db"}"\n')
    path.chmod(0o600)
    return path


class Process:
    """A `triage` command in its own process, its output read line by line as it comes."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "triage", *args], cwd=REPO, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **NO_KEYRING})
        self.lines: queue.Queue[str] = queue.Queue()
        self.out: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.out.append(line)
            found = re.search(pattern, line)
            if found:
                return found
        self.proc.kill()
        raise AssertionError(f"no line matching {pattern!r}; got {self.out!r}, stderr {self.proc.stderr.read()!r}")

    def finish(self, timeout: float = 30.0) -> tuple[int, str, str]:
        code = self.proc.wait(timeout)
        time.sleep(0.1)
        while not self.lines.empty():
            self.out.append(self.lines.get())
        assert self.proc.stderr is not None
        return code, "".join(self.out), self.proc.stderr.read()


def sign_in_by_device(config_path: Path, ts: TokenServer) -> str:
    """`triage auth` in-process, the person approving the code at once; returns what it said."""
    said: list[str] = []

    def approve_then_wait(seconds: float) -> None:
        code = re.search(r"enter the code (\S+)", "\n".join(said))
        assert code
        ts.approve(code.group(1))

    said.append(oauth.sign_in(load_config(config_path), "device", say=said.append, sleep=approve_then_wait))
    return "\n".join(said)


def token_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("oauth-*.json"))


# ---------------------------------------------------------------- the flows


def test_device_code_sign_in_then_xoauth2_login(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    auth = Process("auth", "-c", str(config_path), "--flow", "device")
    found = auth.wait_for(r"open (\S+) and enter the code (\S+)")
    url, user_code = found.group(1), found.group(2)
    assert url == f"{ts.url}/device"
    deadline = time.monotonic() + 15      # let triage poll once before the person is done: authorization_pending
    while oauth.DEVICE_GRANT not in ts.grants() and time.monotonic() < deadline:
        time.sleep(0.05)
    with urllib.request.urlopen(f"{url}?user_code={user_code}", timeout=10) as page:   # the person signs in
        assert page.status == 200
    code, out, err = auth.finish()
    assert code == 0, (out, err)
    assert f"signed in as {oauth_dovecot.user}" in out
    assert ts.grants().count(oauth.DEVICE_GRANT) >= 2       # pending, then granted

    config = load_config(config_path)
    with connect(config, imap_password(config.imap)) as client:
        assert isinstance(client, ImapClient)
        assert client.locate("<nobody@example.org>", "") == [] and client._selected == "INBOX"
    assert "method=XOAUTH2" in oauth_dovecot.log()
    assert ts.grants()[-1] == "refresh_token"     # a new process: the access token was only in memory


def test_once_files_mail_over_xoauth2(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    sign_in_by_device(config_path, ts)
    mails = labeled_mailbox()
    append(oauth_dovecot, list(mails.values()))

    result = subprocess.run([sys.executable, "-m", "triage", "once", "-c", str(config_path)], cwd=REPO,
                            capture_output=True, text=True, timeout=120, env={**os.environ, **NO_KEYRING})

    assert result.returncode == 0, result.stderr
    assert "pitch 1" in result.stdout
    places = where(oauth_dovecot)
    for name, raw in mails.items():
        assert places[message_id(raw)] == EXPECTED_FOLDER[name], name


def test_device_flow_honours_interval_slow_down_and_expiry(ts):
    ts.device_interval, ts.slow_down_polls = 2, 1
    client = oauth.OAuthClient("custom", dovecot.USER, CLIENT_ID, "", "", f"{ts.url}/token",
                               f"{ts.url}/device/code", "mail")
    said: list[str] = []
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 3:
            ts.approve(re.search(r"enter the code (\S+)", said[0]).group(1))

    answer = oauth.device_flow(client, said.append, sleep=sleep)
    assert answer["access_token"].startswith("at-")
    # interval 2, then slow_down adds 5 for good: 2, 7 (pending), 7 (granted).
    assert waits == [2, 7, 7]

    def expire(seconds: float) -> None:
        for grant in ts.devices.values():
            grant.expires_at = 0.0

    with pytest.raises(oauth.SignInError, match="expired before the sign-in finished; run `triage auth` again"):
        oauth.device_flow(client, said.append, sleep=expire)


def test_loopback_pkce_sign_in_by_following_the_printed_url(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    auth = Process("auth", "-c", str(config_path), "--flow", "loopback", "--no-browser")
    url = auth.wait_for(r"^(http://127\.0\.0\.1:\d+/authorize\?\S+)$").group(1)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["redirect_uri"].startswith("http://127.0.0.1:") and query["state"]
    assert query["login_hint"] == oauth_dovecot.user

    # The browser: the server signs the person in and redirects to triage's loopback listener.
    with urllib.request.urlopen(url, timeout=10) as page:
        assert page.status == 200 and b"Signed in" in page.read()
    code, out, err = auth.finish()
    assert code == 0, (out, err)
    exchange = [form for path, form in ts.requests if path == "/token"][0]
    assert exchange["grant_type"] == "authorization_code"
    assert oauth_server.s256(exchange["code_verifier"]) == query["code_challenge"]

    config = load_config(config_path)
    with connect(config, "") as client:
        assert client.open_inbox().uidvalidity > 0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _run_loopback(client: oauth.OAuthClient) -> tuple[queue.Queue, list[str]]:
    said: list[str] = []
    outcome: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            outcome.put(oauth.loopback_flow(client, said.append, open_browser=False, timeout=20))
        except Exception as exc:
            outcome.put(exc)

    threading.Thread(target=run, daemon=True).start()
    deadline = time.monotonic() + 10
    while not any("/authorize?" in line for line in said) and time.monotonic() < deadline:
        time.sleep(0.05)
    return outcome, said


def test_loopback_refuses_a_redirect_with_the_wrong_state(ts):
    client = oauth.OAuthClient("custom", dovecot.USER, CLIENT_ID, "", f"{ts.url}/authorize",
                               f"{ts.url}/token", "", "mail")
    outcome, said = _run_loopback(client)
    url = next(line for line in said if "/authorize?" in line)
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(url, timeout=10)
    location = redirect.value.headers["Location"]
    forged = re.sub(r"state=[^&]+", "state=forged", location)
    with pytest.raises(urllib.error.HTTPError) as page:
        urllib.request.urlopen(forged, timeout=10)
    assert page.value.code == 400
    error = outcome.get(timeout=10)
    assert isinstance(error, oauth.SignInError) and "did not carry the state" in str(error)
    assert "authorization_code" not in ts.grants()      # the code was never exchanged


def test_pkce_pair_is_s256():
    verifier, challenge = oauth.pkce_pair()
    assert 43 <= len(verifier) <= 128 and re.fullmatch(r"[A-Za-z0-9_-]+", verifier)
    assert challenge == oauth_server.s256(verifier)


# ---------------------------------------------------------------- keeping the sign-in fresh


def test_expired_access_token_is_refreshed_without_a_failed_pass(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    sign_in_by_device(config_path, ts)
    config = load_config(config_path)
    append(oauth_dovecot, [mailboxes.ordinary_email(seed=1)])
    run_once(config)
    assert ts.grants().count("refresh_token") == 0     # the sign-in's own access token was used

    # The server drops the token early; the login fails once, is refreshed, and succeeds.
    ts.expire_access_tokens()
    append(oauth_dovecot, [mailboxes.ordinary_email(seed=2)])
    run_once(config)
    assert ts.grants().count("refresh_token") == 1

    # Near its announced expiry (60 s margin) a token is refreshed before it is used at all.
    source = oauth.access_token_source(config)
    current = source()
    source.clock = lambda: time.time() + ts.access_lifetime - 30
    fresh = source()
    assert fresh != current and ts.grants().count("refresh_token") == 2
    with connect(config, "") as client:
        client.open_inbox()
    rows = sqlite3.connect(config.state_path).execute("SELECT ok FROM passes").fetchall()
    assert rows == [(1,), (1,)]


def test_rotated_refresh_token_is_stored(ts, oauth_dovecot, tmp_path):
    ts.rotate_refresh_tokens = True
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    sign_in_by_device(config_path, ts)
    [file] = token_files(tmp_path)
    first = file.read_text()
    oauth.forget_access_tokens()
    with connect(load_config(config_path), "") as client:
        client.open_inbox()
    assert file.read_text() != first
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_revoked_refresh_token_is_one_line_naming_triage_auth(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    sign_in_by_device(config_path, ts)
    ts.revoke_refresh_tokens()

    # In this process the cached access token fails first, then the refresh is refused.
    with pytest.raises(LoginRefused, match=r"^sign-in expired or revoked: run `triage auth` again$"):
        connect(load_config(config_path), "")

    result = CliRunner().invoke(main, ["once", "-c", str(config_path)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["Error: sign-in expired or revoked: run `triage auth` again"]
    status = CliRunner().invoke(main, ["status", "-c", str(config_path)])
    assert "last error:      sign-in expired or revoked: run `triage auth` again" in status.output


def test_not_signed_in_says_run_triage_auth(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    result = CliRunner().invoke(main, ["once", "-c", str(config_path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: not signed in to custom as {oauth_dovecot.user}: run `triage auth` first"


# ---------------------------------------------------------------- where the secret lives


def test_token_file_is_0600_and_no_token_reaches_any_output(ts, oauth_dovecot, tmp_path):
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    outputs: list[str] = []
    auth = Process("-vv", "auth", "-c", str(config_path), "--flow", "device")
    found = auth.wait_for(r"enter the code (\S+)")
    ts.approve(found.group(1))
    code, out, err = auth.finish()
    assert code == 0, err
    outputs += [out, err]
    [file] = token_files(tmp_path)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert re.fullmatch(r"oauth-[0-9a-f]{16}\.json", file.name)
    refresh_tokens = [t for t in ts.issued if t.startswith("rt-")]
    assert refresh_tokens and refresh_tokens[0] in file.read_text()

    append(oauth_dovecot, [mailboxes.ordinary_email(seed=3)])
    env = {**os.environ, **NO_KEYRING}
    for args in (["-vv", "once", "-c", str(config_path)], ["status", "-c", str(config_path)]):
        done = subprocess.run([sys.executable, "-m", "triage", *args], cwd=REPO, capture_output=True,
                              text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        outputs += [done.stdout, done.stderr]
    ts.revoke_refresh_tokens()
    done = subprocess.run([sys.executable, "-m", "triage", "-vv", "once", "-c", str(config_path)], cwd=REPO,
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1
    outputs += [done.stdout, done.stderr]
    outputs.append(Path(config_path).read_text())
    outputs.append((tmp_path / "state.db").read_bytes().decode("latin-1"))

    assert len(ts.issued) >= 4
    for text in outputs:
        assert MARK not in text


def test_keyring_is_used_when_usable_and_the_file_when_it_fails(ts, oauth_dovecot, tmp_path, monkeypatch):
    class FakeKeyring:
        def __init__(self, broken: bool) -> None:
            self.entries: dict[tuple[str, str], str] = {}
            self.broken = broken

        def set_password(self, service: str, account: str, secret: str) -> None:
            if self.broken:
                raise RuntimeError("no D-Bus session")
            self.entries[(service, account)] = secret

        def get_password(self, service: str, account: str) -> str | None:
            if self.broken:
                raise RuntimeError("no D-Bus session")
            return self.entries.get((service, account))

    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts)
    working = FakeKeyring(broken=False)
    monkeypatch.setattr(oauth, "_usable_keyring", lambda: working)
    said = sign_in_by_device(config_path, ts)
    assert "system keyring" in said
    assert list(working.entries) == [("triage-oauth", f"custom:{oauth_dovecot.user}")]
    assert token_files(tmp_path) == []
    oauth.forget_access_tokens()
    with connect(load_config(config_path), "") as client:
        client.open_inbox()

    monkeypatch.setattr(oauth, "_usable_keyring", lambda: FakeKeyring(broken=True))
    oauth.forget_access_tokens()
    sign_in_by_device(config_path, ts)
    [file] = token_files(tmp_path)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    oauth.forget_access_tokens()
    with connect(load_config(config_path), "") as client:
        client.open_inbox()


def test_client_secret_comes_from_the_environment(ts, oauth_dovecot, tmp_path, monkeypatch):
    ts.client_secret = "installed-app-secret"
    config_path = write_oauth_config(tmp_path / "c.toml", oauth_dovecot, ts,
                                     extra_imap='client_secret_env = "TRIAGE_TEST_CLIENT_SECRET"\n')
    monkeypatch.delenv("TRIAGE_TEST_CLIENT_SECRET", raising=False)
    result = CliRunner().invoke(main, ["auth", "-c", str(config_path), "--flow", "device"])
    assert result.exit_code == 2
    assert "environment variable TRIAGE_TEST_CLIENT_SECRET is not set" in result.output
    monkeypatch.setenv("TRIAGE_TEST_CLIENT_SECRET", "installed-app-secret")
    sign_in_by_device(config_path, ts)
    with connect(load_config(config_path), "") as client:
        client.open_inbox()


# ---------------------------------------------------------------- configuration


BASE = {"host": "imap.example.com", "username": "me@example.com"}


def test_presets_fill_endpoints_and_stay_overridable():
    gmail = parse_config({"imap": {"username": "me@gmail.com", "provider": "gmail", "auth": "oauth2",
                                   "client_id": "id.apps.googleusercontent.com"}}).imap
    assert (gmail.host, gmail.port, gmail.security) == ("imap.gmail.com", 993, "tls")
    assert gmail.auth_url == "https://accounts.google.com/o/oauth2/v2/auth"
    assert gmail.token_url == "https://oauth2.googleapis.com/token"
    assert gmail.scopes == "https://mail.google.com/"
    microsoft = parse_config({"imap": {"username": "me@contoso.com", "provider": "microsoft", "auth": "oauth2",
                                       "client_id": "00000000-0000-0000-0000-000000000000",
                                       "scopes": ["https://outlook.office.com/IMAP.AccessAsUser.All",
                                                  "offline_access"]}}).imap
    assert microsoft.host == "outlook.office365.com"
    assert microsoft.device_code_url == "https://login.microsoftonline.com/common/oauth2/v2.0/devicecode"
    assert microsoft.token_url == "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    assert microsoft.scopes == "https://outlook.office.com/IMAP.AccessAsUser.All offline_access"
    tenant = parse_config({"imap": {"username": "me@contoso.com", "provider": "microsoft", "auth": "oauth2",
                                    "client_id": "x", "host": "imap.contoso.example",
                                    "token_url": "https://login.microsoftonline.com/contoso/oauth2/v2.0/token"}}).imap
    assert tenant.host == "imap.contoso.example" and "/contoso/" in tenant.token_url
    assert tenant.auth_url.endswith("/common/oauth2/v2.0/authorize")
    fastmail = parse_config({"imap": {"username": "me@fastmail.com", "provider": "fastmail",
                                      "password_env": "X"}}).imap
    assert (fastmail.host, fastmail.auth) == ("imap.fastmail.com", "password")
    plain = parse_config({"imap": {**BASE, "password_env": "X"}}).imap
    assert (plain.auth, plain.provider) == ("password", "custom")
    assert imap_password(gmail) == ""          # no password source needed with oauth2


@pytest.mark.parametrize("imap, message", [
    ({**BASE, "auth": "oauth2", "token_url": "https://t.example/token", "auth_url": "https://t.example/a"},
     '[imap] client_id is required with auth = "oauth2"'),
    ({"username": "me@gmail.com", "provider": "gmail", "auth": "oauth2"}, "[imap] client_id is required"),
    ({**BASE, "auth": "oauth2", "client_id": "x"}, '[imap] token_url is required with auth = "oauth2"'),
    ({"username": "me@fastmail.com", "provider": "fastmail", "auth": "oauth2", "client_id": "x"},
     '[imap] token_url is required with auth = "oauth2" and provider = "fastmail"'),
    ({**BASE, "auth": "oauth2", "client_id": "x", "token_url": "https://t.example/token"},
     "needs auth_url or device_code_url"),
    ({**BASE, "auth": "oauth2", "client_id": "x", "token_url": "http://t.example/token", "auth_url": "https://a"},
     "[imap] token_url must be an https:// URL"),
    ({"username": "me@gmail.com", "provider": "gmail", "auth": "oauth2", "client_id": "x", "password_env": "X"},
     '[imap] password_env is not used with auth = "oauth2"'),
    ({**BASE, "auth": "xoauth", "password_env": "X"}, "[imap] auth must be one of password, oauth2"),
    ({**BASE, "provider": "yahoo", "password_env": "X"}, "[imap] provider must be one of gmail, microsoft"),
    ({**BASE, "auth": "oauth2", "client_id": "x", "client_secret": "shh"},
     "[imap] client_secret: secrets do not belong in the config file; use client_secret_env"),
    ({**BASE, "auth": "oauth2", "client_id": "x", "refresh_token": "shh"}, "secrets do not belong"),
    ({**BASE, "password_env": "X", "scopes": [1]}, "[imap] scopes must be a string or a list of strings"),
])
def test_oauth2_config_mistakes_are_one_line(tmp_path, imap, message):
    with pytest.raises(ConfigError) as err:
        parse_config({"imap": imap}, tmp_path / "c.toml")
    text = str(err.value)
    assert message in text and str(tmp_path / "c.toml") in text and "\n" not in text
    assert "shh" not in text


def test_cli_oauth2_without_client_id_is_exit_2(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[imap]\nprovider = "gmail"\nauth = "oauth2"\nusername = "me@gmail.com"\n')
    path.chmod(0o600)
    for command in ("auth", "once"):
        result = CliRunner().invoke(main, [command, "-c", str(path)])
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [
            f'Error: {path}: [imap] client_id is required with auth = "oauth2" '
            f"(register your own OAuth client, see docs/oauth.md)"]


def test_auth_needs_an_oauth2_config(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[imap]\nhost = "imap.example.com"\nusername = "u"\npassword_env = "X"\n')
    path.chmod(0o600)
    result = CliRunner().invoke(main, ["auth", "-c", str(path)])
    assert result.exit_code == 2 and 'needs [imap] auth = "oauth2"' in result.output
