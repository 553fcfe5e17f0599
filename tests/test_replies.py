"""Reply commands: what a client sends is read as the user meant it, and quoted text never counts.

The IMAP round trip is in test_replies_imap.py; here the reading itself, the
codes, and the whole loop over a local Maildir (whose Sent is a subfolder).
"""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

import pytest

from testkit.replies import forward, from_mailto, reply_to
from triage import codes
from triage.codes import ALPHABET, mailto
from triage.replies import read_command_mail, reply_notices
from triage.store import Store

OWNER = "sam@example.org"
NOW = datetime(2026, 3, 30, 8, 14, tzinfo=timezone.utc)


def summary_mail(text: str = "LinkedIn: 1 personal\n\nDana Whitlock  [K7Q3]\n"
                               "  Wrong? Reply \"K7Q3 generic\" or \"K7Q3 pitch\"\n") -> bytes:
    message = EmailMessage()
    message["From"] = f"triage <{OWNER}>"
    message["To"] = OWNER
    message["Subject"] = "LinkedIn: 1 personal · 0 generic · 0 pitches · Mon 30 Mar"
    message["Date"] = "Mon, 30 Mar 2026 07:30:00 +0100"
    message["Message-ID"] = "<triage-summary-2026-03-30-0123456789ab@triage.invalid>"
    message["X-Triage-Summary"] = "1"
    message.set_content(text)
    message.add_alternative("<p>Dana Whitlock <span>K7Q3</span> <a href=\"mailto:sam@example.org?subject="
                            "triage%3A%20K7Q3%20pitch\">pitch</a></p>", subtype="html")
    return message.as_bytes()


def read(raw: bytes):
    return read_command_mail(raw, [OWNER])


def asked(raw: bytes) -> list[tuple[str, str]]:
    mail = read(raw)
    assert mail is not None
    return [(c.code, c.verb) for c in mail.commands]


@pytest.mark.parametrize("client", ["iphone", "gmail", "outlook"])
def test_a_tapped_link_is_one_command_whatever_the_client_adds(client):
    raw = from_mailto(mailto(OWNER, "K7Q3", "pitch"), when=NOW, client=client)
    mail = read(raw)
    assert [(c.code, c.verb) for c in mail.commands] == [("K7Q3", "pitch")]
    assert mail.not_understood == []          # the subject and the body said it once; signatures are not lines


def test_the_link_is_what_a_client_needs():
    href = mailto("sam+li@example.org", "K7Q3", "pitch")
    assert href == ("mailto:sam+li@example.org?subject=triage%3A%20K7Q3%20pitch&body=triage%3A%20K7Q3%20pitch")


@pytest.mark.parametrize("client", ["gmail", "apple", "outlook"])
def test_a_reply_reads_only_what_the_user_wrote(client):
    raw = reply_to(summary_mail(), ["K7Q3 personal", "m2x9 Generic"], when=NOW, client=client)
    mail = read(raw)
    assert [(c.code, c.verb) for c in mail.commands] == [("K7Q3", "personal"), ("M2X9", "generic")]
    assert mail.not_understood == []


def test_an_html_only_reply_drops_the_quoted_summary():
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = OWNER, OWNER, "Re: LinkedIn: 1 personal"
    message["In-Reply-To"] = "<triage-summary-2026-03-30-0123456789ab@triage.invalid>"
    message["Message-ID"] = "<html-only@example.org>"
    message.set_content('<div dir="ltr">K7Q3 generic<br>M2X9 pitch</div><div class="gmail_quote">On Mon, triage '
                        'wrote:<blockquote class="gmail_quote">Dana Whitlock K7Q3 pitch<br>ZZZZ skip</blockquote>'
                        '</div>', subtype="html")
    mail = read(message.as_bytes())
    assert [(c.code, c.verb) for c in mail.commands] == [("K7Q3", "generic"), ("M2X9", "pitch")]
    assert mail.not_understood == []


def test_a_long_quote_intro_wrapped_onto_two_lines_is_not_reported():
    body = ("K7Q3 pitch\n\nOn Mon, 30 Mar 2026 at 07:30, triage <\nsam@example.org> wrote:\n\n"
            "> Dana Whitlock  [K7Q3]\n")
    mail = read(_plain("Re: LinkedIn: 1 personal", body, references=True))
    assert [(c.code, c.verb) for c in mail.commands] == [("K7Q3", "pitch")]
    assert mail.not_understood == []


def _plain(subject: str, body: str, *, to: str = OWNER, references: bool = False) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = OWNER, to, subject
    message["Message-ID"] = "<plain@example.org>"
    if references:
        message["References"] = "<triage-summary-2026-03-30-0123456789ab@triage.invalid>"
    message.set_content(body)
    return message.as_bytes()


@pytest.mark.parametrize(("raw", "why"), [
    (forward(summary_mail(), OWNER, when=NOW), "a forward passes the summary on"),
    (summary_mail(), "a summary in Sent (Gmail files SMTP-sent mail there)"),
    (_plain("triage: K7Q3 pitch", "triage: K7Q3 pitch", to="colleague@example.org"), "mail to someone else"),
    (_plain("Lunch?", "Shall we do lunch on Tuesday?"), "ordinary sent mail"),
], ids=["forward", "summary-in-sent", "to-someone-else", "ordinary"])
def test_mail_that_is_not_a_command_is_left_alone(raw, why):
    assert read(raw) is None, why


def test_lines_it_cannot_follow_are_reported_with_the_reason():
    body = "K7Q3 pitchh\nK7O3 pitch\nK7Q3 generic, M2X9 pitch; 4RT6 skip\nplease fix\nM2X9 personal\n-- \nSam\nK9K9 undo"
    mail = read(_plain("triage: corrections", body))
    assert [(c.code, c.verb) for c in mail.commands] == [("K7Q3", "generic"), ("4RT6", "skip")]
    problems = dict(mail.not_understood)
    assert problems["K7Q3 pitchh"] == "pitchh is not one of personal, generic, pitch, skip, undo"
    assert problems["K7O3 pitch"] == "K7O3 is not a code triage gives"          # O looks like 0: never guessed
    assert problems["please fix"] == "not a code and a label"
    assert problems["M2X9 pitch / personal"] == "M2X9 was asked to be pitch and personal; nothing changed"
    assert "corrections" in problems                       # the subject after "triage:" is read as a line too
    assert not any("K9K9" in line for line in problems)   # after the signature: not the user's command


def test_codes_are_short_random_never_reissued_and_renewed_when_shown_again():
    store = Store.in_memory()
    first = codes.issue(store, [f"<m{i}@x>" for i in range(200)], summary_id="<s1@triage.invalid>", now=NOW, days=30)
    assert len(set(first.values())) == 200
    assert all(len(c) == 4 and set(c) <= set(ALPHABET) for c in first.values())
    assert not set(ALPHABET) & set("01IOL")
    again = codes.issue(store, ["<m0@x>", "<new@x>"], summary_id="<s2@triage.invalid>",
                        now=NOW + timedelta(days=20), days=30)
    assert again["<m0@x>"] == first["<m0@x>"] and again["<new@x>"] not in first.values()
    # Shown again on day 20: works until day 50; <m1@x> was not, and expired on day 30.
    assert codes.look_up(store, first["<m0@x>"].lower(), NOW + timedelta(days=45)).problem == ""
    assert codes.look_up(store, first["<m1@x>"], NOW + timedelta(days=31)).problem == "the code has expired"
    assert codes.look_up(store, "ZZZZ" if "ZZZZ" not in first.values() else "YYYY", NOW).problem == "unknown code"
    assert store.code(first["<m1@x>"])["message_id"] == "<m1@x>"     # kept: an old reply can only be refused


def test_the_next_summary_says_what_a_reply_did():
    rows = [{"sent_at": "2026-03-30T07:14:00+00:00", "read_at": "2026-03-30T07:15:00+00:00", "lines": [
        {"line": "K7Q3 pitch", "outcome": "applied"}, {"line": "M2X9 generic", "outcome": "applied"},
        {"line": "4RT6 personal", "outcome": "applied"},
        {"line": "K7Q3 pitchh", "outcome": "not understood: pitchh is not one of personal, generic, pitch, skip, undo"}]}]
    from zoneinfo import ZoneInfo
    [line] = reply_notices(rows, ZoneInfo("Europe/London"), NOW.date())
    assert line == ("Applied 3 corrections from your reply at 08:14; 1 line not understood: “K7Q3 pitchh” "
                    "(pitchh is not one of personal, generic, pitch, skip, undo)")


def test_the_whole_loop_over_a_maildir(tmp_path):
    """triage demo's Maildir: summary codes, a tapped link filed in Sent/ as mbsync keeps it, the next pass."""
    from triage.config import load_config
    from triage.delivery import build_for
    from triage.demo import run_demo
    from triage.mail.maildir import MaildirClient
    from triage.passes import run_once

    list(run_demo(tmp_path))
    config = load_config(tmp_path / "config.toml")
    store = Store(config.state_path)
    now = datetime.now(timezone.utc)
    summary = build_for(config, store, now.date(), now - timedelta(days=1), "test", now=now)
    victor = next(r for r in store.records(labels=["generic"]) if r.sender_name == "Victor Hale")
    code = store.code_of(victor.message_id)["code"]
    store.close()
    assert f"Victor Hale: Operations Director | Mentor | Ex-Big Four  [{code}]" in summary.text
    client = MaildirClient(tmp_path / "Maildir")
    client.ensure_folder("Sent")
    client.append(from_mailto(mailto(OWNER, code, "pitch"), when=now), "Sent")
    client.close()

    result = run_once(config)
    assert result.replies == 1
    assert run_once(config).replies == 0
    store = Store(config.state_path)
    assert store.get(victor.message_id).destination == "LinkedIn/Pitch"
    assert [c["source"] for c in store.corrections()] == ["reply"]
    store.close()
    moved = MaildirClient(tmp_path / "Maildir").locate(victor.message_id, "LinkedIn/Pitch")
    assert len(moved) == 1
    parsed = email.message_from_bytes(summary.to_email("triage <sam@example.org>", OWNER).as_bytes(),
                                      policy=email.policy.default)
    assert parsed.get_body(("plain",)).get_content() == summary.text
