"""State schema 2: an account column everywhere, and version-1 databases migrated in place."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from testkit.imap import append, where
from testkit.mailboxes import labeled_mailbox, message_id
from triage import people
from triage.cli import main
from triage.store import SCHEMA_VERSION, Record, Store

# The state schema as triage 0.1 wrote it (version 1: one mailbox, no account column).
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS checkpoints (
    folder       TEXT PRIMARY KEY,
    uidvalidity  INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    message_id          TEXT PRIMARY KEY,
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
    acted_at            TEXT
);
CREATE INDEX IF NOT EXISTS messages_state ON messages(state);
CREATE INDEX IF NOT EXISTS messages_seen ON messages(first_seen);
CREATE TABLE IF NOT EXISTS passes (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    ok           INTEGER,
    counts_json  TEXT NOT NULL DEFAULT '{}',
    error        TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS corrections (
    id           INTEGER PRIMARY KEY,
    message_id   TEXT NOT NULL,
    old_label    TEXT NOT NULL,
    new_label    TEXT NOT NULL,          -- personal | generic | pitch | skip
    old_destination TEXT,
    source       TEXT NOT NULL,          -- label | move
    created_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_message ON corrections(message_id);
CREATE TABLE IF NOT EXISTS meta (
    key          TEXT PRIMARY KEY,
    value        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS summaries (
    day          TEXT PRIMARY KEY,       -- the local date the summary is for
    state        TEXT NOT NULL,          -- sending | sent | empty
    message_id   TEXT NOT NULL,
    covers_from  TEXT,                   -- first_seen lower bound of what it reported
    started_at   TEXT NOT NULL,
    sent_at      TEXT,
    delivery     TEXT NOT NULL,
    counts_json  TEXT NOT NULL DEFAULT '{}'
);
"""


def version1_database(path) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.executescript("""
        PRAGMA user_version=1;
        INSERT INTO checkpoints VALUES ('INBOX', 7, 41);
        INSERT INTO messages(message_id, status, label, destination, state, first_seen)
            VALUES ('<a@x>', 'linkedin', 'pitch', 'LinkedIn/Pitch', 'done', '2026-11-30T07:00:00+00:00');
        INSERT INTO passes(started_at, finished_at, ok, counts_json) VALUES ('2026-11-30T07:00:00+00:00',
            '2026-11-30T07:00:01+00:00', 1, '{"pitch": 1}');
        INSERT INTO corrections(message_id, old_label, new_label, source, created_at)
            VALUES ('<a@x>', 'pitch', 'generic', 'label', '2026-11-30T08:00:00+00:00');
        INSERT INTO summaries(day, state, message_id, started_at, delivery) VALUES ('2026-11-30', 'sent', '<s@x>',
            '2026-11-30T07:30:00+00:00', 'imap');
        INSERT INTO meta VALUES ('retrained_at_correction', '0');
    """)
    db.commit()
    db.close()


def test_a_version_1_database_becomes_the_first_accounts(tmp_path):
    path = tmp_path / "state.db"
    version1_database(path)
    store = Store(path, account="work", legacy_account="work", fill_people=people.backfill)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert store.checkpoint("INBOX") == (7, 41)
        assert store.get("<a@x>").label == "pitch"
        assert store.last_pass()["counts"] == {"pitch": 1}
        assert [c["new_label"] for c in store.corrections()] == ["generic"]
        assert store.summary("2026-11-30")["state"] == "sent"
        assert store.get_meta("retrained_at_correction") == "0"
        for table in ("checkpoints", "messages", "passes", "corrections", "summaries"):
            assert [tuple(r) for r in store.db.execute(f"SELECT DISTINCT account FROM {table}")] == [("work",)], table
    finally:
        store.close()
    other = Store(path, account="home", legacy_account="work")   # opening again migrates nothing twice
    try:
        assert other.get("<a@x>") is None and other.checkpoint("INBOX") is None and other.last_pass() is None
        assert other.corrections() == []
    finally:
        other.close()


# Version 1 as issue 16 left it: the summary's reply codes and the command mails read back, still unkeyed.
V1_REPLY_TABLES = """
CREATE TABLE summary_codes (code TEXT PRIMARY KEY, message_id TEXT NOT NULL UNIQUE, summary_id TEXT NOT NULL,
    shown_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE reply_commands (message_id TEXT PRIMARY KEY, folder TEXT NOT NULL, sent_at TEXT, read_at TEXT NOT NULL,
    state TEXT NOT NULL, lines_json TEXT NOT NULL DEFAULT '[]', reported_in TEXT);
INSERT INTO summary_codes VALUES ('K7Q3', '<a@x>', '<s@x>', '2026-11-30T07:30:00+00:00', '2026-12-30T07:30:00+00:00');
INSERT INTO reply_commands(message_id, folder, read_at, state) VALUES ('<r@x>', 'Sent', '2026-11-30T08:14:00+00:00',
    'done');
"""


def test_reply_codes_and_commands_are_per_account_and_migrated(tmp_path):
    path = tmp_path / "state.db"
    version1_database(path)
    db = sqlite3.connect(path)
    db.executescript(V1_REPLY_TABLES)
    db.close()
    with Store(path, account="ana", legacy_account="ana", fill_people=people.backfill) as ana, Store(path, account="ben") as ben:
        assert ana.code("K7Q3")["message_id"] == "<a@x>" and ana.reply_command("<r@x>")["state"] == "done"
        assert ben.code("K7Q3") is None and ben.reply_command("<r@x>") is None
        with ben.transaction():   # the same code and command mail in another account are that account's own
            ben.add_code("K7Q3", "<b@x>", "<t@x>", "2026-12-01T07:30:00+00:00", "2026-12-31T07:30:00+00:00")
            ben.add_reply_command("<r@x>", "Sent", None, "applying", [])
        assert ana.code("K7Q3")["message_id"] == "<a@x>" and ben.code("K7Q3")["message_id"] == "<b@x>"
        assert ana.codes_in_use(["K7Q3", "ZZZZ"]) == {"K7Q3"} and ben.first_code_shown().startswith("2026-12-01")
        assert [r["state"] for r in ana.reply_commands()] == ["done"]
        assert [r["state"] for r in ben.reply_commands()] == ["applying"]


def test_the_same_message_id_is_one_record_per_account(tmp_path):
    path = tmp_path / "state.db"
    for account in ("ana", "ben"):
        with Store(path, account=account) as store, store.transaction():
            store.add([Record(message_id="<same@x>", status="linkedin", label=account, state="done")])
    with Store(path, account="ana") as ana, Store(path, account="ben") as ben:
        assert ana.get("<same@x>").label == "ana" and ben.get("<same@x>").label == "ben"
        assert ana.known(["<same@x>"]) == {"<same@x>": "done"}
        assert ana.label_counts() == {"ana": 1}


def test_an_old_single_account_state_keeps_working_after_the_upgrade(imap, tmp_path):
    """Today's config and a version-1 state: the checkpoint and the records carry over, nothing is refiled."""
    from testkit.imap import write_config

    path = tmp_path / "state.db"
    version1_database(path)
    config = write_config(tmp_path / "c.toml", imap, path)
    mails = labeled_mailbox()
    append(imap, [mails["pitch"]])
    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert result.exit_code == 0, result.output
    assert where(imap)[message_id(mails["pitch"])] == "LinkedIn/Pitch"
    rows = sqlite3.connect(path).execute("SELECT account, message_id FROM messages ORDER BY rowid").fetchall()
    assert rows == [("default", "<a@x>"), ("default", message_id(mails["pitch"]))]


def test_once_runs_every_account_and_reports_each_failure_on_one_line(imap, tmp_path, monkeypatch):
    ana, ben, dead = imap.add_users([("ana@example.org", "pw-ana-4c1d"), ("ben@example.org", "pw-ben-9e2a"),
                                     ("dee@example.org", "pw-dee")])
    monkeypatch.setenv("TRIAGE_ANA_PW", ana.password)
    monkeypatch.setenv("TRIAGE_BEN_PW", "wrong")
    tables = ""
    for name, server, env, port in (("ana", ana, "TRIAGE_ANA_PW", imap.port), ("ben", ben, "TRIAGE_BEN_PW", imap.port),
                                    ("dee", dead, "TRIAGE_ANA_PW", 1)):
        tables += (f'[[accounts]]\nname = "{name}"\n[accounts.imap]\nhost = "127.0.0.1"\nport = {port}\n'
                   f'security = "none"\nusername = "{server.user}"\npassword_env = "{env}"\n')
    config = tmp_path / "config.toml"
    config.write_text(f'[state]\npath = "{tmp_path / "state.db"}"\n' + tables)
    config.chmod(0o600)
    mails = labeled_mailbox()
    append(ana, [mails["pitch"]])
    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == ["ana: personal 0 · generic 0 · pitch 1 · unsure 0 · suspicious 0 · "
                                          "other 0 · unparseable 0 · not LinkedIn 0"]
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and errors[0].startswith("Error: ben: ") and "login refused" in errors[0]
    assert errors[1].startswith("Error: dee: cannot reach 127.0.0.1:1")
    assert where(ana)[message_id(mails["pitch"])] == "LinkedIn/Pitch"
    only = CliRunner().invoke(main, ["once", "--account", "ana", "-c", str(config)])
    assert only.exit_code == 0 and only.output.startswith("ana: personal 0")


def test_corrections_train_the_accounts_model_or_the_shared_one(tmp_path):
    from triage.config import parse_config
    from triage.corrections import training_rows
    from triage.model.registry import root

    state = tmp_path / "state.db"
    config = parse_config({"state": {"path": str(state)}, "accounts": [
        {"name": name, "maildir": {"path": str(tmp_path / name)}, **extra}
        for name, extra in (("ana", {"classifier": {"model": "shared"}}), ("ben", {"classifier": {"model": "shared"}}),
                            ("cy", {}))]})
    ana, ben, cy = config.accounts
    assert ana.model_group == ben.model_group == ("ana", "ben") and cy.model_group == ("cy",)
    assert root(ana) == root(ben) == tmp_path / "models" and root(cy) == tmp_path / "models" / "cy"
    for account in (ana, ben, cy):
        with Store(state, account=account.account) as store, store.transaction():
            store.add([Record(message_id="<m@x>", status="linkedin", label="pitch", text=f"note to {account.account}",
                              state="done")])
            store.add_correction("<m@x>", "pitch", "personal", None, "label")
    with Store(state, account="ana") as store:
        shared = training_rows(store, ana.model_group)
        own = training_rows(store, cy.model_group)
    assert sorted(r["text"] for r in shared) == ["note to ana", "note to ben"]
    assert [r["text"] for r in own] == ["note to cy"]


def test_an_account_out_of_sync_for_alert_after_hours_is_said_first(tmp_path):
    from datetime import date, datetime, timedelta, timezone

    from triage.config import parse_config
    from triage.delivery import account_problems, send_alert, service_notices
    from triage.summary import build_summary

    state = tmp_path / "state.db"
    config = parse_config({"state": {"path": str(state)}, "service": {"alert_after_hours": 24},
                           "accounts": [{"name": n, "maildir": {"path": str(tmp_path / n)}} for n in ("ana", "ben")]})
    ana, ben = config.accounts
    long_ago = (datetime.now(timezone.utc) - timedelta(hours=30)).isoformat(timespec="seconds")
    with Store(state, account="ana") as store:
        store.db.execute("INSERT INTO passes(account, started_at, finished_at, ok) VALUES('ana',?,?,1)",
                         (long_ago, long_ago))
        notices = service_notices(store, ana)
        assert len(notices) == 1 and notices[0].startswith("triage has not synced account ana for over 24 h")
        summary = build_summary([], day=date(2026, 12, 3), model_version="m", notices=notices)
        assert summary.text.splitlines()[2].startswith("NOTE: triage has not synced account ana")
        problems = account_problems(store, ana)
        assert [kind for kind, _ in problems] == ["stale"]
        # Through ben's route (his Maildir inbox), once a day however often it is tried.
        (tmp_path / "ben").mkdir()
        for sub in ("cur", "new", "tmp"):
            (tmp_path / "ben" / sub).mkdir()
        assert send_alert(ana, store, problems, ben, date(2026, 12, 3)) is True
        assert send_alert(ana, store, problems, ben, date(2026, 12, 3)) is False
        assert send_alert(ana, store, problems, ben, date(2026, 12, 4)) is True
    delivered = [p.read_bytes() for p in (tmp_path / "ben" / "new").iterdir()]
    assert len(delivered) == 2 and all(b"account ana needs you" in raw for raw in delivered)


# Version 2 as issue 15 left it: the people, still without an account.
V2_PEOPLE = """
ALTER TABLE messages ADD COLUMN override TEXT NOT NULL DEFAULT '';
ALTER TABLE corrections ADD COLUMN person_key TEXT NOT NULL DEFAULT '';
CREATE TABLE people (key TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', name_norm TEXT NOT NULL DEFAULT '',
    headline TEXT NOT NULL DEFAULT '', profile_url TEXT NOT NULL DEFAULT '', override TEXT NOT NULL DEFAULT '',
    override_at TEXT, announced_at TEXT, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
CREATE TABLE person_items (message_id TEXT NOT NULL, position INTEGER NOT NULL, person_key TEXT NOT NULL,
    kind TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
    is_primary INTEGER NOT NULL DEFAULT 0, seen_at TEXT NOT NULL, PRIMARY KEY (message_id, position));
INSERT INTO people(key, name, override, first_seen, last_seen) VALUES ('in:clive-ashdown', 'Clive Ashdown', 'mute',
    '2026-01-01', '2026-11-30');
INSERT INTO person_items VALUES ('<a@x>', 0, 'in:clive-ashdown', 'invitation', 'pitch', '', 1, '2026-11-30');
PRAGMA user_version=2;
"""


def test_the_people_of_a_version_2_database_become_the_first_accounts(tmp_path):
    from triage import people

    path = tmp_path / "state.db"
    version1_database(path)
    db = sqlite3.connect(path)
    db.executescript(V2_PEOPLE)
    db.close()
    with Store(path, account="work", legacy_account="work") as work, Store(path, account="home") as home:
        assert [(p.key, p.override) for p in people.people(work)] == [("in:clive-ashdown", "mute")]
        assert people.people(home) == []
        assert [tuple(r) for r in work.db.execute("SELECT account, message_id FROM person_items")] == [
            ("work", "<a@x>")]


def test_a_second_store_on_the_same_file_keeps_the_first_ones_locks(tmp_path) -> None:
    """The service opens one Store per account on one state file, in one process.

    Opening the second must not drop the first's POSIX locks (closing any descriptor of the
    file does that): without them, another process closing its connection believes it is the
    last, checkpoints and deletes the WAL, and what the first Store writes next goes into a
    deleted file, lost to every later reader."""
    import subprocess
    import sys

    path = tmp_path / "state.db"
    first = Store(path, account="ana")
    first.db.execute("CREATE TABLE probe (n INTEGER)")
    first.db.execute("INSERT INTO probe VALUES (1)")
    second = Store(path, account="ben")
    reader = f"import sqlite3; c = sqlite3.connect({str(path)!r}); print(c.execute('SELECT count(*) FROM probe').fetchone()[0]); c.close()"
    assert subprocess.run([sys.executable, "-c", reader], capture_output=True, text=True, check=True).stdout.strip() == "1"
    assert (tmp_path / "state.db-wal").exists()      # the other process did not take the WAL away
    first.db.executemany("INSERT INTO probe VALUES (?)", [(n,) for n in range(2, 101)])
    assert subprocess.run([sys.executable, "-c", reader], capture_output=True, text=True, check=True).stdout.strip() == "100"
    first.close()
    second.close()
