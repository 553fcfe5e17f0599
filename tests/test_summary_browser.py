"""The summary in a real headless Chromium (Debian's): every section and every correction link visible.

At 390 px (a phone) and 800 px, each section heading and each link must be on
screen, inside the mail's width (no sideways scrolling), and be what a tap at
its centre hits. The screenshots are kept as test artefacts in
test-artifacts/ (or $TRIAGE_TEST_ARTIFACTS), never in git.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from testkit import browser
from testkit.summaries import catch_up_day, is_reply_link
from triage import codes
from triage.people import OnlyAsks
from triage.store import Store
from triage.summary import build_summary

NOW = datetime(2026, 3, 30, 7, 30, tzinfo=timezone.utc)
# A serial pitcher who just crossed the Disconnect Day line (triage.people).
ASKER = OnlyAsks(key="in:clive-ashdown-c45d482a", name="Clive Ashdown",
                 headline="Keynote Speaker | Author of The Resilient Warehouse | Host of Forklift Talk",
                 profile_url="https://www.linkedin.com/in/clive-ashdown-c45d482a", asks=4,
                 since=datetime(2024, 2, 6, tzinfo=timezone.utc), last_seen="", override="", announced=False)
ARTIFACTS = Path(os.environ.get("TRIAGE_TEST_ARTIFACTS") or Path(__file__).resolve().parent.parent / "test-artifacts")

pytestmark = pytest.mark.skipif(not browser.available(), reason="chromium is not installed (.ci/run installs it)")


def day(n: int, corrections: int):
    records, learned = catch_up_day(n, now=NOW, corrections=corrections)
    store = Store.in_memory()
    issued = codes.issue(store, [r.message_id for r in records] + [c.message_id for c in learned],
                         summary_id="<s@triage.invalid>", now=NOW, days=30)
    return build_summary(records, day=NOW.date(), model_version="seed-test", now=NOW, codes=issued,
                         owner="sam@example.org", learned=learned, only_asks=[ASKER])


# An ordinary day shows everything, "What was learned" with its undo links included; a catch-up day of
# 500 shows notes, compact lines, names only and counts.
DAYS = {"ordinary": (40, 6), "catch-up": (500, 20)}


@pytest.mark.parametrize("width", [390, 800])
@pytest.mark.parametrize("kind", DAYS)
def test_every_section_and_correction_link_is_visible(kind, width, tmp_path):
    summary = day(*DAYS[kind])
    shot = ARTIFACTS / f"summary-{kind}-{width}px.png"
    seen = browser.render(summary.html, width, shot, tmp_path)
    print(f"\n{kind} day at {width} px: {seen.height} px tall, {len(seen.links)} links, screenshot {shot} "
          f"({shot.stat().st_size / 1024:.0f} KB)")
    assert seen.width == width
    assert seen.scroll_width <= width, "the reader would have to scroll sideways"
    titles = [h["text"].split(" (")[0] for h in seen.headings]
    assert titles[1:] == ["Personal", "Unsure", "Suspicious", "Generic", "Pitches", "Only asks", "What was learned",
                          "Counts"]
    for box in seen.headings + seen.links:
        assert box["visible"] and box["width"] > 0 and box["height"] > 0, box
        assert 0 <= box["left"] and box["right"] <= width + 0.5, box
        assert box["hit"], f"a tap on {box['text']!r} would hit something else: {box}"
    fixes = [link for link in seen.links if link["href"].startswith("mailto:")]
    assert all(is_reply_link(link["href"]) for link in fixes)
    shown = summary.html.count('href="mailto:')
    assert len(fixes) == shown and shown >= 40
    if kind == "ordinary":
        assert sum(link["text"] == "undo" for link in fixes) == 6
        assert ASKER.profile_url in [link["href"] for link in seen.links]
    else:
        assert "not shown here for room" in summary.html and "more: run" in summary.html
    assert all(link["height"] >= 20 for link in fixes), "a correction link too small to tap"
    assert shot.stat().st_size > 10_000
