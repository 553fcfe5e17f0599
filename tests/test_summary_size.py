"""A summary Gmail does not clip, whatever the day holds: HTML under 90 KB, the message under 150 KB.

The catch-up days come from testkit.summaries (unique fictional names, long
InMails among the personal notes, corrections made meanwhile).
"""

from __future__ import annotations

import email
import email.policy
from collections import Counter
from datetime import datetime, timezone

import pytest
from bs4 import BeautifulSoup

from testkit.summaries import catch_up_day
from triage import codes
from triage.store import Store
from triage.summary import build_summary

NOW = datetime(2026, 3, 30, 7, 30, tzinfo=timezone.utc)


def day_summary(n: int):
    records, learned = catch_up_day(n, now=NOW)
    store = Store.in_memory()
    issued = codes.issue(store, [r.message_id for r in records], summary_id="<s@triage.invalid>", now=NOW, days=30)
    summary = build_summary(records, day=NOW.date(), model_version="seed-test", now=NOW, codes=issued,
                            owner="sam@example.org", learned=learned)
    raw = summary.to_email("triage <sam@example.org>", "sam@example.org", "<s@triage.invalid>", NOW).as_bytes()
    return records, summary, raw


@pytest.mark.parametrize("n", [500, 2000])
def test_a_catch_up_day_fits_and_names_every_personal_sender(n):
    records, summary, raw = day_summary(n)
    html_bytes = len(summary.html.encode())
    print(f"\n{n} items ({dict(Counter(r.label for r in records))}): HTML {html_bytes / 1024:.1f} KB, "
          f"message {len(raw) / 1024:.1f} KB")
    assert html_bytes < 90_000
    assert len(raw) < 150_000
    sent = email.message_from_bytes(raw, policy=email.policy.default)
    assert sent.get_body(("html",)).get_content() == summary.html      # what was measured is what is sent
    shown = BeautifulSoup(summary.html, "lxml").get_text(" ")
    text = " ".join(summary.text.split())
    for record in records:
        if record.label == "personal":
            assert record.sender_name in shown and record.sender_name in text, record.sender_name
    counts = Counter(r.label for r in records)
    assert summary.subject.startswith(f"LinkedIn: {counts['personal']} personal · {counts['generic']} generic")
    for label in ("generic", "pitch", "unsure"):
        assert f"more: run `triage label --label {label}`" in shown
        assert f"more: run `triage label --label {label}`." in text


def test_the_first_notes_are_in_full_and_in_reading_order():
    records, summary, _ = day_summary(500)
    personal = sorted((r for r in records if r.label == "personal"), key=lambda r: -r.confidence)
    first = personal[0]
    assert " ".join(first.text.split())[:300] in " ".join(summary.text.split())
    # Later ones are named: a name without its note still appears, in the "not shown here for room" list.
    assert "Also personal, not shown here for room:" in summary.text


def test_a_small_day_is_shown_whole():
    records, summary, raw = day_summary(30)
    assert "more: run" not in summary.text and "not shown here" not in summary.text
    for record in records:
        if record.label != "suspicious":
            assert record.sender_name in summary.text
    assert len(raw) < 150_000
