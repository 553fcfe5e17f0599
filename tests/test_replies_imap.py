"""Corrections by reply over the suite's real Dovecot: from a summary's mailto: link to a moved mail, once.

The command mails are built as the clients build them (testkit.replies) and
appended to the Sent folder, which Dovecot marks \\Sent (RFC 6154).
"""

from __future__ import annotations

import email
import email.policy
import json
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

from bs4 import BeautifulSoup
from click.testing import CliRunner

from testkit.imap import append, imap_connection, where, write_config
from testkit.mailboxes import labeled_mailbox, message_id
from testkit.replies import forward, from_mailto, inbox_command, reply_to
from triage.cli import main
from triage.config import load_config
from triage.delivery import send_daily_summary
from triage.store import Store

NOW = datetime.now(timezone.utc)


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def summaries(server) -> list[bytes]:
    with imap_connection(server) as c:
        c.select_folder("INBOX", readonly=True)
        uids = c.search(["HEADER", "X-Triage-Summary", ""])
        return [d[b"BODY[]"] for _, d in sorted(c.fetch(uids, ["BODY.PEEK[]"]).items())] if uids else []


def parts(raw: bytes) -> tuple[str, str]:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def link(raw: bytes, name: str, verb: str) -> str:
    """The mailto: link the user taps: `verb` beside `name`'s entry (or the undo beside their correction)."""
    soup = BeautifulSoup(parts(raw)[1], "lxml")
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("mailto:") and a.get_text() == verb:
            block = a.find_parent("td")
            if name in block.get_text():
                return a["href"]
    raise AssertionError(f"no {verb} link for {name}")


def daily_summary(config_path, day: date) -> None:
    """The scheduled summary for `day`: what `triage run` sends at summary_at."""
    config = load_config(config_path)
    store = Store(config.state_path)
    try:
        send_daily_summary(config, store, day, "test-model")
    finally:
        store.close()


def corrections(state) -> list[tuple]:
    db = sqlite3.connect(state)
    rows = db.execute("SELECT message_id, old_label, new_label, source FROM corrections ORDER BY id").fetchall()
    db.close()
    return rows


def sorted_and_summarised(imap, tmp_path, extra: str = ""):
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db", extra=extra)
    cli("once", "-c", str(config))
    cli("summary", "--send", "-c", str(config))
    [summary] = summaries(imap)
    return config, mails, summary


def test_a_tapped_link_moves_the_mail_once_across_passes_and_a_restart(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path)
    pitch = message_id(mails["pitch"])
    assert where(imap)[pitch] == "LinkedIn/Pitch"
    href = link(summary, "Rory Vance", "generic")
    assert href.startswith("mailto:sam@example.org?subject=triage%3A%20")

    append(imap, [from_mailto(href, when=NOW, client="iphone")], folder="Sent")
    cli("once", "-c", str(config))

    assert where(imap)[pitch] == "LinkedIn/Generic"
    assert corrections(tmp_path / "state.db") == [(pitch, "pitch", "generic", "reply")]
    cli("once", "-c", str(config))
    restarted = subprocess.run([sys.executable, "-m", "triage", "once", "-c", str(config)],
                               capture_output=True, text=True)
    assert restarted.returncode == 0, restarted.stderr
    assert corrections(tmp_path / "state.db") == [(pitch, "pitch", "generic", "reply")]
    assert where(imap)[pitch] == "LinkedIn/Generic"
    status = json.loads(cli("status", "--json", "-c", str(config)))["accounts"][0]
    assert status["replies"]["sent_folder"] == "Sent"
    assert status["replies"]["last"]["applied"] == 1 and status["replies"]["problems"] == []


def test_each_client_sends_what_triage_reads(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path)
    personal, generic = message_id(mails["personal"]), message_id(mails["generic"])
    sent = [from_mailto(link(summary, "Dana Whitlock", "pitch"), when=NOW, client="gmail"),
            from_mailto(link(summary, "Kai Brenner", "personal"), when=NOW, client="outlook")]
    append(imap, sent, folder="Sent")
    cli("once", "-c", str(config))
    assert where(imap)[personal] == "LinkedIn/Pitch"
    assert where(imap)[generic] == "INBOX"
    with imap_connection(imap) as c:
        c.select_folder("INBOX", readonly=True)
        uid = c.search(["HEADER", "Message-ID", generic])[0]
        assert b"\\Flagged" in c.get_flags([uid])[uid]       # filed as personal is: flagged in the inbox
    assert {row[2] for row in corrections(tmp_path / "state.db")} == {"pitch", "personal"}


def test_a_reply_with_codes_works_and_its_quoted_summary_is_never_read(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path)
    text, _ = parts(summary)
    code = next(line.split("[")[1].rstrip("]") for line in text.splitlines() if line.startswith("Lea Novak"))
    for client in ("gmail", "apple", "outlook"):
        append(imap, [reply_to(summary, [f"{code} personal" if client == "gmail" else f"{code} personal."],
                               when=NOW, client=client)], folder="Sent")
    append(imap, [forward(summary, "sam@example.org", when=NOW)], folder="Sent")
    cli("once", "-c", str(config))
    unsure = message_id(mails["unsure"])
    assert where(imap)[unsure] == "INBOX"
    rows = corrections(tmp_path / "state.db")
    assert rows[0] == (unsure, "unsure", "personal", "reply")
    db = sqlite3.connect(tmp_path / "state.db")
    replies = [json.loads(r[0]) for r in db.execute("SELECT lines_json FROM reply_commands ORDER BY rowid")]
    db.close()
    # Three replies, one line each: the quoted summary (and its codes) added nothing; the forward was no command.
    assert [len(lines) for lines in replies] == [1, 1, 1]
    assert all(lines[0]["code"] == code for lines in replies)


def test_a_malformed_reply_is_reported_in_the_next_summary_and_in_status(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path, "[summary]\nsend_when_empty = true\n")
    text, _ = parts(summary)
    code = next(line.split("[")[1].rstrip("]") for line in text.splitlines() if line.startswith("Lea Novak"))
    append(imap, [reply_to(summary, [f"{code} generic", f"{code[:3]}X pitchh", "WXYZ pitch", "thanks!"],
                           when=NOW)], folder="Sent")
    cli("once", "-c", str(config))

    status = cli("status", "-c", str(config))
    assert "reply problem:" in status and "pitchh is not one of personal, generic, pitch, skip, undo" in status
    today = datetime.now().date()
    time.sleep(1.1)                    # stamps have whole seconds: the next window starts after the pass
    daily_summary(config, today)
    text, html = parts(summaries(imap)[-1])
    note = next(line for line in text.splitlines() if line.startswith("NOTE: Applied 1 correction"))
    assert "3 lines not applied" in note
    assert "“WXYZ pitch” (unknown code)" in note and "“thanks!” (not a code and a label)" in note
    assert "Applied 1 correction from your reply" in BeautifulSoup(html, "lxml").get_text()
    # Told once: the next day's summary (nothing new, sent anyway) no longer says it, nor does status.
    daily_summary(config, today + timedelta(days=1))
    text, _ = parts(summaries(imap)[-1])
    assert text.startswith("LinkedIn: nothing new") and "NOTE: Applied" not in text
    assert "reply problem:" not in cli("status", "-c", str(config))


def test_undo_from_what_was_learned_reverts(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path, "[summary]\nsend_when_empty = true\n")
    pitch = message_id(mails["pitch"])
    today = datetime.now().date()
    time.sleep(1.1)                    # stamps have whole seconds: the next window starts after the pass
    daily_summary(config, today)       # the daily summaries' window starts here
    append(imap, [from_mailto(link(summary, "Rory Vance", "personal"), when=NOW)], folder="Sent")
    cli("once", "-c", str(config))
    assert where(imap)[pitch] == "INBOX"

    daily_summary(config, today + timedelta(days=1))
    second = summaries(imap)[-1]
    text, _ = parts(second)
    assert text.startswith("LinkedIn: nothing new")
    learned = text[text.index("WHAT WAS LEARNED"):]
    assert "Rory Vance: pitch → personal (your reply" in learned
    append(imap, [from_mailto(link(second, "Rory Vance", "undo"), when=NOW)], folder="Sent")
    cli("once", "-c", str(config))

    assert where(imap)[pitch] == "LinkedIn/Pitch"
    assert corrections(tmp_path / "state.db") == []
    db = sqlite3.connect(tmp_path / "state.db")
    assert db.execute("SELECT label, user_owned FROM messages WHERE message_id=?", (pitch,)).fetchone() == ("pitch", 0)
    db.close()


def test_a_code_for_mail_moved_since_is_reported_not_applied(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path)
    generic = message_id(mails["generic"])
    with imap_connection(imap) as c:           # the user files it by hand, in another client
        c.select_folder("LinkedIn/Generic")
        c.move(c.search(["HEADER", "Message-ID", generic]), "LinkedIn/Pitch")
    append(imap, [from_mailto(link(summary, "Kai Brenner", "personal"), when=NOW)], folder="Sent")
    cli("once", "-c", str(config))
    assert where(imap)[generic] == "LinkedIn/Pitch"
    assert [row[3] for row in corrections(tmp_path / "state.db")] == ["move"]
    assert "the mail has moved since the summary; nothing changed" in cli("status", "-c", str(config))


def test_a_forged_command_in_the_inbox_changes_nothing(imap, tmp_path):
    extra = ('[parse]\ntrusted_authserv_ids = ["mx.example.org"]\n'
             '[summary]\naccept_inbox_commands = true\n')
    config, mails, summary = sorted_and_summarised(imap, tmp_path, extra)
    text, _ = parts(summary)
    code = next(line.split("[")[1].rstrip("]") for line in text.splitlines() if line.startswith("Dana Whitlock"))
    forged = [
        inbox_command(f"triage: {code} pitch", when=NOW, sender="Mallory <mallory@evil.example>",
                      authentication_results="mx.example.org; dkim=pass header.d=evil.example; "
                                             "spf=pass smtp.mailfrom=evil.example; dmarc=pass header.from=evil.example"),
        inbox_command(f"triage: {code} pitch", when=NOW, sender="Sam Rivera <sam@example.org>",
                      authentication_results="mx.example.org; dkim=none; spf=fail smtp.mailfrom=evil.example; "
                                             "dmarc=fail header.from=example.org"),
        inbox_command(f"triage: {code} pitch", when=NOW, sender="Sam Rivera <sam@example.org>",
                      authentication_results="mx.evil.example; dkim=pass header.d=example.org; "
                                             "spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org"),
    ]
    append(imap, forged)
    cli("once", "-c", str(config))
    personal = message_id(mails["personal"])
    assert where(imap)[personal] == "INBOX"
    assert corrections(tmp_path / "state.db") == []

    genuine = inbox_command(f"triage: {code} pitch", when=NOW, sender="Sam Rivera <sam@example.org>",
                            authentication_results="mx.example.org; dkim=pass header.d=example.org; "
                                                   "spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org")
    append(imap, [genuine])
    cli("once", "-c", str(config))
    assert where(imap)[personal] == "LinkedIn/Pitch"       # the control: the same command, authenticated, works


def test_without_inbox_commands_even_an_authenticated_one_is_not_read(imap, tmp_path):
    config, mails, summary = sorted_and_summarised(imap, tmp_path, '[parse]\ntrusted_authserv_ids = ["mx.example.org"]\n')
    text, _ = parts(summary)
    code = next(line.split("[")[1].rstrip("]") for line in text.splitlines() if line.startswith("Dana Whitlock"))
    append(imap, [inbox_command(f"triage: {code} pitch", when=NOW, sender="Sam Rivera <sam@example.org>",
                                authentication_results="mx.example.org; dkim=pass header.d=example.org; "
                                                       "dmarc=pass header.from=example.org")])
    cli("once", "-c", str(config))
    assert where(imap)[message_id(mails["personal"])] == "INBOX"


def test_a_pass_with_nothing_new_still_costs_one_command(imap, tmp_path, monkeypatch):
    """Reading replies rides on the pass's one LIST-STATUS (which also names the \\Sent folder)."""
    import imaplib

    from triage.mail.connect import connect
    from triage.model.registry import model_in_use
    from triage.passes import run_pass

    config, mails, summary = sorted_and_summarised(imap, tmp_path)
    append(imap, [from_mailto(link(summary, "Rory Vance", "generic"), when=NOW)], folder="Sent")
    cli("once", "-c", str(config))
    cli("once", "-c", str(config))    # notices where the reply moved the mail (one look into that folder)
    sent: list[str] = []
    original = imaplib.IMAP4._command

    def counting(self, name, *args):  # noqa: ANN001, ANN202 (imaplib's own signature)
        sent.append(name)
        return original(self, name, *args)

    monkeypatch.setattr(imaplib.IMAP4, "_command", counting)
    loaded = load_config(config)
    store = Store(loaded.state_path)
    try:
        with connect(loaded, imap.password) as client:
            sent.clear()
            result = run_pass(client, store, model_in_use(loaded), loaded)
            assert sent == ["LIST"], sent
    finally:
        store.close()
    assert result.replies == 0
