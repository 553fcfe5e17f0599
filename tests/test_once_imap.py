"""`triage once` end to end against a real Dovecot started by the test suite."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from testkit import layouts, mailboxes
from testkit.imap import append, imap_connection, snapshot, where, write_config
from testkit.mailboxes import EXPECTED_FOLDER, labeled_mailbox, message_id
from triage.cli import main
from triage.config import load_config, parse_config
from triage.mail.imap import ImapClient
from triage.model.registry import model_in_use
from triage.passes import run_once, run_pass
from triage.store import Store


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_files_new_notifications_by_label(imap, tmp_path):
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    append(imap, [mailboxes.ordinary_email(seed=2)], flags=(b"\\Seen", b"$Important"))
    before = snapshot(imap)
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")

    code, out = run_cli("once", "-c", str(config))

    assert code == 0, out
    assert "personal 1 · generic 1 · pitch 1 · unsure 1 · suspicious 1 · other 1" in out
    places = where(imap)
    for name, raw in mails.items():
        assert places[message_id(raw)] == EXPECTED_FOLDER[name], name
    after = snapshot(imap)
    inbox_after = {row[0]: row for row in after["INBOX"]}
    # The personal note stays in the inbox, flagged, and still unread.
    personal = inbox_after[message_id(mails["personal"])]
    assert b"\\Flagged" in personal[1] and b"\\Seen" not in personal[1]
    # Mail that is not a person's LinkedIn note is byte-for-byte and flag-for-flag as it was.
    for row in before["INBOX"]:
        if row[0] not in {message_id(mails[n]) for n in ("personal", "generic", "pitch", "unsure", "suspicious")}:
            assert row in after["INBOX"]
    # Every verdict is recorded with where it went.
    db = sqlite3.connect(tmp_path / "state.db")
    rows = dict(db.execute("SELECT label, destination FROM messages WHERE state='done'").fetchall())
    assert rows == {"personal": "", "generic": "LinkedIn/Generic", "pitch": "LinkedIn/Pitch",
                    "unsure": "LinkedIn/Review", "suspicious": "LinkedIn/Suspicious"}


def test_second_run_changes_nothing(imap, tmp_path):
    append(imap, list(labeled_mailbox().values()))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert run_cli("once", "-c", str(config))[0] == 0
    first = snapshot(imap)

    code, out = run_cli("once", "-c", str(config))

    assert code == 0
    assert out.strip().startswith("personal 0 · generic 0 · pitch 0 · unsure 0 · suspicious 0")
    assert snapshot(imap) == first


def test_new_mail_after_a_pass_is_filed(imap, tmp_path):
    mails = labeled_mailbox()
    append(imap, [mails["personal"]])
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert run_cli("once", "-c", str(config))[0] == 0
    append(imap, [mails["pitch"]])

    code, out = run_cli("once", "-c", str(config))

    assert code == 0 and "personal 0 · generic 0 · pitch 1" in out
    assert where(imap)[message_id(mails["pitch"])] == "LinkedIn/Pitch"


def test_uidvalidity_change_refiles_nothing(imap, tmp_path):
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert run_cli("once", "-c", str(config))[0] == 0
    first = snapshot(imap)
    # Dovecot gives the inbox a new UIDVALIDITY when its UID list and index are gone.
    inbox_dir = imap.root / "mail" / imap.user
    for name in ("dovecot-uidlist", "dovecot.index", "dovecot.index.log", "dovecot.index.cache"):
        (inbox_dir / name).unlink(missing_ok=True)
    with imap_connection(imap) as c:
        new_validity = c.select_folder("INBOX")[b"UIDVALIDITY"]
    old_validity = sqlite3.connect(tmp_path / "state.db").execute("SELECT uidvalidity FROM checkpoints").fetchone()[0]
    assert new_validity != old_validity

    code, out = run_cli("once", "-c", str(config))

    assert code == 0
    assert out.strip().startswith("personal 0 · generic 0 · pitch 0 · unsure 0 · suspicious 0")
    assert where(imap) == {row[0]: folder for folder, rows in first.items() for row in rows}
    count = sqlite3.connect(tmp_path / "state.db").execute("SELECT count(*) FROM messages").fetchone()[0]
    assert count == 6   # five filed + the job alert left alone; nothing recorded twice


def test_dry_run_moves_nothing_and_keeps_no_state(imap, tmp_path):
    append(imap, list(labeled_mailbox().values()))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    before = snapshot(imap)

    code, out = run_cli("once", "--dry-run", "-c", str(config))

    assert code == 0, out
    assert "move to LinkedIn/Pitch" in out and "stay in inbox + \\Flagged" in out
    assert snapshot(imap) == before
    assert not (tmp_path / "state.db").exists()


def test_limit_takes_the_oldest_first_and_the_rest_next_time(imap, tmp_path):
    mails = labeled_mailbox()
    append(imap, [mails["generic"], mails["pitch"]])
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")

    assert "generic 1 · pitch 0" in run_cli("once", "--limit", "1", "-c", str(config))[1]
    assert "generic 0 · pitch 1" in run_cli("once", "-c", str(config))[1]


def test_tls_with_ca_file_works_and_without_it_is_refused(imap, tmp_path):
    append(imap, [labeled_mailbox()["generic"]])
    trusted = write_config(tmp_path / "t.toml", imap, tmp_path / "s1.db", tls=True, ca_file=str(imap.cert_file))
    untrusted = write_config(tmp_path / "u.toml", imap, tmp_path / "s2.db", tls=True)

    code, out = run_cli("once", "-c", str(untrusted))
    assert code == 1
    assert "certificate" in out and "ca_file" in out and len(out.strip().splitlines()) == 1

    code, out = run_cli("once", "-c", str(trusted))
    assert code == 0 and "generic 1" in out


def test_wrong_password_is_one_line_and_exit_1(imap, tmp_path, monkeypatch):
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    monkeypatch.setenv("TRIAGE_TEST_IMAP_PASSWORD", "not the password")

    result = subprocess.run([sys.executable, "-m", "triage", "once", "-c", str(config)],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Error: 127.0.0.1: login refused for {imap.user} (check the username and password)"]
    assert "not the password" not in result.stderr + result.stdout


def test_unreachable_server_is_one_line_and_exit_1(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_TEST_IMAP_PASSWORD", "x")
    config = tmp_path / "c.toml"
    config.write_text('[imap]\nhost = "127.0.0.1"\nport = 1\nsecurity = "none"\nusername = "u"\n'
                      f'password_env = "TRIAGE_TEST_IMAP_PASSWORD"\n[state]\npath = "{tmp_path / "s.db"}"\n')
    config.chmod(0o600)
    code, out = run_cli("once", "-c", str(config))
    assert code == 1 and "cannot reach 127.0.0.1:1" in out and len(out.strip().splitlines()) == 1


def test_copy_expunge_fallback_removes_only_its_own_uids(imap, tmp_path):
    """Without MOVE, triage expunges exactly what it copied: a message the user
    flagged \\Deleted in another client (but did not expunge) survives."""
    mails = labeled_mailbox()
    append(imap, [mails["pitch"], mails["generic"]])
    append(imap, [mailboxes.ordinary_email(seed=7)], flags=(b"\\Deleted",))
    config = parse_config({"imap": {"host": "127.0.0.1", "port": imap.port, "security": "none",
                                    "username": imap.user, "password_env": "TRIAGE_TEST_IMAP_PASSWORD"},
                           "state": {"path": str(tmp_path / "s.db")}})
    client = ImapClient("127.0.0.1", imap.port, imap.user, imap.password, security="none", use_move=False)
    with client, Store(tmp_path / "s.db") as store:
        result = run_pass(client, store, model_in_use(config), config)

    assert result.counts["pitch"] == 1 and result.counts["generic"] == 1
    after = snapshot(imap)
    deleted = [row for row in after["INBOX"] if b"\\Deleted" in row[1]]
    assert len(deleted) == 1 and deleted[0][0] == message_id(mailboxes.ordinary_email(seed=7))
    assert [r[0] for r in after["LinkedIn/Pitch"]] == [message_id(mails["pitch"])]


def test_folders_follow_the_server_delimiter(tmp_path, monkeypatch):
    """A server whose hierarchy delimiter is '.' gets LinkedIn.Pitch, not a folder named 'LinkedIn/Pitch'."""
    from testkit import dovecot
    server = dovecot.create(separator=".")
    try:
        monkeypatch.setenv("TRIAGE_TEST_IMAP_PASSWORD", server.password)
        append(server, [labeled_mailbox()["pitch"]])
        config = write_config(tmp_path / "c.toml", server, tmp_path / "state.db")
        assert run_cli("once", "-c", str(config))[0] == 0
        with imap_connection(server) as c:
            names = {name for _, _, name in c.list_folders()}
        assert "LinkedIn.Pitch" in names and "LinkedIn/Pitch" not in names
    finally:
        dovecot.destroy(server)


def test_dovecot_fixture_is_private(dovecot_server):
    """The suite's server runs from its own temp config, never the system service's."""
    assert str(dovecot_server.config_file).startswith("/tmp/")
    assert shutil.which("dovecot")
    assert dovecot_server.process is not None and dovecot_server.process.poll() is None
    assert Path(dovecot_server.root, "dovecot.conf").read_text().count("listen = 127.0.0.1") == 1


def test_a_pass_cut_between_record_and_move_is_finished_into_an_existing_folder(imap, tmp_path, monkeypatch):
    """The repair acts on the inbox's copy, whatever folder it looked in last (it used to act on the destination's)."""
    import triage.passes as passes
    from testkit.people import Person

    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    classifier = model_in_use(config)
    run_once(config, classifier=classifier)          # LinkedIn/Generic exists from here on
    late = layouts.invitation_email(Person("Zed Quill", "Growth | Sales"), "", seed=99)
    append(imap, [late])

    def crash(client, planned):
        raise RuntimeError("killed between record and move")

    with monkeypatch.context() as patched, pytest.raises(RuntimeError):
        patched.setattr(passes, "act", crash)
        run_once(config, classifier=classifier)
    result = run_once(config, classifier=classifier)
    assert result.repaired == 1 and result.learned == 0
    assert where(imap)[message_id(late)] == "LinkedIn/Generic"
    with Store(config.state_path) as store:
        assert store.corrections() == [] and store.get(message_id(late)).state == "done"
