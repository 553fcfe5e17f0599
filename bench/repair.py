"""How long the repair after a crash takes: planned mail looked up one by one against `locate_many`.

    python -m bench.repair                  # 10,000 mails in the inbox, 1,000 of them planned
    python -m bench.repair --mails 2000 --planned 500

A pass records each batch before it moves it; killed in between, it leaves
that mail "planned", and the next pass's repair must find every planned mail,
in the inbox and in its destination, before it can finish the moves. This
loads N generated mails (testkit.mailboxes.mixed_mailbox) into a throwaway
Dovecot and times, on the same connection, both ways of finding the first P
LinkedIn notifications in the inbox and in one destination folder:

  (a) one by one, `locate` per mail and folder (what the repair did before);
  (b) `locate_many`, once per folder (what it does now).

It prints seconds and IMAP commands for each, and checks both found the same.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/repair.py` works too

from bench.triage_backlog import load  # noqa: E402
from testkit import dovecot, mailboxes  # noqa: E402
from testkit.imap import PASSWORD_ENV, write_config  # noqa: E402
from triage.config import load_config  # noqa: E402
from triage.mail.connect import connect  # noqa: E402

DESTINATION = "LinkedIn/Pitch"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--planned", type=int, default=1_000)
    args = parser.parse_args()
    mails = mailboxes.mixed_mailbox(args.mails, seed=args.mails)
    ids = [mailboxes.message_id(m) for m in mails if b"X-LinkedIn-Template" in m][:args.planned]
    server = dovecot.create()
    try:
        load(server, mails)
        del mails
        os.environ[PASSWORD_ENV] = server.password
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(write_config(Path(tmp) / "c.toml", server, Path(tmp) / "s.db"))
            with connect(config, server.password) as client:
                client.open_inbox()
                client.ensure_folder(DESTINATION)
                commands, started = client.round_trips, time.perf_counter()
                one_by_one = {}
                for message_id in ids:
                    here = client.locate(message_id, "")
                    client.locate(message_id, DESTINATION)
                    if here:
                        one_by_one[message_id] = here
                single = (time.perf_counter() - started, client.round_trips - commands)
                commands, started = client.round_trips, time.perf_counter()
                together = client.locate_many(ids, "")
                client.locate_many(ids, DESTINATION)
                many = (time.perf_counter() - started, client.round_trips - commands)
    finally:
        dovecot.destroy(server)
    same = {k: sorted(v) for k, v in together.items()} == {k: sorted(v) for k, v in one_by_one.items()}
    print(f"{len(ids):,} planned mails in a {args.mails:,}-mail inbox (local Dovecot), looked up in the inbox and in {DESTINATION}")
    print(f"  one by one:   {single[0]:7.2f} s  {single[1]:6,} IMAP commands  ({single[0] / max(1, len(ids)) * 1000:.1f} ms a mail)")
    print(f"  locate_many:  {many[0]:7.2f} s  {many[1]:6,} IMAP commands")
    print(f"  found {len(together):,} in the inbox either way: {'the same' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
