"""The cost of a pass when nothing is new: IMAP commands after login, and wall time.

    python -m bench.poll [--repeats 20]

Starts a throwaway Dovecot (the test suite's fixture code), files a small
mailbox once, then times passes that find nothing new. Commands are counted
by wrapping imaplib's command sender, so every command triage sends is seen.
"""

from __future__ import annotations

import argparse
import imaplib
import statistics
import tempfile
import time
from pathlib import Path

from testkit import dovecot, mailboxes
from testkit.imap import append, write_config
from triage.config import load_config
from triage.mail.connect import connect
from triage.model.registry import model_in_use
from triage.passes import run_once, run_pass
from triage.store import Store

SENT: list[str] = []
_original = imaplib.IMAP4._command


def _counting(self, name, *args):  # type: ignore[no-untyped-def]
    SENT.append(name)
    return _original(self, name, *args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    imaplib.IMAP4._command = _counting  # type: ignore[method-assign]
    server = dovecot.create()
    try:
        import os
        os.environ["TRIAGE_TEST_IMAP_PASSWORD"] = server.password
        append(server, mailboxes.mixed_mailbox(200, seed=1))
        with tempfile.TemporaryDirectory() as tmp:
            path = write_config(Path(tmp) / "c.toml", server, Path(tmp) / "s.db")
            config = load_config(path)
            run_once(config)  # file everything once
            classifier = model_in_use(config)
            pass_ms, total_ms, counts, names = [], [], [], []
            for _ in range(args.repeats):
                store = Store(config.state_path)
                started = time.perf_counter()
                with connect(config, server.password) as client:
                    SENT.clear()
                    t0 = time.perf_counter()
                    run_pass(client, store, classifier, config)
                    pass_ms.append((time.perf_counter() - t0) * 1000)
                    after_login = list(SENT)
                total_ms.append((time.perf_counter() - started) * 1000)
                store.close()
                counts.append(len(SENT))        # includes LOGOUT
                names = after_login + ["LOGOUT"]
            print(f"pass with nothing new, {args.repeats} runs against a local Dovecot")
            print(f"  IMAP commands after login: {statistics.median(counts):.0f} ({' '.join(names)})")
            print(f"  the pass itself:           median {statistics.median(pass_ms):.2f} ms, "
                  f"max {max(pass_ms):.2f} ms")
            print(f"  connect+login+pass+logout: median {statistics.median(total_ms):.2f} ms")
    finally:
        dovecot.destroy(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
