"""State in SQLite: checkpoints, what was filed where, corrections, summaries, people.

A verdict is written (state "planned") in the same transaction as nothing
else, before the mailbox is touched; the action is marked "done" after. A
crash between the two leaves a "planned" row that the next pass repairs, so
nothing is filed twice and nothing is skipped.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .errors import EXIT_USAGE, TriageError

SCHEMA_VERSION = 3
DEFAULT_ACCOUNT = "default"     # the account of a config without [[accounts]], and of version-1 rows

# Every table of per-account facts has an `account` column (schema version 3); `meta` holds
# the service's own facts (its heartbeat) and per-account keys carry the account in the key.
SCHEMA = """
CREATE TABLE IF NOT EXISTS checkpoints (
    account      TEXT NOT NULL DEFAULT 'default',
    folder       TEXT NOT NULL,
    uidvalidity  INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    PRIMARY KEY (account, folder)
);
CREATE TABLE IF NOT EXISTS messages (
    account             TEXT NOT NULL DEFAULT 'default',
    message_id          TEXT NOT NULL,
    status              TEXT NOT NULL,      -- linkedin | unparseable
    kind                TEXT NOT NULL DEFAULT '',
    subject             TEXT NOT NULL DEFAULT '',
    from_address        TEXT NOT NULL DEFAULT '',
    mail_date           TEXT,
    sender_name         TEXT NOT NULL DEFAULT '',
    sender_headline     TEXT NOT NULL DEFAULT '',
    sender_location     TEXT NOT NULL DEFAULT '',
    mutual_connections  INTEGER,
    profile_url         TEXT NOT NULL DEFAULT '',
    text                TEXT NOT NULL DEFAULT '',
    language            TEXT NOT NULL DEFAULT '',
    items_json          TEXT NOT NULL DEFAULT '[]',
    suspicious_reasons  TEXT NOT NULL DEFAULT '[]',
    label               TEXT NOT NULL DEFAULT '',   -- personal | generic | pitch | unsure | suspicious | other
    confidence          REAL,
    probabilities       TEXT NOT NULL DEFAULT '{}',
    model_version       TEXT NOT NULL DEFAULT '',
    reason              TEXT NOT NULL DEFAULT '',
    destination         TEXT,                       -- folder ('' = inbox); NULL = left alone
    flags               TEXT NOT NULL DEFAULT '[]',
    state               TEXT NOT NULL,              -- planned | done | left | gone
    user_owned          INTEGER NOT NULL DEFAULT 0, -- the user moved or labeled it: triage never moves it again
    error               TEXT NOT NULL DEFAULT '',
    first_seen          TEXT NOT NULL,
    acted_at            TEXT,
    override            TEXT NOT NULL DEFAULT '',   -- the person override that decided the label ('' = the model)
    PRIMARY KEY (account, message_id)
);
CREATE INDEX IF NOT EXISTS messages_state ON messages(account, state);
CREATE INDEX IF NOT EXISTS messages_seen ON messages(account, first_seen);
CREATE TABLE IF NOT EXISTS passes (
    id           INTEGER PRIMARY KEY,
    account      TEXT NOT NULL DEFAULT 'default',
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    ok           INTEGER,
    counts_json  TEXT NOT NULL DEFAULT '{}',
    error        TEXT NOT NULL DEFAULT '',
    error_kind   TEXT NOT NULL DEFAULT ''   -- login | sign-in | timeout | connection | config | internal
);
CREATE INDEX IF NOT EXISTS passes_account ON passes(account, id);
CREATE TABLE IF NOT EXISTS corrections (
    id           INTEGER PRIMARY KEY,
    account      TEXT NOT NULL DEFAULT 'default',
    message_id   TEXT NOT NULL,
    old_label    TEXT NOT NULL,
    new_label    TEXT NOT NULL,          -- personal | generic | pitch | skip
    old_destination TEXT,
    source       TEXT NOT NULL,          -- label | move | reply | override
    created_at   TEXT NOT NULL,
    person_key   TEXT NOT NULL DEFAULT ''  -- source override: whose; message_id is then ''
);
CREATE INDEX IF NOT EXISTS corrections_message ON corrections(account, message_id);
CREATE TABLE IF NOT EXISTS meta (
    key          TEXT PRIMARY KEY,
    value        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS summaries (
    account      TEXT NOT NULL DEFAULT 'default',
    day          TEXT NOT NULL,          -- the local date the summary is for
    state        TEXT NOT NULL,          -- sending | sent | empty
    message_id   TEXT NOT NULL,
    covers_from  TEXT,                   -- first_seen lower bound of what it reported
    started_at   TEXT NOT NULL,
    sent_at      TEXT,
    delivery     TEXT NOT NULL,
    counts_json  TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (account, day)
);
CREATE TABLE IF NOT EXISTS idle_states (
    account      TEXT PRIMARY KEY,       -- what the service's IDLE connection is doing, for `triage status`
    state        TEXT NOT NULL,          -- connected | reconnecting | off | unsupported
    since        TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT '',
    checked_at   TEXT                    -- the server last answered on it (NOOP or IDLE renewal)
);
CREATE TABLE IF NOT EXISTS alerts (
    account      TEXT NOT NULL,          -- the account the problem is about
    problem      TEXT NOT NULL,          -- stale | sign-in
    day          TEXT NOT NULL,          -- at most one alert mail per problem per day
    sent_at      TEXT NOT NULL,
    via          TEXT NOT NULL,          -- the account whose route carried it
    PRIMARY KEY (account, problem, day)
);
CREATE TABLE IF NOT EXISTS summary_codes (
    account      TEXT NOT NULL DEFAULT 'default',
    code         TEXT NOT NULL,          -- 4 characters; never given to another message, even once expired
    message_id   TEXT NOT NULL,          -- the mail it stands for
    summary_id   TEXT NOT NULL,          -- Message-ID of the last summary that showed it
    shown_at     TEXT NOT NULL,          -- when that summary was built
    expires_at   TEXT NOT NULL,
    PRIMARY KEY (account, code),
    UNIQUE (account, message_id)
);
CREATE TABLE IF NOT EXISTS reply_commands (
    account      TEXT NOT NULL DEFAULT 'default',
    message_id   TEXT NOT NULL,          -- the command mail's Message-ID: each is applied once
    folder       TEXT NOT NULL,          -- where it was read ('' = inbox)
    sent_at      TEXT,                   -- its Date, for "your reply at 08:14"
    read_at      TEXT NOT NULL,
    state        TEXT NOT NULL,          -- applying | done | ignored
    lines_json   TEXT NOT NULL DEFAULT '[]',  -- each command or line with its outcome
    reported_in  TEXT,                   -- the summary that told the user; NULL = not yet
    PRIMARY KEY (account, message_id)
);
CREATE TABLE IF NOT EXISTS people (
    account      TEXT NOT NULL DEFAULT 'default',   -- one person in two accounts is two rows: each its history
    key          TEXT NOT NULL,          -- in:<vanity> or name:<normalised name>|<normalised headline>
    name         TEXT NOT NULL DEFAULT '',
    name_norm    TEXT NOT NULL DEFAULT '',
    headline     TEXT NOT NULL DEFAULT '',
    profile_url  TEXT NOT NULL DEFAULT '',
    override     TEXT NOT NULL DEFAULT '',   -- always-personal | always-pitch | always-generic | mute | ''
    override_at  TEXT,
    announced_at TEXT,                   -- when the summary showed them under "Only asks"; NULL = not (any more)
    first_seen   TEXT NOT NULL,          -- the date of their first and last item
    last_seen    TEXT NOT NULL,
    PRIMARY KEY (account, key)
);
CREATE INDEX IF NOT EXISTS people_name ON people(account, name_norm);
CREATE TABLE IF NOT EXISTS person_items (
    account      TEXT NOT NULL DEFAULT 'default',
    message_id   TEXT NOT NULL,
    position     INTEGER NOT NULL,       -- the item's index in the mail's items_json
    person_key   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    label        TEXT NOT NULL DEFAULT '',   -- the item's own verdict; '' = not recorded (digests before v2)
    reason       TEXT NOT NULL DEFAULT '',
    is_primary   INTEGER NOT NULL DEFAULT 0, -- the item the mail's row and its corrections speak for
    seen_at      TEXT NOT NULL,          -- the mail's date, else when triage first saw it
    PRIMARY KEY (account, message_id, position)
);
CREATE INDEX IF NOT EXISTS person_items_person ON person_items(account, person_key, seen_at);
"""

# Columns added to tables that existing databases already have, by the version that added them.
_ADDED_COLUMNS = {
    2: [("messages", "override", "TEXT NOT NULL DEFAULT ''"),
        ("corrections", "person_key", "TEXT NOT NULL DEFAULT ''")],
}


def _statements(script: str) -> Iterator[str]:
    """The script's statements one by one (executescript would commit the migration's transaction)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


# Version-1 tables keyed without an account: rebuilt with the new keys, rows kept, given the account.
_REKEYED = ("checkpoints", "messages", "summaries", "summary_codes", "reply_commands", "people",
            "person_items")
_WIDENED = ("passes", "corrections")


class StateTooOld(TriageError):
    """A database from before the people, opened without the people library to fill them in."""


class StateBusy(TriageError):
    """Another triage process holds this state database."""


class StateUnusable(TriageError):
    """The state path cannot hold a database: a missing or read-only folder, a directory, not SQLite.

    A mistake in [state] path (or the folder it names), so it ends a command as a config mistake does."""

    exit_code = EXIT_USAGE


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Record:
    """One LinkedIn mail as triage saw it and what it decided to do with it."""

    message_id: str
    status: str
    kind: str = ""
    subject: str = ""
    from_address: str = ""
    mail_date: str | None = None
    sender_name: str = ""
    sender_headline: str = ""
    sender_location: str = ""
    mutual_connections: int | None = None
    profile_url: str = ""
    text: str = ""
    language: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    suspicious_reasons: list[str] = field(default_factory=list)
    label: str = ""
    confidence: float | None = None
    probabilities: dict[str, float] = field(default_factory=dict)
    model_version: str = ""
    reason: str = ""
    destination: str | None = None
    flags: list[str] = field(default_factory=list)
    state: str = "planned"
    user_owned: int = 0
    error: str = ""
    first_seen: str = ""
    acted_at: str | None = None
    override: str = ""

    _JSON = ("items", "suspicious_reasons", "probabilities", "flags")
    _COLUMNS = {"items": "items_json"}

    def to_row(self) -> dict[str, Any]:
        row = {}
        for name, value in self.__dict__.items():
            column = self._COLUMNS.get(name, name)
            row[column] = json.dumps(value, ensure_ascii=False) if name in self._JSON else value
        return row

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> "Record":
        values = dict(row)
        values.pop("account", None)
        values["items"] = values.pop("items_json")
        for name in cls._JSON:
            values[name] = json.loads(values[name])
        return cls(**values)


class Store:
    """The state database, as one account sees it: every read and write is that account's.

    One database serves every account of a service; one process at a time (see `lock`)."""

    def __init__(self, path: Path | None, *, account: str = DEFAULT_ACCOUNT,
                 legacy_account: str = DEFAULT_ACCOUNT,
                 fill_people: Callable[["Store"], object] | None = None) -> None:
        """`fill_people` ties the items a database from before the people holds to their
        people (triage.people.backfill, passed in by triage.state.open_store): the store
        keeps the tables, the people library knows what a person is."""
        self.path = path
        self.account = account
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                if path.is_dir():   # SQLite's own word for this is only "unable to open database file"
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            self.db = sqlite3.connect(str(path) if path else ":memory:", timeout=30, isolation_level=None)
            self.db.row_factory = sqlite3.Row
            if path is not None:
                # Private before anything is written (a new file is still empty here; the -wal and
                # -shm files take the database's mode): under a umask of 022 SQLite makes it 0644.
                # chmod, not an open() and close() of our own: closing any descriptor of the file
                # drops every POSIX lock this process holds on it, so another account's Store in
                # the same service would lose its locks and a second process could delete the WAL
                # under it (SQLite's "how to corrupt", 2.2; seen as "database disk image is malformed").
                os.chmod(path, 0o600)
            self._use_wal()
        except (OSError, sqlite3.DatabaseError) as e:
            reason: object = e
            if isinstance(e, OSError) and e.strerror:
                reason = e.strerror if e.filename in (None, str(path)) else f"{e.strerror}: {e.filename}"
            raise StateUnusable(f"state {path}: cannot open a database there ({reason})") from None
        self.db.execute("PRAGMA synchronous=NORMAL")
        self._migrate(legacy_account, fill_people)
        self._lock_file: Any = None

    def _use_wal(self, wait_seconds: float = 30.0) -> None:
        """Switch the database to WAL, waiting out another process doing the same.

        Two processes opening a new database at once both try the switch; SQLite
        answers the loser "database is locked" at once, without its busy handler,
        so the wait is here. A database already in WAL needs no switch at all."""
        if self.path is None:
            return
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise StateBusy(f"state {self.path} is busy: {e}") from None
                time.sleep(0.05)

    def _columns(self, table: str) -> set[str]:
        return {r[1] for r in self.db.execute(f"PRAGMA table_info({table})")}

    @classmethod
    def in_memory(cls, account: str = DEFAULT_ACCOUNT) -> "Store":
        """A throwaway state, for dry runs that must leave nothing behind."""
        return cls(None, account=account)

    def _migrate(self, legacy_account: str, fill_people: Callable[["Store"], object] | None) -> None:
        """Bring an older database up to SCHEMA_VERSION in place, in one transaction.

        Version 2 adds the people: their tables are filled from the items
        already recorded (items_json), so no mail is fetched again. Version 3
        adds an account column to every per-account table; rows from before
        it become `legacy_account`'s (the config's first account)."""
        with self.transaction():
            found = self.db.execute("PRAGMA user_version").fetchone()[0]
            existing = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for version in range(found + 1, SCHEMA_VERSION + 1):
                for table, column, spec in _ADDED_COLUMNS.get(version, []):
                    if table in existing and column not in self._columns(table):
                        self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {spec}")
            if found < 3 and "messages" in existing:
                self._add_accounts(existing, legacy_account)
            for statement in _statements(SCHEMA):
                self.db.execute(statement)
            if found < 2 and "messages" in existing:
                if fill_people is None:
                    raise StateTooOld(f"state {self.path} is from an older triage: open it with triage "
                                      "(any command) to bring it up to date")
                account, self.account = self.account, legacy_account   # the old rows are the legacy account's
                try:
                    fill_people(self)
                finally:
                    self.account = account
            if found < SCHEMA_VERSION:
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _add_accounts(self, existing: set[str], legacy_account: str) -> None:
        """Version 3: tables keyed without an account are rebuilt with it in their keys, the others widened."""
        new_tables = dict(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) (\(.*?\n\));", SCHEMA, re.S))
        for table in _REKEYED:
            if table not in existing or "account" in self._columns(table):
                continue
            old = [r[1] for r in self.db.execute(f"PRAGMA table_info({table})")]
            self.db.execute(f"ALTER TABLE {table} RENAME TO {table}_v1")
            self.db.execute(f"CREATE TABLE {table} {new_tables[table]}")
            new = self._columns(table)
            columns = ",".join(c for c in old if c in new)
            self.db.execute(f"INSERT INTO {table}(account,{columns}) SELECT ?,{columns} FROM {table}_v1",
                            (legacy_account,))
            self.db.execute(f"DROP TABLE {table}_v1")   # its indexes go with it; SCHEMA makes the new ones
        for table in _WIDENED:
            if table in existing and "account" not in self._columns(table):
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN account TEXT NOT NULL DEFAULT 'default'")
                self.db.execute(f"UPDATE {table} SET account=?", (legacy_account,))
        if "error_kind" not in self._columns("passes"):
            self.db.execute("ALTER TABLE passes ADD COLUMN error_kind TEXT NOT NULL DEFAULT ''")
        self.db.execute("DROP INDEX IF EXISTS corrections_message")

    # -- locking --------------------------------------------------------

    def lock(self) -> None:
        """Take the per-database lock or raise StateBusy naming the holder."""
        if self.path is None:
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        f = open(lock_path, "a+")
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder(f)
            f.close()
            raise StateBusy(f"state {self.path} is busy: held by {holder}") from None
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}")
        f.flush()
        self._lock_file = f

    @staticmethod
    def _holder(f: Any, wait_seconds: float = 0.5) -> str:
        """Who holds the lock, as its file says. The holder writes its pid just after taking
        the lock, so a file still empty is read again for a moment before giving up."""
        deadline = time.monotonic() + wait_seconds
        while True:
            f.seek(0)
            holder = f.read().strip()
            if holder or time.monotonic() >= deadline:
                return holder or "another process"
            time.sleep(0.02)

    def close(self) -> None:
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- checkpoints ----------------------------------------------------

    def checkpoint(self, folder: str) -> tuple[int, int] | None:
        row = self.db.execute("SELECT uidvalidity, last_uid FROM checkpoints WHERE account=? AND folder=?",
                              (self.account, folder)).fetchone()
        return (row[0], row[1]) if row else None

    def set_checkpoint(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        self.db.execute(
            "INSERT INTO checkpoints(account, folder, uidvalidity, last_uid) VALUES(?,?,?,?) "
            "ON CONFLICT(account, folder) DO UPDATE SET uidvalidity=excluded.uidvalidity, last_uid=excluded.last_uid",
            (self.account, folder, uidvalidity, last_uid))

    # -- messages -------------------------------------------------------

    def get(self, message_id: str) -> Record | None:
        row = self.db.execute("SELECT * FROM messages WHERE account=? AND message_id=?",
                              (self.account, message_id)).fetchone()
        return Record.from_row(row) if row else None

    def known(self, message_ids: Iterable[str]) -> dict[str, str]:
        """message_id -> state for those already recorded."""
        ids = list(message_ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT message_id, state FROM messages WHERE account=? "
                                       f"AND message_id IN ({marks})", [self.account, *chunk]):
                out[row[0]] = row[1]
        return out

    def add(self, records: Iterable[Record]) -> None:
        """Insert new records (inside the caller's transaction)."""
        for r in records:
            r.first_seen = r.first_seen or now()
            row = {"account": self.account, **r.to_row()}
            columns = ",".join(row)
            self.db.execute(f"INSERT INTO messages({columns}) VALUES({','.join('?' * len(row))})", list(row.values()))

    def set_state(self, message_ids: Iterable[str], state: str) -> None:
        stamp = now()
        self.db.executemany("UPDATE messages SET state=?, acted_at=? WHERE account=? AND message_id=?",
                            [(state, stamp, self.account, m) for m in message_ids])

    def planned(self) -> list[Record]:
        return [Record.from_row(r) for r in self.db.execute(
            "SELECT * FROM messages WHERE account=? AND state='planned'", (self.account,))]

    def records(self, *, since: str | None = None, labels: Iterable[str] | None = None) -> list[Record]:
        sql, args = "SELECT * FROM messages WHERE account=?", [self.account]
        if since:
            sql += " AND first_seen >= ?"
            args.append(since)
        if labels is not None:
            labels = list(labels)
            sql += f" AND label IN ({','.join('?' * len(labels))})"
            args += labels
        sql += " ORDER BY first_seen, rowid"
        return [Record.from_row(r) for r in self.db.execute(sql, args)]

    def update(self, message_id: str, **fields: Any) -> None:
        sets = ", ".join(f"{Record._COLUMNS.get(k, k)}=?" for k in fields)
        values = [json.dumps(v, ensure_ascii=False) if k in Record._JSON else v for k, v in fields.items()]
        self.db.execute(f"UPDATE messages SET {sets} WHERE account=? AND message_id=?",
                        [*values, self.account, message_id])

    # -- corrections ----------------------------------------------------

    def add_correction(self, message_id: str, old_label: str, new_label: str,
                       old_destination: str | None, source: str) -> int:
        return self.db.execute(
            "INSERT INTO corrections(account, message_id, old_label, new_label, old_destination, source, created_at) "
            "VALUES(?,?,?,?,?,?,?)",
            (self.account, message_id, old_label, new_label, old_destination, source, now())).lastrowid

    def last_correction(self, source: str | None = None) -> dict[str, Any] | None:
        sql = "SELECT * FROM corrections WHERE account=?"
        args: list[Any] = [self.account]
        if source:
            sql += " AND source=?"
            args.append(source)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return dict(row) if row else None

    def last_correction_for(self, message_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM corrections WHERE account=? AND message_id=? ORDER BY id DESC LIMIT 1",
                              (self.account, message_id)).fetchone()
        return dict(row) if row else None

    def delete_correction(self, correction_id: int) -> None:
        self.db.execute("DELETE FROM corrections WHERE account=? AND id=?", (self.account, correction_id))

    def corrections(self, accounts: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """The latest correction per message (one per message; the latest wins), of this account or of
        `accounts`; person overrides are not corrections of a message and are left out."""
        names = self._accounts(accounts)
        marks = ",".join("?" * len(names))
        rows = self.db.execute(
            f"SELECT c.* FROM corrections c JOIN (SELECT account, message_id, max(id) AS id FROM corrections "
            f"WHERE account IN ({marks}) AND source != 'override' GROUP BY account, message_id) latest "
            f"ON c.id = latest.id ORDER BY c.id", names).fetchall()
        return [dict(r) for r in rows]

    def corrections_since(self, correction_id: int, accounts: Iterable[str] | None = None) -> int:
        """How many messages were corrected after that correction: a mail moved twice counts once."""
        names = self._accounts(accounts)
        return self.db.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT account, message_id FROM corrections WHERE id > ? "
            f"AND source != 'override' AND account IN ({','.join('?' * len(names))}))",
            [correction_id, *names]).fetchone()[0]

    def last_correction_id(self, accounts: Iterable[str] | None = None) -> int:
        names = self._accounts(accounts)
        return self.db.execute(f"SELECT coalesce(max(id), 0) FROM corrections WHERE account IN "
                               f"({','.join('?' * len(names))})", names).fetchone()[0]

    def record_of(self, account: str, message_id: str) -> Record | None:
        """Another account's record (training a model the accounts share)."""
        row = self.db.execute("SELECT * FROM messages WHERE account=? AND message_id=?",
                              (account, message_id)).fetchone()
        return Record.from_row(row) if row else None

    def _accounts(self, accounts: Iterable[str] | None) -> list[str]:
        return list(accounts) if accounts is not None else [self.account]

    # -- meta -----------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta(key, value) VALUES(?,?) "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (key, value))

    # -- summaries ------------------------------------------------------

    def summary(self, day: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM summaries WHERE account=? AND day=?", (self.account, day)).fetchone()
        return dict(row) if row else None

    def last_summary(self) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT * FROM summaries WHERE account=? AND state IN ('sent','empty') ORDER BY started_at DESC LIMIT 1",
            (self.account,)).fetchone()
        return dict(row) if row else None

    def begin_summary(self, day: str, message_id: str, covers_from: str | None, delivery: str) -> None:
        """Claim the day before delivering, so a restart can tell a half-sent summary."""
        self.db.execute(
            "INSERT INTO summaries(account, day, state, message_id, covers_from, started_at, delivery) "
            "VALUES(?,?,?,?,?,?,?) "
            "ON CONFLICT(account, day) DO UPDATE SET state='sending', message_id=excluded.message_id, "
            "started_at=excluded.started_at, delivery=excluded.delivery",
            (self.account, day, "sending", message_id, covers_from, now(), delivery))

    def finish_summary(self, day: str, state: str, counts: dict[str, int]) -> None:
        self.db.execute("UPDATE summaries SET state=?, sent_at=?, counts_json=? WHERE account=? AND day=?",
                        (state, now(), json.dumps(counts), self.account, day))

    def label_counts(self, since: str | None = None) -> dict[str, int]:
        sql, args = "SELECT label, count(*) FROM messages WHERE account=?", [self.account]
        if since:
            sql += " AND first_seen >= ?"
            args.append(since)
        return dict(self.db.execute(sql + " GROUP BY label ORDER BY count(*) DESC", args).fetchall())

    # -- passes ---------------------------------------------------------

    def start_pass(self) -> int:
        return self.db.execute("INSERT INTO passes(account, started_at) VALUES(?,?)", (self.account, now())).lastrowid

    def finish_pass(self, pass_id: int, ok: bool, counts: dict[str, int], error: str = "",
                    error_kind: str = "") -> None:
        self.db.execute("UPDATE passes SET finished_at=?, ok=?, counts_json=?, error=?, error_kind=? WHERE id=?",
                        (now(), int(ok), json.dumps(counts), error, error_kind, pass_id))

    def first_pass_started(self) -> str | None:
        return self.db.execute("SELECT min(started_at) FROM passes WHERE account=?", (self.account,)).fetchone()[0]

    def last_pass(self, ok_only: bool = False) -> dict[str, Any] | None:
        sql = "SELECT * FROM passes WHERE account=? AND finished_at IS NOT NULL"
        if ok_only:
            sql += " AND ok=1"
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", (self.account,)).fetchone()
        if not row:
            return None
        d = dict(row)
        d.pop("account")
        d["counts"] = json.loads(d.pop("counts_json"))
        return d

    # -- summary codes and reply commands ---------------------------------

    def code_of(self, message_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM summary_codes WHERE account=? AND message_id=?",
                              (self.account, message_id)).fetchone()
        return dict(row) if row else None

    def code(self, code: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM summary_codes WHERE account=? AND code=?", (self.account, code)).fetchone()
        return dict(row) if row else None

    def codes_in_use(self, codes: Iterable[str]) -> set[str]:
        wanted = list(codes)
        marks = ",".join("?" * len(wanted))
        return {r[0] for r in self.db.execute(f"SELECT code FROM summary_codes WHERE account=? AND code IN ({marks})",
                                              [self.account, *wanted])}

    def add_code(self, code: str, message_id: str, summary_id: str, shown_at: str, expires_at: str) -> None:
        self.db.execute("INSERT INTO summary_codes(account, code, message_id, summary_id, shown_at, expires_at) "
                        "VALUES(?,?,?,?,?,?)", (self.account, code, message_id, summary_id, shown_at, expires_at))

    def renew_code(self, code: str, summary_id: str, shown_at: str, expires_at: str) -> None:
        self.db.execute("UPDATE summary_codes SET summary_id=?, shown_at=?, expires_at=? WHERE account=? AND code=?",
                        (summary_id, shown_at, expires_at, self.account, code))

    def first_code_shown(self) -> str | None:
        """When the oldest code still on record was last shown: no command mail can be older than that."""
        return self.db.execute("SELECT min(shown_at) FROM summary_codes WHERE account=?", (self.account,)).fetchone()[0]

    def reply_command(self, message_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM reply_commands WHERE account=? AND message_id=?",
                              (self.account, message_id)).fetchone()
        return _reply_row(row) if row else None

    def add_reply_command(self, message_id: str, folder: str, sent_at: str | None, state: str,
                          lines: list[dict[str, Any]]) -> None:
        self.db.execute("INSERT INTO reply_commands(account, message_id, folder, sent_at, read_at, state, lines_json) "
                        "VALUES(?,?,?,?,?,?,?)", (self.account, message_id, folder, sent_at, now(), state,
                                                  json.dumps(lines, ensure_ascii=False)))

    def update_reply_command(self, message_id: str, state: str, lines: list[dict[str, Any]]) -> None:
        self.db.execute("UPDATE reply_commands SET state=?, lines_json=? WHERE account=? AND message_id=?",
                        (state, json.dumps(lines, ensure_ascii=False), self.account, message_id))

    def reply_commands(self, *, state: str | None = None, unreported: bool = False,
                       limit: int | None = None) -> list[dict[str, Any]]:
        sql, args = "SELECT * FROM reply_commands WHERE account=?", [self.account]
        if state:
            sql += " AND state=?"
            args.append(state)
        if unreported:
            sql += " AND reported_in IS NULL"
        sql += " ORDER BY read_at DESC, rowid DESC" if limit else " ORDER BY read_at, rowid"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_reply_row(r) for r in self.db.execute(sql, args)]

    def mark_replies_reported(self, message_ids: Iterable[str], summary_id: str) -> None:
        self.db.executemany("UPDATE reply_commands SET reported_in=? WHERE account=? AND message_id=?",
                            [(summary_id, self.account, m) for m in message_ids])

    def corrections_after(self, since: str) -> list[dict[str, Any]]:
        """Every correction made since a moment, oldest first (the summary's "What was learned")."""
        return [dict(r) for r in self.db.execute(
            "SELECT * FROM corrections WHERE account=? AND created_at >= ? ORDER BY id", (self.account, since))]

    # -- the service's own facts ------------------------------------------

    def set_idle_state(self, state: str, detail: str = "") -> None:
        """What this account's IDLE connection is doing, for `triage status` in another process."""
        stamp = now()
        self.db.execute("INSERT INTO idle_states(account, state, since, detail, checked_at) VALUES(?,?,?,?,?) "
                        "ON CONFLICT(account) DO UPDATE SET state=excluded.state, since=excluded.since, "
                        "detail=excluded.detail, checked_at=excluded.checked_at",
                        (self.account, state, stamp, detail[:300], stamp if state == "connected" else None))

    def idle_checked(self) -> None:
        """The IDLE connection's server answered a keepalive: the account is known to be in sync."""
        self.db.execute("UPDATE idle_states SET checked_at=? WHERE account=? AND state='connected'",
                        (now(), self.account))

    def idle_state(self) -> dict[str, Any] | None:
        row = self.db.execute("SELECT state, since, detail, checked_at FROM idle_states WHERE account=?",
                              (self.account,)).fetchone()
        return dict(row) if row else None

    def claim_alert(self, problem: str, day: str, via: str) -> bool:
        """Record that an alert about this account's problem goes out today; False if one did already."""
        cursor = self.db.execute("INSERT OR IGNORE INTO alerts(account, problem, day, sent_at, via) VALUES(?,?,?,?,?)",
                                 (self.account, problem, day, now(), via))
        return cursor.rowcount == 1

    def release_alert(self, problem: str, day: str) -> None:
        """The alert could not be sent after all: another route may try today."""
        self.db.execute("DELETE FROM alerts WHERE account=? AND problem=? AND day=?", (self.account, problem, day))

    def alerts(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM alerts WHERE account=? ORDER BY sent_at",
                                                 (self.account,))]


def _reply_row(row: sqlite3.Row) -> dict[str, Any]:
    values = dict(row)
    values.pop("account", None)
    values["lines"] = json.loads(values.pop("lines_json"))
    return values
