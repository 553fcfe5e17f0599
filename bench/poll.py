"""The cost of a pass when nothing is new: IMAP commands after login, and `triage once` as a whole process.

    python -m bench.poll [--repeats 20] [--pairs 15]

Starts a throwaway Dovecot (the test suite's fixture code) and files a small
mailbox once. Then:

1. passes that find nothing new, in this process: the IMAP commands they send
   after login (counted by wrapping imaplib's command sender, so every command
   is seen) and their time;
2. `triage once` with nothing new as a whole process, beside a bare
   `python3 -c "import ssl, sqlite3, email"`, run in turn (A B A B ...): each
   process's wall time and CPU time (user + system, from the kernel's account
   of the finished child), and the ratio A/B pair by pair, so a
   comparison holds when a shared machine's speed drifts.
"""

from __future__ import annotations

import argparse
import imaplib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/poll.py` from the root works too

from testkit import dovecot, mailboxes  # noqa: E402
from testkit.imap import PASSWORD_ENV, append, write_config  # noqa: E402
from triage.config import load_config  # noqa: E402
from triage.mail.connect import connect  # noqa: E402
from triage.passes import LazyClassifier, run_once, run_pass  # noqa: E402
from triage.store import Store  # noqa: E402

SENT: list[str] = []
_original = imaplib.IMAP4._command
BARE = [sys.executable, "-c", "import ssl, sqlite3, email"]


def _counting(self, name, *args):  # type: ignore[no-untyped-def]
    SENT.append(name)
    return _original(self, name, *args)


def timed_process(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall and CPU seconds of one whole process, from the kernel's account of it."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}: {err[-500:]}")
    # No peak RSS: the kernel's figure for a child started from this process (which has loaded the model to
    # file the mailbox) is this process's own peak, carried across the child's exec; it read 166 MB for both.
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def in_process_passes(config_path: Path, password: str, repeats: int) -> None:
    imaplib.IMAP4._command = _counting  # type: ignore[method-assign]
    try:
        config = load_config(config_path)
        classifier = LazyClassifier(config)
        pass_ms, total_ms, counts, names = [], [], [], []
        for _ in range(repeats):
            with Store(config.state_path) as store:
                started = time.perf_counter()
                with connect(config, password) as client:
                    SENT.clear()
                    t0 = time.perf_counter()
                    run_pass(client, store, classifier, config)
                    pass_ms.append((time.perf_counter() - t0) * 1000)
                    after_login = list(SENT)
                total_ms.append((time.perf_counter() - started) * 1000)
            counts.append(len(SENT))        # includes LOGOUT
            names = after_login + ["LOGOUT"]
    finally:
        imaplib.IMAP4._command = _original  # type: ignore[method-assign]
    print(f"pass with nothing new, {repeats} runs in this process against a local Dovecot")
    print(f"  IMAP commands after login: {statistics.median(counts):.0f} ({' '.join(names)})")
    print(f"  the pass itself:           median {statistics.median(pass_ms):.2f} ms, max {max(pass_ms):.2f} ms")
    print(f"  connect+login+pass+logout: median {statistics.median(total_ms):.2f} ms")
    print(f"  model loaded:              {'yes' if classifier.loaded else 'no'}")


def whole_processes(config_path: Path, password: str, pairs: int) -> None:
    root = str(Path(__file__).resolve().parent.parent)  # the child reads this checkout's triage, as this process does
    env = {**os.environ, PASSWORD_ENV: password,
           "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
    # As installed: pip compiles the package's bytecode at install time, so a user's `triage once` never
    # compiles triage's modules. The checkout has none until the warm-up run writes it, which
    # PYTHONDONTWRITEBYTECODE (set on CI machines and in the image) would forbid: every run would then
    # compile some 40 modules from source (0.19 s for the idle run against 0.15 s here, 2026-12-04).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    once = [sys.executable, "-m", "triage", "once", "-c", str(config_path)]
    timed_process(once, env)   # warm-up: the page cache, the compiled bytecode
    timed_process(BARE, env)
    runs = [(timed_process(once, env), timed_process(BARE, env)) for _ in range(pairs)]
    print(f"\n`triage once` with nothing new vs `{BARE[0]} -c \"import ssl, sqlite3, email\"`, "
          f"{pairs} pairs run in turn")
    print(f"  {'':14} {'median':>9} {'min':>9} {'max':>9}")
    for label, pick in (("once wall s", lambda a, b: a["wall"]), ("bare wall s", lambda a, b: b["wall"]),
                        ("once cpu s", lambda a, b: a["cpu"]), ("bare cpu s", lambda a, b: b["cpu"]),
                        ("ratio wall", lambda a, b: a["wall"] / b["wall"]),
                        ("ratio cpu", lambda a, b: a["cpu"] / b["cpu"])):
        values = [pick(a, b) for a, b in runs]
        print(f"  {label:14} {statistics.median(values):>9.3f} {min(values):>9.3f} {max(values):>9.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="in-process passes")
    parser.add_argument("--pairs", type=int, default=15, help="whole-process pairs")
    args = parser.parse_args()
    server = dovecot.create()
    try:
        os.environ[PASSWORD_ENV] = server.password
        append(server, mailboxes.mixed_mailbox(200, seed=1))
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(Path(tmp) / "c.toml", server, Path(tmp) / "s.db")
            run_once(load_config(path))  # file everything once
            in_process_passes(path, server.password, args.repeats)
            whole_processes(path, server.password, args.pairs)
    finally:
        dovecot.destroy(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
