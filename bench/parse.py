"""How fast the parser reads mail: the text/plain fast path and the HTML fallback, separately.

Run: python -m bench.parse [--count 10000] [--fixture-count 2000]

1. The fixtures in tests/fixtures/mail/, repeated to at least --fixture-count
   mails, split by the path each one takes (a mail "takes the HTML path" when
   the parser had to build the HTML tree for it).
2. --count generated genuine notifications of realistic size (20-45 KB,
   multipart, quoted-printable), the common case the 1,000 emails/s target is for.

Prints emails/s, ms per mail and the process's peak memory. Single process, one core.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from triage.parse import ParseOptions, parse_email, reader

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


def timed(mails: list[bytes]) -> tuple[float, float]:
    """(emails per second, ms per mail) over the list, after one warm-up pass over a few."""
    for raw in mails[:20]:
        parse_email(raw, OPTIONS)
    start = time.perf_counter()
    for raw in mails:
        parse_email(raw, OPTIONS)
    elapsed = time.perf_counter() - start
    return len(mails) / elapsed, elapsed * 1000 / len(mails)


def repeat(mails: list[bytes], count: int) -> list[bytes]:
    return [mails[i % len(mails)] for i in range(max(count, len(mails)))] if mails else []


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000, help="generated realistic mails")
    ap.add_argument("--fixture-count", type=int, default=2_000, help="fixture mails per group (repeated)")
    args = ap.parse_args()

    fixtures = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "mail").glob("*.eml"))]
    text_path = [raw for raw in fixtures if not uses_html(raw)]
    html_path = [raw for raw in fixtures if uses_html(raw)]
    print(f"fixtures: {len(fixtures)} ({len(text_path)} text fast path, {len(html_path)} HTML path)")
    for label, group in (("fixtures, text fast path", text_path), ("fixtures, HTML path", html_path),
                         ("fixtures, all", fixtures)):
        mails = repeat(group, args.fixture_count)
        rate, ms = timed(mails)
        kb = sum(map(len, group)) / max(len(group), 1) / 1024
        print(f"{label:<28} {len(mails):>6} mails  avg {kb:5.1f} KB  {rate:8.0f} emails/s  {ms:6.3f} ms/mail")

    from testkit.compact import build_realistic

    realistic = build_realistic(args.count)
    sizes = sorted(map(len, realistic))
    rate, ms = timed(realistic)
    print(f"{'generated realistic mails':<28} {len(realistic):>6} mails  "
          f"{sizes[0] / 1024:.0f}-{sizes[-1] / 1024:.0f} KB  {rate:8.0f} emails/s  {ms:6.3f} ms/mail")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
