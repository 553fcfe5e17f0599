"""A first run over a backlog: `triage once` against the raw IMAP floor, in one run.

    python -m bench.triage_backlog                 # 1,000 and 10,000 mails, medians of 3
    python -m bench.triage_backlog --quick         # 1,000 mails, one repeat (CI)

For each size it loads N generated mails (testkit.mailboxes.mixed_mailbox:
half LinkedIn notifications of every kind, 30-66 KB, some with base64 HTML,
some HTML only; half other mail) into a throwaway Dovecot and measures, on
the same mailbox restored byte for byte before each:

  (a) the raw floor: what any tool doing this job pays to IMAP itself,
      done directly with imapclient: the same UID SEARCH triage's prefilter
      sends, batched UID FETCH BODY.PEEK[] of what it finds, and a batched
      UID MOVE of the LinkedIn mail among them;
  (b) `triage once` end to end, in a child process: its phases, its peak RSS
      and its parser workers' peaks (VmHWM of each, read while they run).

The figures are medians of the repeats. The machine may be shared: the load
average is printed before and after, so a reader can tell a quiet run from a
busy one; the ratio to the floor is taken pair by pair within a run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/triage_backlog.py` works too

from testkit import dovecot, mailboxes  # noqa: E402
from testkit.imap import write_config  # noqa: E402
from triage.mail.imap import LINKEDIN_CRITERIA, _QuietIMAPClient  # noqa: E402

BATCH = 500
CHILD = """
import json, os, re, sys, threading, time
from triage.config import load_config
from triage.passes import run_once

def hwm_kb(pid):
    try:
        return int(re.search(r"VmHWM:\\s+(\\d+)", open(f"/proc/{pid}/status").read()).group(1))
    except (OSError, AttributeError):
        return None

# Peak RSS of every child this process starts (the parser's workers), read while they run: a child's
# VmHWM is its own peak so far, and the last value read before it exits is kept.
peaks, done = {}, threading.Event()
def watch():
    me = os.getpid()
    while not done.is_set():
        try:
            kids = open(f"/proc/{me}/task/{me}/children").read().split()
        except OSError:
            kids = []
        for kid in kids:
            kb = hwm_kb(kid)
            if kb:
                peaks[kid] = max(kb, peaks.get(kid, 0))
        time.sleep(0.02)
watcher = threading.Thread(target=watch, daemon=True)
watcher.start()
config = load_config(sys.argv[1])
started = time.perf_counter()
result = run_once(config)
elapsed = time.perf_counter() - started
done.set()
watcher.join()
print(json.dumps({"seconds": elapsed, "timings": dict(result.timings), "counts": dict(result.counts),
                  "rss_mb": hwm_kb("self") / 1024, "workers_mb": sorted(kb / 1024 for kb in peaks.values())}))
"""


def load(server: dovecot.Dovecot, mails: list[bytes]) -> None:
    with _QuietIMAPClient(server.host, port=server.port, ssl=False) as c:
        c.login(server.user, server.password)
        for start in range(0, len(mails), BATCH):
            c.multiappend("INBOX", mails[start:start + BATCH])


def raw_floor(server: dovecot.Dovecot) -> dict[str, float]:
    """UID SEARCH (triage's prefilter), UID FETCH BODY.PEEK[] of the hits in batches, UID MOVE of the LinkedIn ones."""
    with _QuietIMAPClient(server.host, port=server.port, ssl=False) as c:
        c.login(server.user, server.password)
        started = time.perf_counter()
        c.select_folder("INBOX")
        uids = sorted(c.search(LINKEDIN_CRITERIA))
        t_fetch = time.perf_counter()
        linkedin = []
        for start in range(0, len(uids), BATCH):
            batch = uids[start:start + BATCH]
            for uid, data in c.fetch(batch, ["BODY.PEEK[]"]).items():
                head = data.get(b"BODY[]", b"")[:8000].split(b"\r\n\r\n", 1)[0].lower()
                if b"linkedin.com" in head:
                    linkedin.append(uid)
        t_move = time.perf_counter()
        c.create_folder("Floor")
        for start in range(0, len(linkedin), BATCH):
            c.move(linkedin[start:start + BATCH], "Floor")
        done = time.perf_counter()
    return {"seconds": done - started, "search": t_fetch - started, "fetch": t_move - t_fetch,
            "move": done - t_move, "candidates": len(uids), "linkedin": len(linkedin)}


def restore(server: dovecot.Dovecot, pristine: Path) -> None:
    shutil.rmtree(server.root / "mail")
    subprocess.run(["cp", "-a", str(pristine), str(server.root / "mail")], check=True)


def run_triage(server: dovecot.Dovecot, tmp: Path, extra: str) -> dict:
    state = tmp / "state.db"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{state}{suffix}").unlink(missing_ok=True)
    config = write_config(tmp / "c.toml", server, state, extra=extra)
    root = str(Path(__file__).resolve().parent.parent)  # the child reads this checkout's triage, as this process does
    env = {**os.environ, "TRIAGE_TEST_IMAP_PASSWORD": server.password,
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(config)], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(server: dovecot.Dovecot, n: int, repeats: int, extra: str) -> dict:
    mails = mailboxes.mixed_mailbox(n, seed=n)
    sizes = sorted(len(m) for m in mails if b"X-LinkedIn-Template" in m)
    server.wipe_mail()
    load(server, mails)
    del mails
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pristine = tmp / "pristine"
        subprocess.run(["cp", "-a", str(server.root / "mail"), str(pristine)], check=True)
        pairs = []
        for _ in range(repeats):
            restore(server, pristine)
            floor = raw_floor(server)
            restore(server, pristine)
            pairs.append((floor, run_triage(server, tmp, extra)))
    floors = [f for f, _ in pairs]
    runs = [r for _, r in pairs]
    middle = sorted(pairs, key=lambda p: p[1]["seconds"])[len(pairs) // 2]
    linkedin = floors[0]["linkedin"]
    seconds = statistics.median(r["seconds"] for r in runs)
    return {"n": n, "linkedin": linkedin, "sizes": (sizes[len(sizes) // 10], sizes[len(sizes) // 2], sizes[-1]),
            "floor": statistics.median(f["seconds"] for f in floors), "triage": seconds,
            "ratio": statistics.median(r["seconds"] / f["seconds"] for f, r in pairs),
            "per_second": linkedin / seconds,
            "rss_mb": max(r["rss_mb"] for r in runs),
            "workers_mb": max((r["workers_mb"] for r in runs), key=sum),
            "phases": middle[1]["timings"], "floor_phases": middle[0], "counts": middle[1]["counts"]}


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 mails, one repeat (for CI)")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", default="auto",
                        help="[parse] workers for triage: auto (the default: one per core) or a number")
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.quick else args.repeats
    workers = '"auto"' if args.workers == "auto" else int(args.workers)
    extra = f"\n[parse]\nworkers = {workers}\n"
    print(f"cores: {len(os.sched_getaffinity(0))}, load average before: {load_average()}")
    server = dovecot.create()
    try:
        rows = [measure(server, n, repeats, extra) for n in sizes]
    finally:
        dovecot.destroy(server)
    print(f"load average after: {load_average()}")
    print(f"triage once vs the raw IMAP floor (local Dovecot, median of {repeats}; [parse] workers = {args.workers})")
    print(f"{'mails':>7} {'LinkedIn':>9} {'floor s':>8} {'triage s':>9} {'ratio':>6} {'LinkedIn/s':>11} "
          f"{'peak RSS':>9} {'+ workers':>10} {'total':>7}")
    for r in rows:
        workers = sum(r["workers_mb"])
        print(f"{r['n']:>7} {r['linkedin']:>9} {r['floor']:>8.2f} {r['triage']:>9.2f} {r['ratio']:>6.2f} "
              f"{r['per_second']:>11.0f} {r['rss_mb']:>7.0f}MB {workers:>8.0f}MB {r['rss_mb'] + workers:>5.0f}MB")
    for r in rows:
        low, mid, high = r["sizes"]
        print(f"at {r['n']}: LinkedIn mail {low / 1000:.0f}-{high / 1000:.0f} KB (median {mid / 1000:.0f} KB)")
        f = r["floor_phases"]
        print(f"  floor: search {f['search']:.2f}s ({f['candidates']} candidates), fetch {f['fetch']:.2f}s, "
              f"move {f['move']:.2f}s")
        phases = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(r["phases"].items(), key=lambda kv: -kv[1]))
        print(f"  triage: {phases}")
        print("  peak RSS of each parser worker (and multiprocessing's resource tracker): "
              + (", ".join(f"{mb:.0f} MB" for mb in r["workers_mb"]) or "none started"))
        print("  verdicts: " + ", ".join(f"{k} {v}" for k, v in r["counts"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
