"""The parser fixture catalogue's registry: each fixture's bytes and the result the parser must give.

The expected values are written from what each fixture puts in (the sender,
the note), never from what the parser reads, so the tests compare the parser
against the fixture's intent. testkit.fixtures, testkit.phishing and
testkit.malformed add to `FIXTURES` in one fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .people import Person


@dataclass
class Fixture:
    name: str
    raw: bytes
    expected: dict[str, Any]
    notes: str = ""


FIXTURES: list[Fixture] = []


def item(kind: str, p: Person | None = None, text: str = "", *, name: str | None = None, headline: str | None = None,
         location: str | None = None, mutual: Any = "card", profile: Any = "card", subject: str | None = None,
         reminder: bool | None = None, language: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": kind}
    d["sender_name"] = name if name is not None else (p.name if p else "")
    d["sender_headline"] = headline if headline is not None else (p.headline if p else "")
    if location is not None:
        d["sender_location"] = location
    d["mutual_connections"] = (p.mutual or None) if (mutual == "card" and p) else (None if mutual == "card" else mutual)
    if profile == "card":
        if p:
            d["profile_url"] = p.profile
    elif profile is not None:
        d["profile_url"] = profile
    d["text"] = text
    if subject is not None:
        d["subject"] = subject
    if reminder is not None:
        d["reminder"] = reminder
    if language is not None:
        d["language"] = language
    return d


def add(name: str, raw: bytes, status: str = "linkedin", kind: str = "", items: list[dict[str, Any]] | None = None,
        suspicious: bool = False, reasons: list[str] | None = None, notes: str = "", **extra: Any) -> None:
    exp: dict[str, Any] = {"status": status, "kind": kind, "suspicious": suspicious}
    if items is not None:
        exp["items"] = items
    if reasons:
        exp["reasons_include"] = reasons
    if notes:
        exp["notes"] = notes
    exp.update(extra)
    FIXTURES.append(Fixture(name, raw, exp))
