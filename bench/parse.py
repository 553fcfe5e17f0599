"""How fast the parser reads mail: the text/plain fast path and the HTML path, separately, on one core.

Run: python -m bench.parse [--count 10000] [--fixture-count 2000] [--repeats 3]

1. The fixtures in tests/fixtures/mail/ (the suite's and the independent
   set), repeated to at least --fixture-count mails, split by the path each
   one takes (a mail "takes the HTML path" when the parser read its HTML part
   into lines).
2. The LinkedIn mail of the mixed mailbox the backlog benchmark loads
   (testkit.mailboxes: 30-66 KB, some base64 HTML, some HTML only), 2,000
   distinct mails repeated to --count, also split by path.

Times are the process's CPU time (a shared machine's other work does not
count), best of --repeats; prints emails/s, ms per mail and the peak RSS.
Single process, one core.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `python bench/parse.py` works too

from triage.parse import ParseOptions, parse_email, reader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

OPTIONS = ParseOptions(trusted_authserv_ids=("mx.northwind.example",), owner_names=("Sam Rivera",))


def uses_html(raw: bytes) -> bool:
    """Whether parsing this mail builds the HTML tree (the slow path)."""
    calls = 0
    original: Callable[..., Any] = reader.html_doc

    def counting(markup: str) -> Any:
        nonlocal calls
        calls += 1
        return original(markup)

    reader.html_doc = counting  # type: ignore[assignment]
    try:
        parse_email(raw, OPTIONS)
    finally:
        reader.html_doc = original  # type: ignore[assignment]
    return calls > 0


REPEATS = 3


def timed(mails: list[bytes], options: ParseOptions = OPTIONS) -> tuple[float, float]:
    """(emails per second, ms per mail) over the list in CPU time, best of REPEATS, after a warm-up over a few."""
    for raw in mails[:20]:
        parse_email(raw, options)
    best = float("inf")
    for _ in range(REPEATS):
        start = time.process_time()
        for raw in mails:
            parse_email(raw, options)
        best = min(best, time.process_time() - start)
    return len(mails) / best, best * 1000 / len(mails)


def repeat(mails: list[bytes], count: int) -> list[bytes]:
    return [mails[i % len(mails)] for i in range(max(count, len(mails)))] if mails else []


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    global REPEATS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000, help="mails from the backlog's mixed mailbox")
    ap.add_argument("--fixture-count", type=int, default=2_000, help="fixture mails per group (repeated)")
    ap.add_argument("--repeats", type=int, default=REPEATS, help="best of this many runs")
    args = ap.parse_args()
    REPEATS = args.repeats

    fixtures = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "mail").glob("**/*.eml"))]
    text_path = [raw for raw in fixtures if not uses_html(raw)]
    html_path = [raw for raw in fixtures if uses_html(raw)]
    print(f"fixtures: {len(fixtures)} ({len(text_path)} text fast path, {len(html_path)} HTML path)")
    for label, group in (("fixtures, text fast path", text_path), ("fixtures, HTML path", html_path),
                         ("fixtures, all", fixtures)):
        mails = repeat(group, args.fixture_count)
        rate, ms = timed(mails)
        kb = sum(map(len, group)) / max(len(group), 1) / 1024
        print(f"{label:<32} {len(mails):>6} mails  avg {kb:5.1f} KB  {rate:8.0f} emails/s  {ms:6.3f} ms/mail")

    from testkit.mailboxes import mixed_mailbox

    backlog = mixed_mailbox(2_000, seed=11, linkedin_share=1.0)
    plain = ParseOptions()  # the generated mailbox's owner is not the fixtures' owner
    groups = (("backlog mail, text fast path", [m for m in backlog if not uses_html(m)]),
              ("backlog mail, HTML path", [m for m in backlog if uses_html(m)]), ("backlog mail, all", backlog))
    for label, group in groups:
        mails = repeat(group, args.count * len(group) // len(backlog))
        sizes = sorted(map(len, group))
        rate, ms = timed(mails, plain)
        print(f"{label:<32} {len(mails):>6} mails  {sizes[0] / 1024:3.0f}-{sizes[-1] / 1024:.0f} KB  "
              f"{rate:8.0f} emails/s  {ms:6.3f} ms/mail")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
