"""Proof that nothing is lost: dropped connections, SIGKILL, hostile mail, secrets, transport, model tampering.

Every scenario ends with one clean pass and the same invariants: each LinkedIn
notification sits in exactly one folder, the one its recorded verdict names;
nothing is lost or duplicated; every other mail is byte-for-byte and
flag-for-flag as it was; the state database and the server agree.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path


from testkit import mailboxes
from testkit.imap import append, snapshot, write_config
from testkit.malformed import HOSTILE_NOTES, hostile_mails
from testkit.proxy import Cut, CuttingProxy
from triage.config import SCHEMA, load_config
from triage.mail.errors import MailError
from triage.model.registry import model_in_use
from triage.passes import run_once

MAX_BYTES = SCHEMA["parse"]["max_message_bytes"][1]   # what triage reads (and hashes) of one mail
COMMANDS = [rb"UID FETCH", rb"UID MOVE", rb"UID COPY", rb"UID EXPUNGE", rb"UID STORE", rb"UID SEARCH",
            rb"SELECT", rb"STATUS", rb"LIST"]


def restore(server, pristine: Path) -> None:
    """Put the mailbox back exactly as it was (files and Dovecot's indexes, owners kept)."""
    shutil.rmtree(server.root / "mail")
    subprocess.run(["cp", "-a", str(pristine), str(server.root / "mail")], check=True)


def save_pristine(server, tmp_path: Path) -> Path:
    pristine = tmp_path / "pristine"
    subprocess.run(["cp", "-a", str(server.root / "mail"), str(pristine)], check=True)
    return pristine


def key(mid: str, raw: bytes) -> str:
    """A message's identity: its Message-ID, or the stand-in triage records for mail without one."""
    return mid or f"<sha256-{hashlib.sha256(raw[:MAX_BYTES]).hexdigest()[:32]}@triage.invalid>"


def check_invariants(server, before: dict, state: Path) -> dict[str, int]:
    """The promises of the brief, checked message by message; returns counts for the report."""
    after = snapshot(server)
    where: dict[str, list[str]] = {}
    rows_after = {}
    for folder, rows in after.items():
        for mid, flags, raw in rows:
            where.setdefault(key(mid, raw), []).append(folder)
            rows_after[key(mid, raw)] = (flags, raw)
    original = {key(mid, raw): (flags, raw) for rows in before.values() for mid, flags, raw in rows}
    assert set(where) == set(original), "messages lost or invented"
    duplicated = {mid: places for mid, places in where.items() if len(places) != 1}
    assert not duplicated, f"duplicated: {list(duplicated.items())[:3]}"
    db = sqlite3.connect(state)
    records = {mid: (state_, dest) for mid, state_, dest in
               db.execute("SELECT message_id, state, destination FROM messages")}
    db.close()
    assert not [m for m, (s, _) in records.items() if s == "planned"], "planned moves left after a clean pass"
    moved = 0
    for mid, (flags, raw) in original.items():
        record = records.get(mid)
        destination = record[1] if record else None
        expected = destination or "INBOX"
        assert where[mid] == [expected], f"{mid} is in {where[mid]}, state says {expected}"
        assert rows_after[mid][1] == raw, f"{mid} changed"
        if destination:
            moved += 1
        elif destination is None:
            assert rows_after[mid][0] == flags, f"{mid}: flags changed on mail triage left alone"
    return {"messages": len(original), "moved": moved}


def config_for(tmp_path: Path, server, port: int, state: Path, name: str = "c.toml") -> Path:
    path = write_config(tmp_path / name, server, state)
    text = path.read_text().replace(f"port = {server.port}", f"port = {port}")
    path.write_text(text.replace("security = \"none\"", "security = \"none\"\ntimeout = 5\nbatch_size = 50"))
    return path


def random_cut(rng: random.Random, total_server_bytes: int) -> Cut:
    if rng.random() < 0.4:
        return Cut(server_bytes=rng.randrange(200, max(300, total_server_bytes)))
    return Cut(command=rng.choice(COMMANDS), nth=rng.randint(1, 4))


def test_dropped_connections_lose_nothing(imap, tmp_path, request):
    runs = 300 if request.config.getoption("--long") else 100
    seed = int(os.environ.get("TRIAGE_FAULT_SEED", "20261130"))
    rng = random.Random(seed)
    append(imap, mailboxes.mixed_mailbox(500, seed=3))
    pristine = save_pristine(imap, tmp_path)
    before = snapshot(imap)
    # One clean pass through a proxy that never cuts measures how many bytes a pass reads.
    probe = CuttingProxy(imap.port, Cut())
    probe_config = load_config(config_for(tmp_path, imap, probe.port, tmp_path / "probe.db"))
    classifier = model_in_use(probe_config)
    run_once(probe_config, classifier=classifier)
    total = probe._server_bytes
    probe.close()
    fired = checked = 0
    cuts: set[str] = set()
    for i in range(runs):
        restore(imap, pristine)
        state = tmp_path / f"s{i}.db"
        cut = random_cut(rng, total)
        proxy = CuttingProxy(imap.port, cut)
        try:
            try:
                run_once(load_config(config_for(tmp_path, imap, proxy.port, state, "cut.toml")),
                         classifier=classifier)
            except MailError:
                pass
            fired += proxy.fired
            if proxy.fired:
                cuts.add(cut.describe().split(" #")[0] if cut.command else "server bytes")
            run_once(load_config(config_for(tmp_path, imap, imap.port, state, "clean.toml")), classifier=classifier)
            checked += check_invariants(imap, before, state)["messages"]
        except BaseException:
            print(f"failed at run {i} with seed {seed}: cut {cut.describe()}")
            raise
        finally:
            proxy.close()
            state.unlink(missing_ok=True)
    print(f"\ndropped connections: {runs} runs, {fired} cuts fired, kinds {sorted(cuts)}, {checked} messages checked")
    assert fired >= runs // 2


def test_summary_append_cut_lands_once(imap, tmp_path):
    from click.testing import CliRunner

    from triage.cli import main
    append(imap, mailboxes.mixed_mailbox(40, seed=5))
    state = tmp_path / "s.db"
    clean = config_for(tmp_path, imap, imap.port, state, "clean.toml")
    assert CliRunner().invoke(main, ["once", "-c", str(clean)]).exit_code == 0
    proxy = CuttingProxy(imap.port, Cut(command=rb"APPEND"))
    cut = config_for(tmp_path, imap, proxy.port, state, "cut.toml")
    from datetime import date

    from triage.delivery import send_daily_summary
    from triage.store import Store
    for path in (cut, clean, clean):
        config = load_config(path)
        with Store(config.state_path) as store:
            try:
                send_daily_summary(config, store, date(2026, 11, 30), model_in_use(config).version)
            except MailError:
                pass
    proxy.close()
    inbox = snapshot(imap)["INBOX"]
    summaries = [raw for _, _, raw in inbox if b"X-Triage-Summary" in raw]
    assert len(summaries) == 1


def top_up(server, before: dict, seed: int, n: int = 1200) -> None:
    """Append a fresh backlog and add it to what must survive: every pass killed must have work to be killed in.

    Appended without flags, as bytes the server keeps as they are (check_invariants compares them)."""
    fresh = mailboxes.mixed_mailbox(n, seed=seed)
    append(server, fresh)
    before["INBOX"] = sorted(before["INBOX"] + [(mailboxes.message_id(raw), frozenset(), raw) for raw in fresh])


def test_sigkill_at_random_moments_loses_nothing(imap, tmp_path, request):
    kills = 60 if request.config.getoption("--long") else 20
    rng = random.Random(int(os.environ.get("TRIAGE_FAULT_SEED", "7")))
    append(imap, mailboxes.mixed_mailbox(2000, seed=11))
    before = snapshot(imap)
    state = tmp_path / "s.db"
    config = config_for(tmp_path, imap, imap.port, state)
    killed = runs = top_ups = 0
    # On a fast machine a pass can finish the whole backlog before its kill comes; then the next
    # passes would only poll an empty inbox.  Every run that ends by itself gets fresh mail behind it,
    # so the kills keep landing mid-pass, until `kills` of them have (or a cap says the pass is too quick).
    while killed < kills and runs < kills * 3:
        runs += 1
        process = subprocess.Popen([sys.executable, "-m", "triage", "once", "-c", str(config)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.3, 2.0))   # from start-up to deep in a batch
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
            process.wait()
            continue
        _, err = process.communicate()
        assert process.returncode == 0, err.decode(errors="replace")
        top_ups += 1
        top_up(imap, before, seed=1000 + top_ups)
    result = subprocess.run([sys.executable, "-m", "triage", "once", "-c", str(config)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    counts = check_invariants(imap, before, state)
    print(f"\nSIGKILL: {killed} of {runs} runs killed mid-pass ({top_ups} backlogs added); "
          f"{counts['messages']} messages checked, {counts['moved']} filed")
    assert killed == kills, f"only {killed} of {runs} runs were still working when their kill came"


def peak_rss_mb(args: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """Run `triage ARGS` in a child and read that child's own peak RSS."""
    # VmHWM, not getrusage: a forked child's ru_maxrss starts at its parent's RSS (Linux keeps it across exec).
    code = ("import re, sys\nfrom triage.cli import main\ntry:\n    main(sys.argv[1:])\nfinally:\n"
            "    hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
            "    print('peak-rss-kb', hwm, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("peak-rss-kb")][-1]
    return result, int(line.split()[1]) / 1024


def test_hostile_mail_is_reported_and_left_in_place(imap, tmp_path):
    good = mailboxes.mixed_mailbox(300, seed=21)
    bad = hostile_mails(200, seed=4)
    mails = good + bad
    random.Random(1).shuffle(mails)
    append(imap, mails)
    before = snapshot(imap)
    state = tmp_path / "s.db"
    config = config_for(tmp_path, imap, imap.port, state)

    result, rss = peak_rss_mb(["once", "-c", str(config)])

    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    counts = check_invariants(imap, before, state)
    assert rss < 300, f"peak RSS {rss:.0f} MB; {result.stdout} {result.stderr[-3000:]}"
    db = sqlite3.connect(state)
    unparseable = db.execute("SELECT count(*) FROM messages WHERE status='unparseable'").fetchone()[0]
    db.close()
    print(f"\nhostile: {len(bad)} bad among {len(mails)}; {unparseable} reported unparseable; "
          f"{counts['moved']} filed; peak RSS {rss:.0f} MB")
    # Every good LinkedIn notification with a person's words was filed or deliberately kept (personal).
    from triage.delivery import build_for
    from triage.store import Store
    from datetime import date, datetime, timezone
    loaded = load_config(config)
    with Store(loaded.state_path) as store:
        summary = build_for(loaded, store, date.today(), datetime(2000, 1, 1, tzinfo=timezone.utc), "test",
                            send_empty=True)
    from test_service import assert_safe_html
    assert_safe_html(summary.html, shown=None)
    for note in HOSTILE_NOTES:
        if "<" in note:
            assert note not in summary.html


def test_two_passes_at_once_one_says_busy(imap, tmp_path):
    append(imap, mailboxes.mixed_mailbox(1500, seed=9))
    before = snapshot(imap)
    state = tmp_path / "s.db"
    config = config_for(tmp_path, imap, imap.port, state)
    args = [sys.executable, "-m", "triage", "once", "-c", str(config)]
    first = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outs = [p.communicate() for p in (first, second)]
    codes = sorted([first.returncode, second.returncode])
    assert codes == [0, 1], outs
    busy = [err for (out, err), p in zip(outs, (first, second)) if p.returncode == 1][0]
    assert "is busy: held by pid" in busy and "Traceback" not in busy
    check_invariants(imap, before, state)


def _open_new_state(path: str, barrier, results) -> None:
    from triage.store import Store
    barrier.wait()
    try:
        with Store(Path(path)):
            results.put("ok")
    except Exception as e:  # the test reports whatever escaped
        results.put(f"{type(e).__name__}: {e}")


def test_many_processes_opening_a_new_state_at_once_all_succeed(tmp_path):
    # SQLite answers the loser of two simultaneous switches to WAL "database is
    # locked" at once; CI met it as a traceback from the second `triage once`.
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    outcomes = []
    for trial in range(4):
        path = str(tmp_path / f"s{trial}.db")
        barrier, results = ctx.Barrier(6), ctx.Queue()
        workers = [ctx.Process(target=_open_new_state, args=(path, barrier, results)) for _ in range(6)]
        for w in workers:
            w.start()
        outcomes += [results.get(timeout=60) for _ in workers]
        for w in workers:
            w.join()
    assert outcomes == ["ok"] * len(outcomes)
