"""The guide's sender rules as a check on the shipped model: the numbers never decide, the headline alone never decides.

Every item of both held-out sets is classified as written and with only its
sender's numbers and location changed (mutual connections 0, 3, 50, 500,
none; another city), and separately with its headline made neutral. The
shipped model may change its label on at most 2% of the items per family.
The labels of the held-out rows are never read here.
"""

from __future__ import annotations

from typing import Any

import pytest

from triage.items import Verdict
from triage.model.classify import Classifier, load_model
from triage.model.corpus import heldout_sets
from triage.model.invariance import (CITIES, FAMILIES, MAX_CHANGED_SHARE, MUTUAL_VALUES, headline_variants,
                                     label_changes, neutral_headline, sender_number_variants)


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_model()


@pytest.fixture(scope="module")
def heldout() -> dict[str, list[dict[str, Any]]]:
    sets = heldout_sets()
    assert len(sets["test"]) >= 400 and len(sets["independent"]) >= 300
    return sets


@pytest.mark.parametrize("family", list(FAMILIES))
@pytest.mark.parametrize("set_key", ["test", "independent"])
def test_the_shipped_model_ignores_what_the_guide_says_never_decides(classifier: Classifier, heldout: dict,
                                                                      set_key: str, family: str) -> None:
    rows = heldout[set_key]
    changed = label_changes(classifier, rows, FAMILIES[family])
    examples = [(rows[i]["id"], rows[i].get("sender_headline"), rows[i].get("mutual_connections")) for i in changed[:5]]
    assert len(changed) <= MAX_CHANGED_SHARE * len(rows), (
        f"{len(changed)}/{len(rows)} labels change under '{family}' on the {set_key} set, e.g. {examples}")


class ReadsTheCount:
    """A stand-in model that does what the old seed model did: many mutual connections -> personal."""

    def classify_records(self, rows: list[dict]) -> list[Verdict]:
        return [Verdict("personal" if (r.get("mutual_connections") or 0) >= 20 else "pitch", 1.0) for r in rows]


class ReadsTheHeadline:
    def classify_records(self, rows: list[dict]) -> list[Verdict]:
        return [Verdict("pitch" if "DM me" in (r.get("sender_headline") or "") else "generic", 1.0) for r in rows]


def test_the_check_fails_a_model_that_reads_the_numbers_or_the_headline() -> None:
    rows = [{"id": f"x-{i}", "text": "Hi", "kind": "message", "mutual_connections": n,
             "sender_headline": "I help founders scale | DM me" if i % 2 else "Nurse", "sender_location": ""}
            for i, n in enumerate([0, 7, 25, 120])]
    assert label_changes(ReadsTheCount(), rows, sender_number_variants) == [0, 1, 2, 3]
    assert label_changes(ReadsTheHeadline(), rows, headline_variants) == [1, 3]


def test_number_variants_change_only_the_count_or_the_city() -> None:
    row = {"id": "b99-x-001", "text": "Great to meet you", "kind": "invitation", "mutual_connections": 12,
           "sender_location": CITIES[0], "sender_headline": "Nurse", "label": "personal"}
    variants = sender_number_variants(row)
    assert [v["mutual_connections"] for v in variants[:len(MUTUAL_VALUES)]] == list(MUTUAL_VALUES)
    moved = variants[-1]
    assert moved["sender_location"] not in ("", CITIES[0]) and moved["mutual_connections"] == 12
    for variant in variants:
        assert {k: v for k, v in variant.items() if k not in ("mutual_connections", "sender_location")} == \
            {k: v for k, v in row.items() if k not in ("mutual_connections", "sender_location")}
    assert sender_number_variants(row) == variants  # deterministic


@pytest.mark.parametrize("headline, neutral", [
    ("Founder | Coach | Speaker", "Founder"),
    ("Entrepreneur | Mindset | Growth", "Entrepreneur"),
    ("I help coaches land 5 high-ticket clients a month | DM me 'SCALE' 🚀", "Consultant"),
    ("Sr. Technical Recruiter | Hiring 100+ roles", "Sr. Technical Recruiter"),
    ("Recruiter 🚀 | We're hiring!", "Recruiter"),
    ("Patient Advocate | Wellness Speaker | Mom of 3", "Patient Advocate"),
    ("Growth Hacker | Lead Gen | Outbound", "Marketing Specialist"),
    ("Dental Hygienist", "Dental Hygienist"),
    ("", ""),
])
def test_neutral_headline_keeps_the_job_and_drops_the_advertising(headline: str, neutral: str) -> None:
    assert neutral_headline(headline) == neutral


def test_a_neutral_headline_has_no_variant() -> None:
    assert headline_variants({"sender_headline": "Dental Hygienist"}) == []
    assert headline_variants({"sender_headline": "Founder | Coach"}) == [{"sender_headline": "Founder"}]
