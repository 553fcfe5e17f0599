"""One `triage run` for several accounts on the suite's Dovecot: isolation, health, silent cuts, metrics."""

from __future__ import annotations

import email
import email.policy
import imaplib
import json
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

from testkit.dovecot import Dovecot, free_port
from testkit.imap import append, imap_connection, where
from testkit.mailboxes import labeled_mailbox, message_id
from testkit.proxy import Cut, CuttingProxy
from testkit.service import passes, start_service, state_rows, stop_service, wait_for
from triage.cli import main


def account_table(name: str, server: Dovecot, *, port: int | None = None, password_file: Path | None = None,
                  password_env: str = "", timeout: int = 15) -> str:
    source = f'password_file = "{password_file}"' if password_file else f'password_env = "{password_env}"'
    return (f'[[accounts]]\nname = "{name}"\n[accounts.imap]\nhost = "127.0.0.1"\nport = {port or server.port}\n'
            f'security = "none"\nusername = "{server.user}"\n{source}\ntimeout = {timeout}\n')


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(0o600)
    return path


def status(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triage", "status", "-c", str(config), *args],
                          capture_output=True, text=True, timeout=60)


def inbox_subjects(server: Dovecot) -> list[str]:
    with imap_connection(server) as c:
        c.select_folder("INBOX", readonly=True)
        uids = c.search(["HEADER", "X-Triage-Summary", ""])
        if not uids:
            return []
        return [email.message_from_bytes(d[b"BODY[]"], policy=email.policy.default)["Subject"]
                for d in c.fetch(uids, ["BODY.PEEK[]"]).values()]


def folder_of(server: Dovecot, raw: bytes) -> str | None:
    """Where a mail is now; None while triage is still creating the folder it goes to (LIST sees it first)."""
    try:
        return where(server).get(message_id(raw))
    except imaplib.IMAP4.error:
        return None


def summaries(server: Dovecot) -> list[str]:
    return [s for s in inbox_subjects(server) if s.startswith("LinkedIn:")]


def test_three_accounts_one_with_a_wrong_password(imap, tmp_path, monkeypatch):
    ana, ben, cal = imap.add_users([("ana@example.org", "pw-ana-4c1d"), ("ben@example.org", "pw-ben-9e2a"),
                                    ("cal@example.org", "pw-cal-77f0")])
    monkeypatch.setenv("TRIAGE_ANA_PW", ana.password)
    monkeypatch.setenv("TRIAGE_BEN_PW", ben.password)
    cal_password = write(tmp_path / "cal-password", "not-the-password\n")
    state = tmp_path / "state.db"
    summary_at = datetime.now(timezone.utc) + timedelta(seconds=30)
    config = write(tmp_path / "config.toml", (
        f'[state]\npath = "{state}"\n'
        f'[service]\npoll_minutes = 60\nkeepalive_seconds = 4\ntimezone = "UTC"\n'
        f'summary_at = "{summary_at:%H:%M:%S}"\n\n'
        + account_table("ana", ana, password_env="TRIAGE_ANA_PW")
        + account_table("ben", ben, password_env="TRIAGE_BEN_PW")
        + account_table("cal", cal, password_file=cal_password)))
    log = tmp_path / "log"
    proc = start_service(config, log)
    try:
        assert wait_for(lambda: passes(state, "ana", ok=True) and passes(state, "ben", ok=True)
                        and passes(state, "cal", ok=False), 40), log.read_text()
        assert wait_for(lambda: len(state_rows(state, "SELECT 1 FROM idle_states WHERE state='connected'")) == 2,
                        15), log.read_text()
        # The two good accounts file new mail by IDLE within seconds (the poll is an hour away).
        mails = labeled_mailbox()
        appended = time.monotonic()
        append(ana, [mails["pitch"]])
        append(ben, [mails["generic"], mails["pitch"]])   # the same Message-ID in two accounts: filed in both
        assert wait_for(lambda: folder_of(ana, mails["pitch"]) == "LinkedIn/Pitch"
                        and folder_of(ben, mails["generic"]) == "LinkedIn/Generic"
                        and folder_of(ben, mails["pitch"]) == "LinkedIn/Pitch", 10, step=0.05), \
            log.read_text()
        assert time.monotonic() - appended < 8   # seconds, not the hour to the next poll (slack for a loaded CI machine)

        report = json.loads(status(config, "--json").stdout)
        by_name = {a["account"]: a for a in report["accounts"]}
        assert list(by_name) == ["ana", "ben", "cal"] and report["service"]["running"]
        assert by_name["ana"]["healthy"] and by_name["ben"]["healthy"]
        assert by_name["ana"]["idle"]["state"] == "connected"
        assert by_name["cal"]["last_error_kind"] == "login" and not by_name["cal"]["healthy"]
        assert by_name["cal"]["last_successful_pass"] is None
        check = status(config, "--check")
        assert check.returncode == 1
        assert check.stdout.splitlines() and all(line.startswith("account cal: ") for line in check.stdout.splitlines())

        # At summary time: ana and ben get theirs; cal's route (its own IMAP) is down, so one alert
        # comes through another account, and only one, however often cal's summary is retried.
        assert wait_for(lambda: summaries(ana) and summaries(ben), 40), log.read_text()
        assert wait_for(lambda: any("account cal needs you" in s for s in inbox_subjects(ana)), 10), log.read_text()
        assert passes(state, "cal") == 1, "a refused login backs off; it is not hammered"

        # Fixed: SIGHUP retries at once, cal files what waited for it, and the check passes.
        append(cal, [mails["generic"]])
        cal_password.write_text(cal.password + "\n")
        proc.send_signal(signal.SIGHUP)
        assert wait_for(lambda: folder_of(cal, mails["generic"]) == "LinkedIn/Generic", 20), \
            log.read_text()
        check = status(config, "--check")
        assert check.returncode == 0, check.stdout + check.stderr
        assert check.stdout.strip() == "healthy: ana, ben, cal"
    finally:
        assert stop_service(proc) == 0
    # A restart within the grace sends cal's missed summary, and nobody's twice.
    proc = start_service(config, log)
    try:
        assert wait_for(lambda: summaries(cal), 40), log.read_text()
        time.sleep(2)
    finally:
        assert stop_service(proc) == 0
    assert [len(summaries(s)) for s in (ana, ben, cal)] == [1, 1, 1]
    assert len([s for s in inbox_subjects(ana) if "needs you" in s]) == 1
    sent = state_rows(state, "SELECT account, state FROM summaries ORDER BY account")
    assert sent == [("ana", "sent"), ("ben", "sent"), ("cal", "sent")]
    assert "Traceback" not in log.read_text()
    assert "pw-cal-77f0" not in log.read_text() and "not-the-password" not in log.read_text()


def test_combined_summary_lands_once_with_a_section_per_account(imap, tmp_path, monkeypatch):
    from triage.config import load_config
    from triage.delivery import send_combined_summary
    from triage.state import open_store

    ana, ben = imap.add_users([("ana@example.org", "pw-ana-4c1d"), ("ben@example.org", "pw-ben-9e2a")])
    monkeypatch.setenv("TRIAGE_ANA_PW", ana.password)
    monkeypatch.setenv("TRIAGE_BEN_PW", ben.password)
    mails = labeled_mailbox()
    append(ana, [mails["personal"]])
    append(ben, [mails["pitch"]])
    config_path = write(tmp_path / "config.toml", (
        f'[state]\npath = "{tmp_path / "state.db"}"\n[summary]\ncombine = true\n\n'
        + account_table("ana", ana, password_env="TRIAGE_ANA_PW")
        + account_table("ben", ben, password_env="TRIAGE_BEN_PW")))
    assert CliRunner().invoke(main, ["once", "-c", str(config_path)]).exit_code == 0
    config = load_config(config_path)
    day = date.today()
    for _ in range(2):   # a second try the same day (a restart, a retry) sends nothing
        stores = [open_store(a) for a in config.accounts]
        try:
            send_combined_summary([(a, s, "test-model") for a, s in zip(config.accounts, stores)], day)
        finally:
            for s in stores:
                s.close()
    assert summaries(ben) == []
    [subject] = summaries(ana)
    assert subject.endswith("2 accounts")
    with imap_connection(ana) as c:
        c.select_folder("INBOX", readonly=True)
        [raw] = [d[b"BODY[]"] for d in c.fetch(c.search(["HEADER", "X-Triage-Summary", ""]), ["BODY.PEEK[]"]).values()]
    text = email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",)).get_content()
    assert text.index("ana (ana@example.org) · PERSONAL (1)") < text.index("Dana Whitlock") \
        < text.index("ben (ben@example.org) · PERSONAL (0)") < text.index("ben (ben@example.org) · PITCH (1)")
    rows = sqlite3.connect(tmp_path / "state.db").execute("SELECT account, state FROM summaries").fetchall()
    assert sorted(rows) == [("ana", "sent"), ("ben", "sent")]
    printed = CliRunner().invoke(main, ["summary", "--print", "-c", str(config_path)])
    assert printed.exit_code == 0, printed.output
    assert printed.output.index("ana (ana@example.org) ·") < printed.output.index("ben (ben@example.org) ·")
    one = CliRunner().invoke(main, ["summary", "--print", "--account", "ben", "-c", str(config_path)])
    assert one.exit_code == 0 and "(ben@example.org) ·" not in one.output and "PITCH (1)" in one.output


def test_a_silently_dead_connection_is_noticed_within_the_keepalive(imap, tmp_path):
    proxy = CuttingProxy(imap.port, Cut())
    state = tmp_path / "state.db"
    config = write(tmp_path / "config.toml", (
        f'[imap]\nhost = "127.0.0.1"\nport = {proxy.port}\nsecurity = "none"\nusername = "{imap.user}"\n'
        f'password_env = "TRIAGE_TEST_IMAP_PASSWORD"\ntimeout = 3\n'
        f'[state]\npath = "{state}"\n'
        f'[service]\npoll_minutes = 60\nkeepalive_seconds = 3\nstale_after_minutes = 0.2\nsummary_at = "03:00"\n'))
    log = tmp_path / "log"
    proc = start_service(config, log)
    try:
        assert wait_for(lambda: state_rows(state, "SELECT 1 FROM idle_states WHERE state='connected'"), 40), \
            log.read_text()
        time.sleep(4)    # one keepalive answered: the account is in sync with no pass for an hour
        assert status(config, "--check").returncode == 0

        proxy.stall()    # no FIN, no reset: the network just goes quiet
        stalled = time.monotonic()
        pitch = labeled_mailbox()["pitch"]
        append(imap, [pitch])    # straight to the server: mail keeps arriving meanwhile
        assert wait_for(lambda: "IDLE connection lost" in log.read_text(), 10), log.read_text()
        assert time.monotonic() - stalled <= 3 + 2, "noticed within one keepalive (and a little for the log)"
        check = wait_for(lambda: (lambda r: r if r.returncode == 1 else None)(status(config, "--check")), 20, step=1)
        assert check is not None and check.stdout.startswith("account default: last in sync"), "red while stale"

        proxy.resume()
        assert wait_for(lambda: folder_of(imap, pitch) == "LinkedIn/Pitch", 40), log.read_text()
        assert wait_for(lambda: status(config, "--check").returncode == 0, 10, step=0.5), "green after"
    finally:
        assert stop_service(proc) == 0
        proxy.close()
    assert "Traceback" not in log.read_text()


def metric(text: str, name: str, **labels: str) -> float:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{{want}}} ") or (not labels and line.startswith(f"{name} ")):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_endpoint_counts_passes_and_verdicts(imap, tmp_path):
    port = free_port()
    state = tmp_path / "state.db"
    config = write(tmp_path / "config.toml", (
        f'[imap]\nhost = "127.0.0.1"\nport = {imap.port}\nsecurity = "none"\nusername = "{imap.user}"\n'
        f'password_env = "TRIAGE_TEST_IMAP_PASSWORD"\n[state]\npath = "{state}"\n'
        f'[service]\npoll_minutes = 60\nsummary_at = "03:00"\nmetrics = "127.0.0.1:{port}"\n'))
    log = tmp_path / "log"
    proc = start_service(config, log)

    def scrape() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=2) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        first = wait_for(lambda: (lambda t: t if metric(t, "triage_passes_total", account="default",
                                                        outcome="ok") >= 1 else "")(scrape()), 40)
        assert first, log.read_text()
        assert wait_for(lambda: metric(scrape(), "triage_idle_connected", account="default") == 1, 10)
        mails = labeled_mailbox()
        append(imap, [mails["pitch"], mails["generic"]])
        after = wait_for(lambda: (lambda t: t if metric(t, "triage_mails_total", account="default",
                                                        verdict="pitch") >= 1 else "")(scrape()), 15)
        assert after, log.read_text()
    finally:
        assert stop_service(proc) == 0
    assert metric(after, "triage_passes_total", account="default", outcome="ok") > \
        metric(first, "triage_passes_total", account="default", outcome="ok")
    assert metric(after, "triage_mails_total", account="default", verdict="generic") == 1
    assert metric(after, "triage_imap_round_trips_total", account="default") > \
        metric(first, "triage_imap_round_trips_total", account="default") > 0
    assert metric(after, "triage_pass_duration_seconds_count", account="default") >= 2
    assert metric(after, "triage_last_success_timestamp_seconds", account="default") > time.time() - 60
    # Labels name the account, a verdict, an outcome or a kind: never an address or a subject.
    assert imap.user not in after and "@" not in after and "Quick question" not in after
