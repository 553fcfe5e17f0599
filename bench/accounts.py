"""One `triage run` serving many accounts: latency from APPEND to filed, memory, connections, idle CPU.

    python -m bench.accounts [--accounts 50] [--mails 20] [--idle-seconds 30]

Starts a throwaway Dovecot (the test kit's) with one user per account, one
`triage run` for all of them (IDLE on, a pass every hour, so every filing is
IDLE's doing), waits until every account has had its first pass and holds its
IDLE connection, then drops notifications into random accounts one at a time
and times each from the APPEND returning to its record appearing in the state
database (the verdict is written before the mail is moved; the move follows in
the same pass). Figures come from /proc: peak RSS is VmHWM of the service, the
connections are its ESTABLISHED TCP sockets to Dovecot, idle CPU is its user +
system time over a quiet window.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from testkit import dovecot, mailboxes
from testkit.imap import append

PASSWORD_ENV = "TRIAGE_BENCH_IMAP_PASSWORD"
PASSWORD = "pw-bench-3b9d"


def config_text(server: dovecot.Dovecot, state: Path, n: int) -> str:
    parts = [f'[state]\npath = "{state}"\n[service]\npoll_minutes = 60\nsummary_at = "03:00"\n'
             f'[imap]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\n'
             f'password_env = "{PASSWORD_ENV}"\n']
    for i in range(n):
        parts.append(f'[[accounts]]\nname = "a{i:02d}"\n[accounts.imap]\nusername = "user{i:02d}@example.org"\n')
    return "\n".join(parts)


def rows(state: Path, sql: str, args: tuple = ()) -> list[tuple]:
    try:
        with sqlite3.connect(state, timeout=5) as db:
            return db.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return []


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def connections_to(pid: int, port: int) -> int:
    """ESTABLISHED TCP sockets of the process whose remote end is 127.0.0.1:port."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        parts = line.split()
        remote, state, inode = parts[2], parts[3], parts[9]
        if state == "01" and inode in inodes and int(remote.split(":")[1], 16) == port:
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=50)
    parser.add_argument("--mails", type=int, default=20)
    parser.add_argument("--idle-seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    server = dovecot.create()
    users = server.add_users([(f"user{i:02d}@example.org", PASSWORD) for i in range(args.accounts)])
    os.environ[PASSWORD_ENV] = PASSWORD
    proc = None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            state = Path(tmp) / "state.db"
            config = Path(tmp) / "config.toml"
            config.write_text(config_text(server, state, args.accounts))
            config.chmod(0o600)
            log = Path(tmp) / "log"
            started = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-m", "triage", "run", "-c", str(config)],
                                    stdout=subprocess.DEVNULL, stderr=open(log, "wb"))
            deadline = time.monotonic() + 300
            while time.monotonic() < deadline:
                ready = rows(state, "SELECT count(DISTINCT account) FROM passes WHERE ok=1")
                idle = rows(state, "SELECT count(*) FROM idle_states WHERE state='connected'")
                if ready and idle and ready[0][0] == args.accounts and idle[0][0] == args.accounts:
                    break
                if proc.poll() is not None:
                    raise SystemExit(f"the service exited: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            else:
                raise SystemExit(f"not every account came up in 300 s: {log.read_text()[-2000:]}")
            up = time.monotonic() - started
            time.sleep(2)
            held = connections_to(proc.pid, server.port)

            cpu0, t0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(args.idle_seconds)
            idle_cpu = (cpu_seconds(proc.pid) - cpu0) / (time.monotonic() - t0) * 100

            pool = list(mailboxes.backlog(args.mails * 3, seed=args.seed, linkedin_share=1.0))
            latencies = []
            for raw in pool[:args.mails]:
                index = rng.randrange(args.accounts)
                mid = mailboxes.message_id(raw)
                append(users[index], [raw])
                appended = time.monotonic()
                while time.monotonic() - appended < 60:
                    if rows(state, "SELECT 1 FROM messages WHERE account=? AND message_id=? AND state!='planned'",
                            (f"a{index:02d}", mid)):
                        break
                    time.sleep(0.01)
                else:
                    raise SystemExit(f"{mid} not filed within 60 s in a{index:02d}")
                latencies.append(time.monotonic() - appended)
                time.sleep(rng.uniform(0.2, 1.0))
            rss = peak_rss_mb(proc.pid)
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(30)
            proc = None
            errors = [line for line in log.read_text().splitlines() if "WARNING" in line or "ERROR" in line]
    finally:
        if proc is not None:
            proc.kill()
            proc.wait()
        dovecot.destroy(server)
    print(f"{args.accounts} accounts on one local Dovecot, one `triage run` (IDLE on, poll every 60 min)")
    print(f"  all accounts passed once and in IDLE after {up:.1f} s")
    print(f"  APPEND to filed, {len(latencies)} mails into random accounts: median {statistics.median(latencies):.2f} s,"
          f" max {max(latencies):.2f} s")
    print(f"  peak RSS of the service:   {rss:.0f} MB")
    print(f"  IMAP connections held:     {held} ({held / args.accounts:.1f} per account)")
    print(f"  CPU while idle:            {idle_cpu:.2f}% of one core over {args.idle_seconds:.0f} s")
    print(f"  exit code on SIGTERM:      {code}; warnings/errors logged: {len(errors)}")
    for line in errors[:5]:
        print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
