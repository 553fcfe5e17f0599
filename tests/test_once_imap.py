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
from triage.parse import parse_email
from triage.model.registry import model_in_use
from triage.passes import run_once, run_pass
from triage.store import Store


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def pass_killed_between_record_and_move(config, classifier, monkeypatch) -> None:
    """A pass that records its batches and dies before moving any mail (its act raises)."""
    import triage.passes as passes

    def crash(client, planned):
        raise RuntimeError("killed between record and move")

    with monkeypatch.context() as patched, pytest.raises(RuntimeError):
        patched.setattr(passes, "act", crash)
        run_once(config, classifier=classifier)


def with_commented_message_id(raw: bytes) -> bytes:
    """The mail with its Message-ID folded onto its own line and a comment after it."""
    mid = message_id(raw)
    return raw.replace(f"Message-ID: {mid}".encode(), f"Message-ID:\r\n {mid} (via a relay)".encode(), 1)


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
    from testkit.people import Person

    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    classifier = model_in_use(config)
    run_once(config, classifier=classifier)          # LinkedIn/Generic exists from here on
    late = layouts.invitation_email(Person("Zed Quill", "Growth | Sales"), "", seed=99)
    append(imap, [late])

    pass_killed_between_record_and_move(config, classifier, monkeypatch)
    result = run_once(config, classifier=classifier)
    assert result.repaired == 1 and result.learned == 0
    assert where(imap)[message_id(late)] == "LinkedIn/Generic"
    with Store(config.state_path) as store:
        assert store.corrections() == [] and store.get(message_id(late)).state == "done"


def test_locate_many_finds_what_locate_finds_one_by_one(imap, tmp_path):
    """Over several SEARCH chunks: duplicates give both copies, unknown IDs nothing, a missing folder nothing."""
    from triage.mail.connect import connect
    from triage.mail.imap import LOCATE_CHUNK

    mails = mailboxes.mixed_mailbox(2 * LOCATE_CHUNK + 30, seed=41)
    # One Message-ID folded onto its own line with a comment after it: the parser records the <...> part.
    folded = message_id(mails[5])
    mails[5] = with_commented_message_id(mails[5])
    assert parse_email(mails[5]).message_id == folded
    append(imap, mails + mails[:3])                       # three mails in the inbox twice
    ids = [message_id(m) for m in mails[:5]] + [folded] + [message_id(m) for m in mails[6:]]
    ids.append("<nobody-wrote-this@example.invalid>")
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    with connect(config, imap.password) as client:
        client.open_inbox()
        one_by_one = {m: refs for m in ids if (refs := client.locate(m, ""))}
        before = client.round_trips
        together = client.locate_many(ids, "")
        commands = client.round_trips - before
        assert client.locate_many(ids, "No/Such/Folder") == {}
    assert {m: sorted(r) for m, r in together.items()} == one_by_one
    assert len(one_by_one) == len(mails) and all(len(one_by_one[message_id(m)]) == 2 for m in mails[:3])
    assert folded in together
    assert commands == 4                                  # 3 SEARCH chunks and 1 FETCH of their headers


def test_the_repair_of_a_whole_batch_is_a_few_commands_not_two_a_mail(imap, tmp_path, monkeypatch):
    """A pass killed between recording a batch and moving it: the next pass finishes all of it, in a few commands."""
    from triage.mail.connect import connect
    from triage.passes import repair

    mails = mailboxes.mixed_mailbox(400, seed=43)
    append(imap, mails)
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    classifier = model_in_use(config)

    pass_killed_between_record_and_move(config, classifier, monkeypatch)
    with Store(config.state_path) as store, connect(config, imap.password) as client:
        planned = store.planned()
        moving = [r for r in planned if r.destination]
        assert len(planned) > 100 and len(moving) > 50
        before = client.round_trips
        assert repair(client, store) == len(planned)
        commands = client.round_trips - before
        assert store.planned() == []
        assert {store.get(r.message_id).state for r in planned} == {"done"}
    # A few commands per folder looked in (SEARCH chunks, one FETCH of their Message-IDs) and the moves;
    # one by one it was a SELECT and a SEARCH in each of two folders, per mail.
    assert commands < 40 and commands < len(planned) / 4, commands
    places = where(imap)
    assert all(places[r.message_id] == r.destination for r in moving)
    assert all(places[r.message_id] == "INBOX" for r in planned if not r.destination)


def test_a_backlog_moves_every_second_batch_and_a_crash_between_loses_nothing(imap, tmp_path, monkeypatch):
    """Moves are made per two fetched batches (fewer MOVE commands); the checkpoint never passes an unmoved batch."""
    import math

    import triage.passes as passes
    from triage.mail.imap import LINKEDIN_CRITERIA
    from triage.passes import MOVE_EVERY_BATCHES

    mails = mailboxes.mixed_mailbox(260, seed=47)
    append(imap, mails)
    path = write_config(tmp_path / "c.toml", imap, tmp_path / "s.db")
    path.write_text(path.read_text().replace("[imap]\n", "[imap]\nbatch_size = 25\n", 1))
    config = load_config(path)
    classifier = model_in_use(config)
    real_act = passes.act
    calls: list[int] = []

    def act_then_crash(client, planned):
        calls.append(len(planned))
        if len(calls) == 2:
            raise RuntimeError("killed while moving the second pair of batches")
        real_act(client, planned)

    with monkeypatch.context() as patched, pytest.raises(RuntimeError):
        patched.setattr(passes, "act", act_then_crash)
        run_once(config, classifier=classifier)
    assert calls[0] > 25                          # the first two batches' mail, moved together
    with Store(config.state_path) as store:
        planned = {r.message_id for r in store.planned()}
        checkpoint = store.checkpoint("INBOX")[1]
    assert len(planned) == calls[1]
    places = where(imap)
    assert all(places[m] == "INBOX" for m in planned)                    # recorded, not yet moved
    with imap_connection(imap) as c:
        c.select_folder("INBOX")
        headers = c.fetch(c.search(["UID", f"1:{checkpoint}"]), ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        below = {message_id(next(v for k, v in d.items() if k.startswith(b"BODY"))) for d in headers.values()}
        left = len(c.search(["UID", f"{checkpoint + 1}:*"] + LINKEDIN_CRITERIA))
    assert not planned & below                    # the checkpoint stopped before every unmoved mail

    calls.clear()
    with monkeypatch.context() as patched:
        patched.setattr(passes, "act", lambda client, planned: (calls.append(len(planned)), real_act(client, planned)))
        result = run_once(config, classifier=classifier)
    assert result.repaired == len(planned)
    # The repair's one act, then one per pair of the batches after the checkpoint.
    assert len(calls) == 1 + math.ceil(math.ceil(left / 25) / MOVE_EVERY_BATCHES)
    with Store(config.state_path) as store:
        assert store.planned() == []
        records = [r for r in (store.get(message_id(m)) for m in mails) if r is not None]
    places = where(imap)                          # asserts no mail is in two places
    assert len(places) == len(mails)              # and none is lost
    assert all(places[r.message_id] == (r.destination or "INBOX") for r in records)


def test_a_mail_without_message_id_cut_between_record_and_move_is_still_filed(imap, tmp_path, monkeypatch):
    """The repair looks mail up by Message-ID; one without any is found again by the next pass and filed."""
    from triage.passes import STAND_IN_DOMAIN

    mails = labeled_mailbox()
    bare = b"\r\n".join(line for line in mails["pitch"].split(b"\r\n")
                        if not line.lower().startswith(b"message-id:"))
    assert message_id(bare) == ""
    append(imap, [bare, mails["generic"]])
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    classifier = model_in_use(config)

    pass_killed_between_record_and_move(config, classifier, monkeypatch)
    with Store(config.state_path) as store:
        [stand_in] = [r for r in store.planned() if r.message_id.endswith(STAND_IN_DOMAIN)]
    assert stand_in.destination

    result = run_once(config, classifier=classifier)
    assert result.repaired == 2
    with Store(config.state_path) as store:
        assert store.get(stand_in.message_id).state == "done" and store.planned() == []
    folders = {folder: [raw for _, _, raw in rows] for folder, rows in snapshot(imap).items()}
    assert [raw for raw in folders[stand_in.destination] if raw.replace(b"\r\n", b"\n") == bare.replace(b"\r\n", b"\n")]
    assert not [raw for raw in folders["INBOX"] if raw.replace(b"\r\n", b"\n") == bare.replace(b"\r\n", b"\n")]
    assert where(imap)[message_id(mails["generic"])] == "LinkedIn/Generic"
    assert run_once(config, classifier=classifier).counts["pitch"] == 0          # and not filed twice


def test_arrivals_read_a_message_id_as_the_parser_does(imap, tmp_path):
    """A mail moved into a triage folder is recognised by its recorded Message-ID, comment or not."""
    from triage.mail.connect import connect

    plain, commented = mailboxes.mixed_mailbox(2, seed=53)
    mid = message_id(commented)
    commented = with_commented_message_id(commented)
    assert parse_email(commented).message_id == mid
    config = load_config(write_config(tmp_path / "c.toml", imap, tmp_path / "s.db"))
    with connect(config, imap.password) as client:
        client.ensure_folder("LinkedIn/Pitch")
        mark, _ = client.arrivals("LinkedIn/Pitch", None)
        append(imap, [plain, commented], folder="LinkedIn/Pitch")
        _, arrived = client.arrivals("LinkedIn/Pitch", mark)
    assert sorted(arrived) == sorted([message_id(plain), mid])
