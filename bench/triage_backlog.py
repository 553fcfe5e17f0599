"""A first run over a backlog: `triage once` against the raw IMAP floor, in one run.

    python -m bench.triage_backlog                 # 1,000 and 10,000 mails, medians of 3
    python -m bench.triage_backlog --quick         # 1,000 mails, one repeat (CI)

For each size it loads N generated mails (half LinkedIn notifications of every
kind, half other mail) into a throwaway Dovecot and measures
  (a) the raw floor: batched UID FETCH of headers + first body part and one
      batched UID MOVE of the LinkedIn ones, done directly with imapclient;
  (b) `triage once` end to end on the same mailbox (restored byte for byte),
      in a child process, with its phases and peak RSS.
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

from testkit import dovecot, mailboxes
from testkit.imap import write_config
from triage.mail.imap import _QuietIMAPClient

BATCH = 500
CHILD = """
import json, re, sys, time
from triage.config import load_config
from triage.passes import run_once
config = load_config(sys.argv[1])
started = time.perf_counter()
result = run_once(config)
elapsed = time.perf_counter() - started
# VmHWM: this process's own peak (getrusage would include the parent's RSS at fork time).
hwm = int(re.search(r"VmHWM:\s+(\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"seconds": elapsed, "timings": dict(result.timings), "counts": dict(result.counts),
                  "rss_mb": hwm / 1024}))
"""


def load(server: dovecot.Dovecot, mails: list[bytes]) -> None:
    with _QuietIMAPClient(server.host, port=server.port, ssl=False) as c:
        c.login(server.user, server.password)
        for start in range(0, len(mails), BATCH):
            c.multiappend("INBOX", mails[start:start + BATCH])


def raw_floor(server: dovecot.Dovecot) -> dict[str, float]:
    with _QuietIMAPClient(server.host, port=server.port, ssl=False) as c:
        c.login(server.user, server.password)
        started = time.perf_counter()
        c.select_folder("INBOX")
        uids = c.search(["ALL"])
        linkedin = []
        t_fetch = time.perf_counter()
        for start in range(0, len(uids), BATCH):
            batch = uids[start:start + BATCH]
            for uid, data in c.fetch(batch, ["BODY.PEEK[HEADER]", "BODY.PEEK[1]"]).items():
                if b"linkedin.com" in data.get(b"BODY[HEADER]", b"").lower():
                    linkedin.append(uid)
        t_move = time.perf_counter()
        c.create_folder("Floor")
        for start in range(0, len(linkedin), BATCH):
            c.move(linkedin[start:start + BATCH], "Floor")
        done = time.perf_counter()
    return {"seconds": done - started, "fetch": t_move - t_fetch, "move": done - t_move, "linkedin": len(linkedin)}


def restore(server: dovecot.Dovecot, pristine: Path) -> None:
    shutil.rmtree(server.root / "mail")
    subprocess.run(["cp", "-a", str(pristine), str(server.root / "mail")], check=True)


def run_triage(server: dovecot.Dovecot, tmp: Path) -> dict:
    state = tmp / "state.db"
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{state}{suffix}").unlink(missing_ok=True)
    config = write_config(tmp / "c.toml", server, state, extra="")
    env = {**os.environ, "TRIAGE_TEST_IMAP_PASSWORD": server.password}
    out = subprocess.run([sys.executable, "-c", CHILD, str(config)], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(server: dovecot.Dovecot, n: int, repeats: int) -> dict:
    mails = mailboxes.mixed_mailbox(n, seed=n)
    server.wipe_mail()
    load(server, mails)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pristine = tmp / "pristine"
        subprocess.run(["cp", "-a", str(server.root / "mail"), str(pristine)], check=True)
        floors, runs = [], []
        for _ in range(repeats):
            restore(server, pristine)
            floors.append(raw_floor(server))
            restore(server, pristine)
            runs.append(run_triage(server, tmp))
    floor = statistics.median(f["seconds"] for f in floors)
    seconds = statistics.median(r["seconds"] for r in runs)
    best = sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]
    linkedin = floors[0]["linkedin"]
    return {"n": n, "linkedin": linkedin, "floor": floor, "triage": seconds, "ratio": seconds / floor,
            "per_second": linkedin / seconds, "rss_mb": max(r["rss_mb"] for r in runs),
            "phases": best["timings"], "counts": best["counts"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 mails, one repeat (for CI)")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes = [1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.quick else args.repeats
    server = dovecot.create()
    try:
        rows = [measure(server, n, repeats) for n in sizes]
    finally:
        dovecot.destroy(server)
    print(f"triage once vs the raw IMAP floor (local Dovecot, median of {repeats})")
    print(f"{'mails':>7} {'LinkedIn':>9} {'floor s':>8} {'triage s':>9} {'ratio':>6} {'LinkedIn/s':>11} {'peak RSS':>9}")
    for r in rows:
        print(f"{r['n']:>7} {r['linkedin']:>9} {r['floor']:>8.2f} {r['triage']:>9.2f} {r['ratio']:>6.2f} "
              f"{r['per_second']:>11.0f} {r['rss_mb']:>7.0f}MB")
    for r in rows:
        phases = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(r["phases"].items(), key=lambda kv: -kv[1]))
        print(f"phases at {r['n']}: {phases}")
        print(f"verdicts at {r['n']}: " + ", ".join(f"{k} {v}" for k, v in r["counts"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
