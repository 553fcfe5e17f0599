"""`triage run` as a real process against the suite's Dovecot, and summary delivery (IMAP and aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from click.testing import CliRunner

from testkit import layouts, mailboxes
from testkit.imap import append, imap_connection, where, write_config
from testkit.service import start_service, wait_for
from testkit.mailboxes import labeled_mailbox, message_id
from testkit.summaries import is_reply_link
from testkit.people import Person
from triage.cli import main

HOSTILE_NAME = 'Eve <script>alert(1)</script> "><img src=x onerror=alert(2)>'
HOSTILE_NOTE = ("Loved meeting you at the Bristol ops breakfast! <script>document.location='https://evil.example'"
                "</script> see javascript:alert(3) \u202eoops")


def passes_done(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        return sqlite3.connect(state).execute("SELECT count(*) FROM passes WHERE ok=1").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 10) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout)


def summaries_in_inbox(server) -> list[bytes]:
    with imap_connection(server) as c:
        c.select_folder("INBOX", readonly=True)
        uids = c.search(["HEADER", "X-Triage-Summary", ""])
        return [d[b"BODY[]"] for d in c.fetch(uids, ["BODY.PEEK[]"]).values()] if uids else []


def service_config(tmp_path, server, extra: str) -> Path:
    return write_config(tmp_path / "c.toml", server, tmp_path / "state.db", extra=extra)


def test_idle_files_new_mail_within_5_seconds(imap, tmp_path):
    config = service_config(tmp_path, imap, "[service]\npoll_minutes = 60\nidle = true\nsummary_at = \"03:00\"\n")
    proc = start_service(config, tmp_path / "log")
    try:
        assert wait_for(lambda: passes_done(tmp_path / "state.db") >= 1, 30), (tmp_path / "log").read_text()
        time.sleep(1.0)  # let the IDLE connection settle
        pitch = labeled_mailbox()["pitch"]
        appended = time.monotonic()
        append(imap, [pitch])
        filed = wait_for(lambda: where(imap).get(message_id(pitch)) == "LinkedIn/Pitch", 10, step=0.05)
        elapsed = time.monotonic() - appended
        assert filed, (tmp_path / "log").read_text()
        assert elapsed < 5, f"filed after {elapsed:.1f} s"
    finally:
        assert stop(proc) == 0


def test_recovers_after_server_restart(imap, tmp_path):
    config = service_config(tmp_path, imap, "[service]\npoll_minutes = 0.05\nsummary_at = \"03:00\"\n")
    proc = start_service(config, tmp_path / "log")
    try:
        assert wait_for(lambda: passes_done(tmp_path / "state.db") >= 1, 30)
        imap.stop()
        # Mail arrives while the server is down: dropped straight into the Maildir.
        generic = labeled_mailbox()["generic"]
        new_dir = imap.root / "mail" / imap.user / "new"
        new_dir.mkdir(parents=True, exist_ok=True)
        (new_dir / "1700000000.M1P1.test").write_bytes(generic)
        os.system(f"chown -R mail:mail {imap.root / 'mail'} 2>/dev/null")
        time.sleep(4)   # several failed passes, each one log line
        assert proc.poll() is None, "the service must not exit when the server is down"
        imap.start()
        assert wait_for(lambda: where(imap).get(message_id(generic)) == "LinkedIn/Generic", 40), \
            (tmp_path / "log").read_text()
        log = (tmp_path / "log").read_text()
        assert "pass failed" in log and "Traceback" not in log
    finally:
        if imap.process is None:
            imap.start()
        assert stop(proc) == 0


def test_sigterm_mid_pass_exits_cleanly_and_next_pass_completes(imap, tmp_path):
    mails = list(mailboxes.backlog(400, seed=11, linkedin_share=1.0))
    append(imap, mails)
    config = service_config(tmp_path, imap,
                            "[service]\npoll_minutes = 60\nidle = false\nsummary_at = \"03:00\"\n")
    config.write_text(config.read_text().replace("[state]", "batch_size = 20\n\n[state]"))
    proc = start_service(config, tmp_path / "log")
    db = tmp_path / "state.db"

    def some_filed() -> bool:
        try:
            return sqlite3.connect(db).execute("SELECT count(*) FROM messages").fetchone()[0] > 0
        except sqlite3.OperationalError:
            return False

    assert wait_for(some_filed, 60, step=0.02)
    started = time.monotonic()
    assert stop(proc) == 0
    assert time.monotonic() - started < 10
    # State and server agree: everything recorded as done is where its record says.
    places = where(imap)
    rows = sqlite3.connect(db).execute("SELECT message_id, destination, state FROM messages").fetchall()
    folder_of = {"": "INBOX"}
    for mid, destination, state in rows:
        if state == "done":
            assert places[mid] == folder_of.get(destination, destination)
    assert len(rows) < len(mails), "the pass was meant to be interrupted"

    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert result.exit_code == 0, result.output
    places = where(imap)
    rows = sqlite3.connect(db).execute("SELECT message_id, destination, state FROM messages").fetchall()
    assert {state for _, _, state in rows} <= {"done", "left"}
    for mid, destination, state in rows:
        if state == "done":
            assert places[mid] == folder_of.get(destination, destination)
    assert len(places) == len(mails)


@pytest.mark.parametrize("kill_at", [-1.5, 1.5], ids=["killed-before", "killed-after"])
def test_summary_lands_exactly_once_across_a_kill(imap, tmp_path, kill_at):
    append(imap, list(labeled_mailbox().values()))
    assert CliRunner().invoke(main, ["once", "-c", str(write_config(
        tmp_path / "first.toml", imap, tmp_path / "state.db"))]).exit_code == 0
    at = datetime.now(timezone.utc) + timedelta(seconds=6)
    config = service_config(tmp_path, imap, f"[service]\npoll_minutes = 60\nidle = false\n"
                                            f"timezone = \"UTC\"\nsummary_at = \"{at:%H:%M:%S}\"\n")
    proc = start_service(config, tmp_path / "log")
    wait_for(lambda: datetime.now(timezone.utc) >= at + timedelta(seconds=kill_at), 20)
    proc.kill()
    proc.wait()
    second = start_service(config, tmp_path / "log")
    try:
        wait_for(lambda: datetime.now(timezone.utc) >= at + timedelta(seconds=5), 20)
        assert wait_for(lambda: len(summaries_in_inbox(imap)) >= 1, 10), (tmp_path / "log").read_text()
        time.sleep(1)
    finally:
        assert stop(second) == 0
    assert len(summaries_in_inbox(imap)) == 1
    sent = sqlite3.connect(tmp_path / "state.db").execute("SELECT state FROM summaries").fetchall()
    assert sent == [("sent",)]


def test_start_within_grace_sends_the_missed_summary_once(imap, tmp_path):
    append(imap, list(labeled_mailbox().values()))
    at = datetime.now(timezone.utc) - timedelta(minutes=2)
    config = service_config(tmp_path, imap, f"[service]\npoll_minutes = 60\nidle = false\ntimezone = \"UTC\"\n"
                                            f"summary_at = \"{at:%H:%M:%S}\"\nmisfire_grace_hours = 1\n")
    for _ in range(2):
        proc = start_service(config, tmp_path / "log")
        try:
            assert wait_for(lambda: len(summaries_in_inbox(imap)) >= 1, 30), (tmp_path / "log").read_text()
            time.sleep(1.5)
        finally:
            assert stop(proc) == 0
    assert len(summaries_in_inbox(imap)) == 1


def test_second_instance_names_the_holder_and_exits_1(imap, tmp_path):
    config = service_config(tmp_path, imap, "[service]\npoll_minutes = 60\nidle = false\nsummary_at = \"03:00\"\n")
    proc = start_service(config, tmp_path / "log")
    try:
        assert wait_for(lambda: passes_done(tmp_path / "state.db") >= 1, 30)
        second = subprocess.run([sys.executable, "-m", "triage", "run", "-c", str(config)],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert f"held by pid {proc.pid}" in second.stderr
    finally:
        assert stop(proc) == 0


class Inbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(envelope.content)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _hostile_mailbox() -> list[bytes]:
    return [
        layouts.invitation_email(Person(HOSTILE_NAME, 'Ops "lead" <b>bold</b>', "Bristol"), HOSTILE_NOTE, mutual=4),
        *labeled_mailbox().values(),
    ]


def assert_safe_html(html: str, shown: str | None = "<script>alert(1)</script>") -> None:
    """No live script, handler or foreign link; `shown` (a hostile string a sender wrote) appears as text."""
    soup = BeautifulSoup(html, "lxml")
    assert not soup.find_all(["script", "iframe", "object", "embed", "form"])
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            if attr == "href" and not is_reply_link(value):
                host = value.split("/")[2] if value.startswith("https://") else ""
                assert host == "linkedin.com" or host.endswith(".linkedin.com"), value
    text = soup.get_text()
    if shown is not None:
        assert shown in text        # shown as text, not run
    assert "\u202e" not in html


def test_summary_delivered_by_smtp_to_a_real_server(imap, tmp_path):
    append(imap, _hostile_mailbox())
    state = tmp_path / "state.db"
    assert CliRunner().invoke(main, ["once", "-c", str(write_config(tmp_path / "a.toml", imap, state))]).exit_code == 0
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        config = write_config(tmp_path / "c.toml", imap, state, extra=(
            f'[summary]\ndeliver = "smtp"\nto = "sam@example.org"\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'))
        result = CliRunner().invoke(main, ["summary", "--send", "-c", str(config)])
        assert result.exit_code == 0, result.output
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    message = email.message_from_bytes(inbox.messages[0], policy=email.policy.default)
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert_safe_html(html)
    assert text.index("PERSONAL") < text.index("GENERIC") < text.index("PITCH")
    assert "Dana Whitlock" in text


def test_summary_delivered_into_the_inbox_by_imap(imap, tmp_path):
    append(imap, _hostile_mailbox())
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    assert CliRunner().invoke(main, ["once", "-c", str(config)]).exit_code == 0

    result = CliRunner().invoke(main, ["summary", "--send", "-c", str(config)])

    assert result.exit_code == 0, result.output
    [raw] = summaries_in_inbox(imap)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"].startswith("LinkedIn: ")
    assert_safe_html(message.get_body(("html",)).get_content())
    printed = CliRunner().invoke(main, ["summary", "--print", "-c", str(config)])
    assert printed.exit_code == 0 and "Dana Whitlock" in printed.output


def test_retrains_in_the_background_after_retrain_after_corrections(imap, tmp_path):
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    config = service_config(tmp_path, imap, "[service]\npoll_minutes = 0.05\nidle = false\nsummary_at = \"03:00\"\n"
                                            "retrain_after = 2\n")
    assert CliRunner().invoke(main, ["once", "-c", str(config)]).exit_code == 0
    for name, label in (("generic", "pitch"), ("unsure", "generic")):
        result = CliRunner().invoke(main, ["label", "-c", str(config), "--set", message_id(mails[name]), label])
        assert result.exit_code == 0, result.output
    proc = start_service(config, tmp_path / "log")
    try:
        def active_version() -> str:
            out = CliRunner().invoke(main, ["status", "--json", "-c", str(config)]).output
            return json.loads(out.splitlines()[-1])["accounts"][0]["model"] if out.strip().endswith("}") else ""
        assert wait_for(lambda: active_version().startswith("user-"), 90, step=1.0), (tmp_path / "log").read_text()
        assert wait_for(lambda: "retrain: activated" in (tmp_path / "log").read_text(), 10)
    finally:
        assert stop(proc) == 0
