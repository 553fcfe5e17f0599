"""Parsing a backlog in worker processes: the same results, in order; no worker outlives its pass.

How much faster it is is measured by `python -m bench.triage_backlog`
(`--workers 0` for one process); here only what must hold whatever the speed.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from testkit import mailboxes
from testkit.imap import PASSWORD_ENV, append, where, write_config
from triage.cli import main
from triage.parse import ParseOptions, parse_email
from triage.parse.pool import BACKLOG, ParsePool

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "mail").glob("**/*.eml"))
OPTIONS = ParseOptions(trusted_authserv_ids=("mx.northwind.example",), owner_names=("Sam Rivera",))


def workers_of(pid: int) -> set[int]:
    """The parser workers among a process's children: spawned interpreters running spawn_main. Not
    multiprocessing's resource tracker, nor a child caught between fork and exec (its command line
    is still the parent's, so it is not counted until it shows what it is)."""
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return set()
    found = set()
    for kid in kids:
        try:
            cmdline = Path(f"/proc/{kid}/cmdline").read_bytes()
            if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
                found.add(int(kid))
        except OSError:
            pass
    return found


def children() -> set[int]:
    return workers_of(os.getpid())


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_give_what_one_process_gives_in_order() -> None:
    raws = [path.read_bytes() for path in FIXTURES] * 3
    want = [parse_email(raw, OPTIONS).to_dict() for raw in raws]
    before = children()
    with ParsePool(OPTIONS, workers=2, min_batch=10) as pool:
        first, second = pool.submit(raws[:200]), pool.submit(raws[200:])
        got = [p.to_dict() for p in first.result() + second.result()]
        assert pool.started
    assert got == want
    assert not [pid for pid in children() - before if alive(pid)]


def test_a_small_batch_is_parsed_here_and_starts_no_worker() -> None:
    with ParsePool(OPTIONS, workers=2) as pool:
        parsed = pool.submit([FIXTURES[0].read_bytes()]).result()
        assert not pool.started and len(parsed) == 1


def test_a_killed_worker_costs_a_reparse_not_the_batch() -> None:
    raws = [path.read_bytes() for path in FIXTURES][:120]
    want = [parse_email(raw, OPTIONS).to_dict() for raw in raws]
    before = children()
    with ParsePool(OPTIONS, workers=2, min_batch=10) as pool:
        assert [p.to_dict() for p in pool.submit(raws).result()] == want
        workers = sorted(children() - before)
        assert workers
        job = pool.submit(raws)
        os.kill(workers[0], signal.SIGKILL)
        assert [p.to_dict() for p in job.result()] == want          # reparsed here
        assert [p.to_dict() for p in pool.submit(raws).result()] == want  # and from now on here


def test_workers_end_with_a_pass_killed_outright(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import os, pickle, sys, time
        from pathlib import Path
        from triage.parse import ParseOptions
        from triage.parse.pool import BACKLOG, ParsePool
        if __name__ == "__main__":
            raws = [p.read_bytes() for p in sorted(Path({str(ROOT / "tests" / "fixtures" / "mail")!r}).glob("*.eml"))]
            pool = ParsePool(ParseOptions(), workers=2, min_batch=10)
            pool.submit(raws).result()
            me = os.getpid()
            print(open(f"/proc/{{me}}/task/{{me}}/children").read(), flush=True)
            while True:
                pool.submit(raws * 5)
                time.sleep(0.05)
    """)
    (tmp_path / "pass.py").write_text(script)
    proc = subprocess.Popen([sys.executable, str(tmp_path / "pass.py")], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    kids = [int(pid) for pid in proc.stdout.readline().split()]  # type: ignore[union-attr]
    assert kids
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in kids):
        time.sleep(0.1)
    assert not [pid for pid in kids if alive(pid)]


@pytest.fixture
def backlog_mailbox(imap):  # type: ignore[no-untyped-def]
    """A backlog: more new LinkedIn mail than BACKLOG, so that a pass starts its parser's workers."""
    mails = mailboxes.mixed_mailbox(BACKLOG + 100, seed=23, linkedin_share=1.0)
    append(imap, mails)
    return imap, mails


def test_a_backlog_with_workers_files_every_mail_as_one_process_does(backlog_mailbox, tmp_path: Path,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    imap, mails = backlog_mailbox
    placements = {}
    for workers in (0, 2):
        imap.wipe_mail()
        append(imap, mails)
        config = write_config(tmp_path / f"c{workers}.toml", imap, tmp_path / f"s{workers}.db",
                              extra=f"\n[parse]\nworkers = {workers}\n")
        with caplog.at_level(logging.DEBUG, logger="triage.parse.pool"):
            caplog.clear()
            result = CliRunner().invoke(main, ["once", "-c", str(config)])
        assert result.exit_code == 0, result.output
        assert ("parsing with 2 worker processes" in caplog.text) == (workers == 2)
        placements[workers] = where(imap)
    assert len(placements[0]) == len(mails) and placements[0] == placements[2]
    assert sum(folder != "INBOX" for folder in placements[2].values()) > 100


def test_sigterm_stops_a_backlog_after_its_batch_and_takes_the_workers_down(backlog_mailbox, tmp_path) -> None:
    imap, mails = backlog_mailbox
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "s.db", extra="\n[parse]\nworkers = 2\n")
    config.write_text(config.read_text().replace("[state]", "batch_size = 250\n\n[state]"))  # >= MIN_POOL_BATCH
    env = {**os.environ, "PYTHONPATH": str(ROOT), PASSWORD_ENV: imap.password}
    proc = subprocess.Popen([sys.executable, "-m", "triage", "once", "-c", str(config)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers |= workers_of(proc.pid)
        time.sleep(0.02)
    assert len(workers) == 2, "the backlog was meant to start the workers"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "stopped on request" in err and "Traceback" not in err
    time.sleep(1.5)
    assert not [pid for pid in workers if alive(pid)]
    # The next pass finishes the job: every mail where one uninterrupted pass would put it.
    again = subprocess.run([sys.executable, "-m", "triage", "once", "-c", str(config)], env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert len(where(imap)) == len(mails)
