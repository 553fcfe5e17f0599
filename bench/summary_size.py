"""How big the morning summary gets, and how long it takes to build, as the day grows.

    python -m bench.summary_size [--days 50,200,500,2000]

Each day is testkit.summaries.catch_up_day(N): labeled records as the state
database holds them (a quarter personal, long InMails among them), with reply
codes and 60 corrections since the last summary. Prints the HTML part's size
(Gmail clips past about 102 KB; the limit is 90 KB), the whole message as it
is delivered (limit 150 KB), how many entries each tier got, and the build
time (median of 5).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter
from datetime import datetime, timezone

from testkit.summaries import catch_up_day
from triage import codes
from triage.store import Store
from triage.summary import build_summary
from triage.summary.compose import Summary
from triage.summary.content import build_content
from triage.summary.fit import fit

NOW = datetime(2026, 3, 30, 7, 30, tzinfo=timezone.utc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", default="50,200,500,2000")
    args = parser.parse_args()
    print(f"{'items':>6} {'personal':>8} {'HTML KB':>8} {'text KB':>8} {'message KB':>10} {'build ms':>9}  "
          "full / line / name / counted")
    for n in (int(x) for x in args.days.split(",")):
        records, learned = catch_up_day(n, now=NOW)
        store = Store.in_memory()
        issued = codes.issue(store, [r.message_id for r in records] + [c.message_id for c in learned],
                             summary_id="<s@triage.invalid>", now=NOW, days=30)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            summary = build_summary(records, day=NOW.date(), model_version="seed-test", now=NOW, codes=issued,
                                    owner="sam@example.org", learned=learned)
            times.append((time.perf_counter() - started) * 1000)
        content = build_content(records, day=NOW.date(), model_version="seed-test", now=NOW, codes=issued,
                                owner="sam@example.org", learned=learned)
        fit(content, lambda text, html: Summary(content.subject, text, html).size())
        tiers = Counter(e.tier for s in content.visible for e in s.entries)
        size = len(summary.to_email("triage <sam@example.org>", "sam@example.org", "<s@triage.invalid>",
                                    NOW).as_bytes())
        personal = sum(r.label == "personal" for r in records)
        print(f"{n:>6} {personal:>8} {len(summary.html.encode()) / 1024:>8.1f} {len(summary.text.encode()) / 1024:>8.1f} "
              f"{size / 1024:>10.1f} {statistics.median(times):>9.0f}  "
              f"{tiers['full']} / {tiers['line']} / {tiers['name']} / {tiers['count']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
