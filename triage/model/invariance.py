"""The labeling guide's two sender rules as input changes: the numbers never decide; the headline alone never decides.

Each family below turns one row into variants that differ from it only in
what the guide says must not matter: the mutual-connection count and the
location, or the headline's decoration (the "| DM me", "I help ..." around
the job title). A model that respects the guide gives every variant the
label it gives the row; `label_changes` counts the rows where it does not.
`tests/test_invariance.py` holds the shipped model to it on both held-out
sets, and `triage.model.training` measures the same on grouped CV, where model
choices are made.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from ..text import normalize

# The counts a LinkedIn layout may show, None for a layout that shows none.
MUTUAL_VALUES: tuple[int | None, ...] = (0, 3, 50, 500, None)
# Fictional senders move to one of these; a row already in the first city gets the second.
CITIES = ("Aarhus, Central Denmark Region, Denmark", "Porto Alegre, Rio Grande do Sul, Brazil",
          "Nagoya, Aichi, Japan", "Tulsa, Oklahoma, United States", "Kraków, Lesser Poland, Poland",
          "Mombasa, Mombasa County, Kenya", "Valencia, Valencian Community, Spain", "Ghent, Flanders, Belgium")

# Separators between a headline's parts ("Founder | Coach | Speaker").
_PARTS_RE = re.compile(r"\s*(?:[|｜•·]|//|\s-\s)\s*")
# A part that advertises rather than names a job: a promise, a call to action, a number to impress, a slogan.
_DECORATION_RE = re.compile(
    r"^(?:i help|helping|i turn|i get|ich helfe|j.?aide|jaide|ayudo|ajudo|aiuto|ik help|jag hjalper)\b"
    r"|\b(?:dm|message|scrivimi|schreib mir|ecrivez[ -]moi|escribeme|me chame)\b"
    r"|\b(?:book a|book your|link below|free (?:audit|guide|call)|on embauche|we.?re hiring|hiring|now hiring)\b"
    r"|\d+ ?%|\b\d+x\b|\b\d+k\+?|\+\d|\bhigh[ -]ticket\b|\bfinancial freedom\b|\bpassive income\b|\bmindset\b"
    r"|\b(?:lifelong learner|enthusiast|passionate|visionary|ninja|guru|rockstar|top voice|influencer"
    r"|mum of|mom of|dad of|father of|mother of|positive energy)\b"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF\u2190-\u21FF]")
# Buzzword titles and the plain job they stand for.
_PLAIN_TITLES = {"growth hacker": "Marketing Specialist", "sales ninja": "Sales Representative",
                 "closer": "Sales Representative", "ghostwriter": "Writer"}
_EMOJI_RE = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\u2190-\u21FF\uFE0F]")


class Labeler(Protocol):
    def classify_records(self, rows: Sequence[dict[str, Any]]) -> Sequence[Any]: ...


def _pick(key: str, options: Sequence[Any]) -> Any:
    return options[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(options)]


def _other_city(row: dict[str, Any]) -> str:
    city = _pick(str(row.get("id") or row.get("text") or ""), CITIES)
    return CITIES[(CITIES.index(city) + 1) % len(CITIES)] if city == row.get("sender_location") else city


def sender_number_variants(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The row with another mutual-connection count (0, 3, 50, 500, none shown), and from another city."""
    variants = [{**row, "mutual_connections": value} for value in MUTUAL_VALUES]
    variants.append({**row, "sender_location": _other_city(row)})
    return variants


def neutral_headline(headline: str) -> str:
    """The same profession without the advertising: "Founder | Coach | Speaker" -> "Founder".

    Keeps the first part that names a job; a headline that is all promise
    ("I help coaches land 5 clients | DM me") becomes the job such people
    hold, "Consultant" ("Recruiter" when it recruits).
    """
    parts = [p.strip(" .!,;:") for p in _PARTS_RE.split(headline or "") if p.strip(" .!,;:")]
    for part in parts:
        if not _DECORATION_RE.search(normalize(part)) and not _EMOJI_RE.search(part):
            plain = _PLAIN_TITLES.get(normalize(part))
            return plain or part
    if not parts:
        return ""
    return "Recruiter" if "recruit" in normalize(headline) else "Consultant"


def headline_variants(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The row with its headline made neutral (nothing when it already is)."""
    headline = row.get("sender_headline") or ""
    neutral = neutral_headline(headline)
    return [{**row, "sender_headline": neutral}] if neutral != headline else []


# name -> what a row becomes; the guide says none of these may change its label.
FAMILIES: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
    "sender numbers and location": sender_number_variants,
    "neutral headline": headline_variants,
}
# At most this share of rows may change label under one family.
MAX_CHANGED_SHARE = 0.02


def label_changes(labeler: Labeler, rows: Sequence[dict[str, Any]],
                  variants: Callable[[dict[str, Any]], list[dict[str, Any]]]) -> list[int]:
    """Indexes of the rows whose label differs under at least one variant (all classified in one batch)."""
    batch: list[dict[str, Any]] = list(rows)
    owner: list[int] = []
    for i, row in enumerate(rows):
        extra = variants(row)
        batch += extra
        owner += [i] * len(extra)
    labels = [v.label for v in labeler.classify_records(batch)]
    changed = {i for i, label in zip(owner, labels[len(rows):]) if label != labels[i]}
    return sorted(changed)
