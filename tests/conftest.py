"""Shared fixtures: a real Dovecot for the whole session, a clean mailbox per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import imapclient
import pytest

sys.path.insert(0, str(Path(__file__).parent))

import dovecot  # noqa: E402  (the test helper module beside this file)

PASSWORD_ENV = "TRIAGE_TEST_IMAP_PASSWORD"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", help="run the long fault-injection iterations")


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[dovecot.Dovecot]:
    """One throwaway server for the session. If it cannot start, the tests fail with the reason."""
    server = dovecot.create()
    yield server
    dovecot.destroy(server)


@pytest.fixture
def imap(dovecot_server: dovecot.Dovecot, monkeypatch: pytest.MonkeyPatch) -> dovecot.Dovecot:
    """The server with an empty mailbox and the password in the environment."""
    dovecot_server.wipe_mail()
    monkeypatch.setenv(PASSWORD_ENV, dovecot_server.password)
    return dovecot_server


def imap_connection(server: dovecot.Dovecot) -> imapclient.IMAPClient:
    client = imapclient.IMAPClient(server.host, port=server.port, ssl=False)
    client.login(server.user, server.password)
    return client


def append(server: dovecot.Dovecot, messages: list[bytes], folder: str = "INBOX",
           flags: tuple[bytes, ...] = ()) -> None:
    with imap_connection(server) as c:
        if not c.folder_exists(folder):
            c.create_folder(folder)
        for raw in messages:
            c.append(folder, raw, flags=flags)


def snapshot(server: dovecot.Dovecot) -> dict[str, list[tuple[str, frozenset[bytes], bytes]]]:
    """Every folder's messages as (Message-ID, flags, full bytes), sorted: what 'unchanged' means."""
    out: dict[str, list[tuple[str, frozenset[bytes], bytes]]] = {}
    with imap_connection(server) as c:
        for flags, _, name in c.list_folders():
            if b"\\Noselect" in flags:
                continue
            c.select_folder(name, readonly=True)
            uids = c.search("ALL")
            rows = []
            if uids:
                for uid, data in c.fetch(uids, ["BODY.PEEK[]", "FLAGS"]).items():
                    raw = data[b"BODY[]"]
                    mid = _message_id(raw)
                    rows.append((mid, frozenset(f for f in data[b"FLAGS"] if f != b"\\Recent"), raw))
            out[name] = sorted(rows)
    return out


def where(server: dovecot.Dovecot) -> dict[str, str]:
    """Message-ID -> folder, asserting that no message is in two places."""
    found: dict[str, str] = {}
    for folder, rows in snapshot(server).items():
        for mid, _, _ in rows:
            assert mid not in found, f"{mid} is in both {found[mid]} and {folder}"
            found[mid] = folder
    return found


def _message_id(raw: bytes) -> str:
    for line in raw.split(b"\r\n\r\n", 1)[0].splitlines():
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    return ""


def write_config(path: Path, server: dovecot.Dovecot, state: Path, *, tls: bool = False,
                 ca_file: str | None = None, extra: str = "") -> Path:
    """A config for the test server: plain IMAP on loopback, or IMAPS with a CA file."""
    if tls:
        ca_line = f'ca_file = "{ca_file}"\n' if ca_file else ""
        conn = f'port = {server.tls_port}\nsecurity = "tls"\n{ca_line}'
    else:
        conn = f'port = {server.port}\nsecurity = "none"\n'
    path.write_text(
        f'[imap]\nhost = "127.0.0.1"\n{conn}username = "{server.user}"\n'
        f'password_env = "{PASSWORD_ENV}"\n\n[state]\npath = "{state}"\n{extra}')
    path.chmod(0o600)
    return path
