"""The parser on layouts written by someone who never saw it: tests/fixtures/mail/independent/.

A second writer drew these 49 mails from docs/linkedin-email-format.md alone
(`make_layouts.py` beside them regenerates them byte for byte), with the
expected reading of each. The parser must give exactly the expected status,
kind and suspicious flag, and for every LinkedIn notification that carries
people (not "other") each item's name, headline, location, mutual
connections, profile link and words. Each mailbox has its own owner: the
fixture's "intended for" name is the owner the parser is told about.

The same mails with their text part taken out (HTML only, as a forwarding
service may send them) must read the same: the person's words exactly, on
every layout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from testkit.mime import without_text_part
from triage.items import MAIL_LINKEDIN, MAIL_NOT_LINKEDIN, ParsedMail
from triage.parse import ParseOptions, parse_email

FIXTURES = Path(__file__).parent / "fixtures" / "mail" / "independent"
FILES = sorted(FIXTURES.glob("*.eml"))
ITEM_FIELDS = ("kind", "sender_name", "sender_headline", "sender_location", "mutual_connections", "profile_url", "text")


def expected(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def options(exp: dict[str, Any]) -> ParseOptions:
    owner = exp["intended_for"]
    return ParseOptions(trusted_authserv_ids=("mx.fastpost.example",), owner_names=(owner,) if owner else ())


def check(parsed: ParsedMail, exp: dict[str, Any], *, footer: bool = True) -> None:
    assert parsed.status == exp["status"], parsed.error
    assert parsed.suspicious == exp["suspicious"], parsed.suspicious_reasons
    if exp["status"] == MAIL_NOT_LINKEDIN:
        return  # the writer's schema needs a kind; a mail that is not LinkedIn's has none
    assert parsed.kind == exp["kind"]
    if exp["status"] != MAIL_LINKEDIN or exp["kind"] == "other":
        return
    got = [item.to_dict() for item in parsed.items]
    assert len(got) == len(exp["items"]), got
    for want, have in zip(exp["items"], got):
        for key in ITEM_FIELDS:
            assert have[key] == want[key], f"{want['sender_name']}: {key}: {have[key]!r} != {want[key]!r}"
    if footer and not exp["suspicious"]:
        assert parsed.intended_for == exp["intended_for"]


def test_the_independent_set_is_all_there() -> None:
    assert len(FILES) == 49 and (FIXTURES / "make_layouts.py").is_file()
    kinds = {expected(p)["kind"] for p in FILES if expected(p)["status"] == MAIL_LINKEDIN}
    assert kinds == {"invitation", "message", "inmail", "digest", "accepted", "other"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_independent_fixture(path: Path) -> None:
    exp = expected(path)
    check(parse_email(path.read_bytes(), options(exp)), exp)


HTML_ONLY = [p for p in FILES if expected(p)["status"] == MAIL_LINKEDIN and without_text_part(p.read_bytes()) != p.read_bytes()]


@pytest.mark.parametrize("path", HTML_ONLY, ids=[p.stem for p in HTML_ONLY])
def test_independent_fixture_from_its_html_alone(path: Path) -> None:
    exp = expected(path)
    raw = without_text_part(path.read_bytes())
    # A mail cut off inside its HTML has no footer left to read the recipient from.
    check(parse_email(raw, options(exp)), exp, footer=not path.stem.startswith("broken_"))
