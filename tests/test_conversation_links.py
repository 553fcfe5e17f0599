"""The parser records each message's and InMail's conversation, so the summary can link "Reply on LinkedIn" to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage.parse import parse_email

FIXTURES = Path(__file__).parent / "fixtures" / "mail"


def items(name: str):
    return [i for i in parse_email((FIXTURES / f"{name}.eml").read_bytes()).items if i.kind in ("message", "inmail")]


@pytest.mark.parametrize("name", ["mercado_message_en", "mercado_message_fr_html_only", "mercado_inmail_en",
                                  "mercado_inmail_es_html_only", "phoenix_message_en", "phoenix_inmail_en"])
def test_single_messages_carry_their_thread_without_tracking(name):
    [item] = items(name)
    assert item.conversation_url.startswith("https://www.linkedin.com/messaging/thread/2-")
    assert "/comm/" not in item.conversation_url
    for tracking in ("lipi=", "trk=", "midToken=", "midSig=", "eid="):
        assert tracking not in item.conversation_url


@pytest.mark.parametrize("name", ["mercado_digest_en", "mercado_digest_de_html_only", "phoenix_digest_en"])
def test_each_card_of_a_digest_gets_its_own_thread(name):
    found = items(name)
    threads = [i.conversation_url for i in found]
    assert len(found) >= 2 and all(threads) and len(set(threads)) == len(threads)


def test_invitations_have_none():
    parsed = parse_email((FIXTURES / "mercado_invitation_note_en.eml").read_bytes())
    assert [i.conversation_url for i in parsed.items] == [""]


def test_a_thread_link_on_another_host_is_not_recorded():
    raw = (FIXTURES / "mercado_message_en.eml").read_bytes()
    forged = raw.replace(b"https://www.linkedin.com/comm/messaging/thread/", b"https://www.linkedin.evil.example/messaging/thread/")
    assert forged != raw
    assert [i.conversation_url for i in parse_email(forged).items if i.kind == "message"] == [""]
