"""Helpers for tests and benchmarks that talk to the kit's Dovecot directly, beside triage.

`append` loads mail, `move_by_hand` does what a user does in another mail
client, `snapshot` and `where` read back what is where (the invariants the
suite checks), `write_config` gives triage a config for the server.
"""

from __future__ import annotations

from pathlib import Path

import imapclient

from .dovecot import Dovecot
from .mailboxes import message_id

# The environment variable the test configs name for the IMAP password.
PASSWORD_ENV = "TRIAGE_TEST_IMAP_PASSWORD"


def imap_connection(server: Dovecot) -> imapclient.IMAPClient:
    client = imapclient.IMAPClient(server.host, port=server.port, ssl=False)
    client.login(server.user, server.password)
    return client


def append(server: Dovecot, messages: list[bytes], folder: str = "INBOX",
           flags: tuple[bytes, ...] = ()) -> None:
    with imap_connection(server) as c:
        if not c.folder_exists(folder):
            c.create_folder(folder)
        for raw in messages:
            c.append(folder, raw, flags=flags)


def move_by_hand(server: Dovecot, message_id_: str, source: str, target: str) -> None:
    """What a user does in any mail client: move one mail between folders (the target is created if need be)."""
    with imap_connection(server) as c:
        if not c.folder_exists(target):
            c.create_folder(target)
        c.select_folder(source)
        c.move(c.search(["HEADER", "Message-ID", message_id_]), target)


def snapshot(server: Dovecot) -> dict[str, list[tuple[str, frozenset[bytes], bytes]]]:
    """Every folder's messages as (Message-ID, flags, full bytes), sorted: what 'unchanged' means."""
    out: dict[str, list[tuple[str, frozenset[bytes], bytes]]] = {}
    with imap_connection(server) as c:
        for flags, _, name in c.list_folders():
            if b"\\Noselect" in flags:
                continue
            c.select_folder(name, readonly=True)
            uids = c.search("ALL")
            rows = []
            # In chunks: a folder with gaps in its UIDs would make one UID set too long a command line.
            for start in range(0, len(uids), 1000):
                for uid, data in c.fetch(uids[start:start + 1000], ["BODY.PEEK[]", "FLAGS"]).items():
                    raw = data.get(b"BODY[]")
                    if raw is None:   # moved away by a running service between SEARCH and FETCH
                        continue
                    rows.append((message_id(raw), frozenset(f for f in data[b"FLAGS"] if f != b"\\Recent"), raw))
            out[name] = sorted(rows)
    return out


def where(server: Dovecot) -> dict[str, str]:
    """Message-ID -> folder, asserting that no message is in two places."""
    found: dict[str, str] = {}
    for folder, rows in snapshot(server).items():
        for mid, _, _ in rows:
            assert mid not in found, f"{mid} is in both {found[mid]} and {folder}"
            found[mid] = folder
    return found


def write_config(path: Path, server: Dovecot, state: Path, *, tls: bool = False,
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
