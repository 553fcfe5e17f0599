"""The morning summary: sections, wording, and that nothing a sender wrote can act in the HTML."""

from __future__ import annotations

import email
import email.policy
import re
import shlex
from datetime import date, datetime, timedelta, timezone

import pytest
from bs4 import BeautifulSoup

from testkit.summaries import is_reply_link
from triage.store import Record
from triage.summary import build_summary, clean, defang, linkedin_url

DAY = date(2024, 11, 26)   # a Tuesday
NOW = datetime(2024, 11, 26, 7, 30, tzinfo=timezone.utc)
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

HOSTILE_NAME = 'Eve <script>alert(1)</script> "><img src=x onerror=alert(2)>'
HOSTILE_HEADLINE = 'Ops" onmouseover="alert(4)" x="<b>bold</b>'
HOSTILE_NOTE = (
    "Loved meeting you! <script>document.location='https://evil.example'</script>\n"
    "<a href=\"javascript:alert(3)\">my portfolio</a> and <a href=\"https://evil.example/login\">this</a>\n"
    "<style>body{display:none}</style><div style=\"background:url(https://evil.example/px.gif)\">x</div>\n"
    "<img src=\"https://evil.example/track.gif\"> see javascript:alert(5) \u202eoops\u202c \u2066iso\u2069\x07\x1b[31m"
)

_counter = iter(range(1, 10_000))


def record(label: str, **fields: object) -> Record:
    n = next(_counter)
    values: dict[str, object] = {
        "message_id": f"<m{n}@mail.linkedin.com>", "status": "linkedin", "kind": "invitation",
        "label": label, "state": "done", "sender_name": f"Person {n}", "sender_headline": f"Headline {n}",
        "mail_date": (NOW - timedelta(hours=n)).isoformat(), "first_seen": (NOW - timedelta(hours=n)).isoformat(),
        "confidence": 0.9, "model_version": "test-model",
    }
    values.update(fields)
    return Record(**values)  # type: ignore[arg-type]


def build(records: list[Record], **kwargs: object):
    kwargs.setdefault("day", DAY)
    kwargs.setdefault("model_version", "model-2024-11-01")
    kwargs.setdefault("now", NOW)
    return build_summary(records, **kwargs)  # type: ignore[arg-type]


def one_of_each() -> list[Record]:
    return [
        record("pitch", sender_name="Rory Vance", sender_headline="Founder at LeadForge", kind="inmail",
               text="\n\nQuick question, Sam\n\nWe book 30 meetings a month."),
        record("generic", sender_name="Kai Brenner", sender_headline="Growth | Sales"),
        record("suspicious", sender_name="Ben Ortiz", from_address="invitations@linkedin-mail.co",
               suspicious_reasons=["sender domain linkedin-mail.co is not LinkedIn"],
               profile_url="https://linkedin-mail.co/in/ben", text="Confirm at https://evil.example/login now"),
        record("unsure", sender_name="Lea Novak", kind="message", text="Are you around next week?",
               confidence=0.41, probabilities={"personal": 0.41, "pitch": 0.39, "generic": 0.2}),
        record("personal", sender_name="Dana Whitlock", sender_headline="Head of Operations at Fernbrook",
               mutual_connections=12, profile_url="https://www.linkedin.com/in/dana-whitlock?trk=email",
               text="Great to meet you at the Bristol ops breakfast.\nLet's keep in touch."),
        record("other", kind="accepted"),
        record("unparseable", status="unparseable", state="left"),
    ]


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def assert_inert(html: str) -> None:
    """No script, no handler, no style block, nothing remote, and links only to www.linkedin.com."""
    soup = soup_of(html)
    assert not soup.find_all(["script", "iframe", "object", "embed", "form", "style", "link", "img", "base"])
    assert not soup.find_all("meta", attrs={"http-equiv": lambda v: v and v.lower() == "refresh"})
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (tag.name, attr)
            assert attr.lower() not in ("src", "srcset", "background", "formaction", "xlink:href"), (tag.name, attr)
            if attr == "style":
                assert "url(" not in value and "expression" not in value and "@import" not in value, value
            if attr == "href":
                assert value.startswith("https://www.linkedin.com/") or is_reply_link(value), value
    for ch in BIDI:
        assert ch not in html


# ------------------------------------------------------------------ structure


def test_sections_come_in_reading_order_in_both_parts():
    summary = build(one_of_each())
    order = ["PERSONAL", "UNSURE", "SUSPICIOUS", "GENERIC", "PITCH", "COUNTS"]
    positions = [summary.text.index(h) for h in order]
    assert positions == sorted(positions)
    headings = [h.get_text() for h in soup_of(summary.html).find_all("h2")]
    assert [h.split(" (")[0] for h in headings] == ["Personal", "Unsure", "Suspicious", "Generic", "Pitches", "Counts"]


def test_empty_optional_sections_are_left_out_but_the_main_three_stay():
    summary = build([record("personal", sender_name="Dana Whitlock")])
    assert "UNSURE" not in summary.text and "SUSPICIOUS" not in summary.text
    assert summary.text.index("PERSONAL") < summary.text.index("GENERIC") < summary.text.index("PITCH")
    assert "GENERIC (0)\n===========\nNone." in summary.text


def test_personal_entry_has_name_headline_mutuals_whole_note_and_profile_link():
    note = "Great to meet you.\n\n" + "We talked about night-shift handovers. " * 20
    summary = build([record("personal", sender_name="Dana Whitlock", sender_headline="Head of Ops",
                            mutual_connections=12, text=note,
                            profile_url="https://www.linkedin.com/in/dana-whitlock?trk=eml&lipi=x#frag")])
    for part in (summary.text, soup_of(summary.html).get_text(" ")):
        assert "Dana Whitlock" in part and "Head of Ops" in part and "12 mutual connections" in part
    flat = " ".join(summary.text.split())
    assert " ".join(note.split()) in flat
    hrefs = [a["href"] for a in soup_of(summary.html).find_all("a")]
    assert "https://www.linkedin.com/in/dana-whitlock" in hrefs
    assert "View profile: https://www.linkedin.com/in/dana-whitlock\n" in summary.text
    assert "trk=" not in summary.html and "trk=" not in summary.text


def test_one_mutual_connection_is_singular():
    summary = build([record("personal", mutual_connections=1)])
    assert "1 mutual connection ·" in summary.text


def test_personal_sorted_by_confidence_then_newest():
    summary = build([
        record("personal", sender_name="Low", confidence=0.6),
        record("personal", sender_name="High older", confidence=0.95, mail_date="2024-11-25T08:00:00+00:00"),
        record("personal", sender_name="High newer", confidence=0.95, mail_date="2024-11-26T06:00:00+00:00"),
    ])
    text = summary.text
    assert text.index("High newer") < text.index("High older") < text.index("Low")


def test_generic_is_compact_and_pitch_shows_the_first_line_only():
    summary = build([
        record("generic", sender_name="Kai Brenner", sender_headline="Growth | Sales", text="Hi, let's connect"),
        record("pitch", sender_name="Rory Vance", sender_headline="Founder", kind="inmail",
               text="\n\nQuick question, Sam\n\nSECOND LINE should not appear."),
    ])
    assert "  - Kai Brenner: Growth | Sales\n" in summary.text
    assert "let's connect" not in summary.text
    assert '"Quick question, Sam"' in summary.text
    assert "SECOND LINE" not in summary.text and "SECOND LINE" not in summary.html


def test_unsure_asks_for_a_label_with_a_command_that_pastes_safely():
    hostile_id = "<x'$(touch /tmp/pwned)'@evil.example>"
    summary = build([record("unsure", message_id=hostile_id, probabilities={"pitch": 0.45, "personal": 0.4})])
    command = f"triage label --set {shlex.quote(hostile_id)} personal|generic|pitch"
    assert command in summary.text
    assert command in soup_of(summary.html).get_text()
    assert shlex.split(command)[3] == hostile_id
    assert "pitch 45%" in summary.text


def test_unsure_with_an_untypeable_message_id_points_to_the_review_session():
    summary = build([record("unsure", message_id="<a\u202eb c@x>")])
    assert "triage label --label unsure" in summary.text
    assert "--set" not in summary.text


def test_counts_cover_every_label_model_and_period():
    records = one_of_each()
    for hours, r in enumerate(records):
        r.first_seen = (NOW - timedelta(hours=hours + 1)).isoformat()
    summary = build(records, model_version="model-2024-11-01")
    assert summary.counts == {"personal": 1, "generic": 1, "pitch": 1, "unsure": 1, "suspicious": 1,
                              "other": 1, "unparseable": 1}
    counts = summary.text[summary.text.index("COUNTS"):]
    for label in ("other", "unparseable"):
        assert f"  {label}" in counts
    assert "Model: model-2024-11-01" in counts
    assert "Covers mail triaged Tue 26 Nov 00:30 – Tue 26 Nov 06:30" in counts
    assert "model-2024-11-01" in soup_of(summary.html).get_text()


def test_digest_uses_the_top_level_fields_and_says_how_many_more():
    items = [{"kind": "invitation", "sender_name": "A"}, {"kind": "invitation", "sender_name": "B"},
             {"kind": "message", "sender_name": "C"}]
    summary = build([record("personal", kind="digest", sender_name="Top Person", items=items)])
    assert "Top Person" in summary.text and "+2 more in this digest" in summary.text


def test_long_lists_are_capped():
    summary = build([record("generic") for _ in range(60)])
    assert "... and 10 more: run `triage label --label generic`." in summary.text
    assert "and 10 more: run `triage label --label generic`" in soup_of(summary.html).get_text()
    assert summary.counts["generic"] == 60


# ------------------------------------------------------------------ subject


@pytest.mark.parametrize(("labels", "subject"), [
    (["personal"] * 3 + ["generic"] * 12 + ["pitch"] * 7,
     "LinkedIn: 3 personal · 12 generic · 7 pitches · Tue 26 Nov"),
    (["personal", "generic", "pitch"], "LinkedIn: 1 personal · 1 generic · 1 pitch · Tue 26 Nov"),
    (["generic"], "LinkedIn: 0 personal · 1 generic · 0 pitches · Tue 26 Nov"),
    (["personal", "unsure", "unsure", "suspicious"],
     "LinkedIn: 1 personal · 0 generic · 0 pitches · 2 unsure · 1 suspicious · Tue 26 Nov"),
    (["pitch", "other", "unparseable"], "LinkedIn: 0 personal · 0 generic · 1 pitch · Tue 26 Nov"),
])
def test_subject_wording_and_plurals(labels, subject):
    assert build([record(label) for label in labels]).subject == subject


def test_subject_day_names_do_not_depend_on_the_locale():
    assert build([record("personal")], day=date(2024, 12, 1)).subject.endswith("· Sun 1 Dec")


# ------------------------------------------------------------------ empty days


def test_nothing_to_report_is_none():
    assert build([]) is None
    assert build([record("other"), record("unparseable", status="unparseable")]) is None


def test_send_empty_builds_a_one_line_nothing_new():
    summary = build([record("other")], send_empty=True, since=NOW - timedelta(days=1))
    assert summary is not None
    assert summary.subject == "LinkedIn: nothing new · Tue 26 Nov"
    assert summary.text.splitlines()[2] == "Nothing new from LinkedIn since Mon 25 Nov 07:30."
    assert "PERSONAL" not in summary.text and "COUNTS" not in summary.text
    assert "Nothing new from LinkedIn since Mon 25 Nov 07:30." in soup_of(summary.html).get_text()
    assert len(summary.html) < 3000
    assert_inert(summary.html)


# ------------------------------------------------------------------ hostile input


@pytest.mark.parametrize("label", ["personal", "unsure", "suspicious", "generic", "pitch"])
def test_hostile_sender_text_is_only_ever_text(label):
    summary = build([record(label, sender_name=HOSTILE_NAME, sender_headline=HOSTILE_HEADLINE, text=HOSTILE_NOTE,
                            subject=HOSTILE_NAME, from_address=HOSTILE_NAME,
                            suspicious_reasons=[HOSTILE_NAME], kind="message",
                            profile_url='https://www.linkedin.com/in/eve" onmouseover="alert(6)')])
    assert_inert(summary.html)
    soup = soup_of(summary.html)
    text = soup.get_text()
    assert "<script>alert(1)</script>" in text           # shown, not run
    assert '"><img src=x onerror=alert(2)>' in text
    if label in ("personal", "unsure"):
        assert "<script>document.location=" in text
        assert '<a href="javascript:alert(3)">my portfolio</a>' in text
        assert "<style>body{display:none}</style>" in text
    assert len(soup.find_all("a")) == len(soup.find_all("a", href=True))
    for ch in BIDI + "\x07\x1b":
        assert ch not in summary.text and ch not in summary.html


def test_attribute_injection_through_a_profile_url_gives_no_link():
    summary = build([record("personal", profile_url='https://www.linkedin.com/in/x" onmouseover="alert(1)')])
    soup = soup_of(summary.html)
    assert all(a["href"] != "" and "onmouseover" not in a["href"] for a in soup.find_all("a"))
    assert "View profile" not in summary.text
    assert_inert(summary.html)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//https://www.linkedin.com/in/x",
    "http://www.linkedin.com/in/x",
    "https://www.linkedin.com.evil.example/in/x",
    "https://evil.example/https://www.linkedin.com/in/x",
    "https://www.linkedin.com@evil.example/in/x",
    "https://www.linkedin.com:8443/in/x",
    "https://www.linkedin.com\\@evil.example/",
    "//www.linkedin.com/in/x",
    "data:text/html,<script>alert(1)</script>",
    "https://www.linkedin.com/in/x\nSet-Cookie: a",
    "https://www.linkedin.com/in/\u202ex",
])
def test_only_https_linkedin_urls_become_links(url):
    assert linkedin_url(url) == ""
    summary = build([record("personal", profile_url=url)])
    assert "View profile" not in summary.html
    assert_inert(summary.html)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.linkedin.com/in/dana?trk=x&lipi=y", "https://www.linkedin.com/in/dana"),
    ("https://linkedin.com/in/dana/", "https://www.linkedin.com/in/dana/"),
    ("HTTPS://WWW.LINKEDIN.COM/comm/in/dana#top", "https://www.linkedin.com/comm/in/dana"),
    ("https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fevil.example",
     "https://www.linkedin.com/redir/redirect"),
    ("https://www.linkedin.com/in/jos%C3%A9", "https://www.linkedin.com/in/jos%C3%A9"),
    ("https://www.linkedin.com/in/josé", "https://www.linkedin.com/in/jos%C3%A9"),
])
def test_linkedin_urls_are_canonical_without_tracking(url, expected):
    assert linkedin_url(url) == expected


def test_rtl_override_cannot_reverse_what_the_user_reads():
    summary = build([record("personal", sender_name="Dana \u202egnp.exe\u202c Whitlock",
                            text="Invoice \u2067attached\u2069 \u200fhere\u200e")])
    for part in (summary.text, summary.html):
        for ch in BIDI + "\u200e\u200f":
            assert ch not in part
    assert "Dana gnp.exe Whitlock" in summary.text
    assert "Invoice attached here" in summary.text


def test_script_direction_is_left_to_the_reader_not_the_sender():
    summary = build([record("personal", sender_name="نادیا\u200cرضایی", text="سلام")])
    assert "نادیا\u200cرضایی" in summary.text    # ZWNJ is part of Persian spelling: kept
    names = soup_of(summary.html).find_all(attrs={"dir": "auto"})
    assert any("سلام" in n.get_text() for n in names)


def test_suspicious_section_has_no_links_and_disarms_urls():
    summary = build([record("suspicious", sender_name="Ben Ortiz", from_address="invitations@linkedin-mail.co",
                            suspicious_reasons=["link to https://evil.example/login", "sent from 203.0.113.9"],
                            profile_url="https://www.linkedin.com/in/ben",
                            text="Confirm at http://evil.example/x or javascript:alert(1)")])
    soup = soup_of(summary.html)
    assert soup.find_all("a") == []
    text = summary.text[summary.text.index("SUSPICIOUS"):summary.text.index("GENERIC")]
    assert "Do not click" in text
    for shown in (text, soup.get_text()):
        assert "hxxps://evil[.]example/login" in shown
        assert "linkedin-mail[.]co" in shown
        assert "203[.]0[.]113[.]9" in shown
        assert "hxxp://evil[.]example/x" in shown
        assert "javascript[:]" in shown
        assert "https://" not in shown and "http://" not in shown and "evil.example" not in shown


def test_defang_and_clean_directly():
    assert defang("see https://a.example/x and www.b.example") == "see hxxps://a[.]example/x and www[.]b[.]example"
    assert clean("a\x00b\u202ec\td\ne") == "abc d e"
    assert clean("a\r\n\r\n\r\n\r\nb", multiline=True) == "a\n\nb"


def test_very_long_notes_are_capped_with_an_ellipsis():
    summary = build([record("personal", text="word " * 2000)])
    note = soup_of(summary.html).find_all("div", attrs={"dir": "auto"})[-1].get_text()
    assert len(note) <= 2000 and note.endswith("…")
    assert summary.text.count("word") < 450


def test_html_has_inline_css_only_and_nothing_remote():
    summary = build(one_of_each())
    assert_inert(summary.html)
    soup = soup_of(summary.html)
    assert soup.find("table") is not None
    assert soup.find_all(style=True)
    assert "http://" not in summary.html


# ------------------------------------------------------------------ the email


def test_message_is_multipart_alternative_with_both_parts():
    summary = build(one_of_each() + [record("personal", sender_name="Zoë Ångström", text="Grüße, 你好 👋")])
    message = summary.to_email("triage <sam@example.org>", "sam@example.org", message_id="<s1@triage.invalid>",
                               date=NOW)
    parsed = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == summary.subject
    assert parsed["Message-ID"] == "<s1@triage.invalid>"
    assert parsed["X-Triage-Summary"] == "1"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Date"] == "Tue, 26 Nov 2024 07:30:00 +0000"
    text = parsed.get_body(("plain",))
    html = parsed.get_body(("html",))
    assert text.get_content_charset() == "utf-8" and html.get_content_charset() == "utf-8"
    assert text.get_content() == summary.text
    assert html.get_content() == summary.html
    assert "Zoë Ångström" in text.get_content() and "你好 👋" in html.get_content()
    assert_inert(html.get_content())


def test_message_without_id_or_date_still_has_a_date():
    message = build([record("personal")]).to_email("a@example.org", "b@example.org")
    assert "Message-ID" not in message and message["Date"]


def test_an_expired_sign_in_is_said_first_even_on_an_empty_day():
    from triage.delivery import service_notices
    from triage.store import Store
    with Store.in_memory() as store:
        pass_id = store.start_pass()
        store.finish_pass(pass_id, False, {}, "sign-in expired or revoked: run `triage auth` again")
        notices = service_notices(store)
    summary = build_summary([], day=date(2026, 11, 24), model_version="m", notices=notices)
    assert summary is not None
    assert summary.text.splitlines()[2].startswith("NOTE: triage cannot sign in")
    assert "run `triage auth` again" in BeautifulSoup(summary.html, "lxml").get_text()


# ------------------------------------------------------------------ reply codes, ways to answer, what was learned


def with_codes(records: list[Record], **kwargs: object):
    codes = {r.message_id: f"K{i % 10 + 2}Q{i // 10 + 3}" for i, r in enumerate(records)}
    return build(records, codes=codes, owner="sam@example.org", **kwargs), codes


def test_every_item_but_a_suspicious_one_carries_its_code_and_links_for_the_other_labels():
    records = one_of_each()
    summary, codes = with_codes(records)
    soup = soup_of(summary.html)
    links = {}
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("mailto:"):
            assert is_reply_link(a["href"]), a["href"]
            code, verb = a["href"].split("%20")[1:3]
            links.setdefault(code, set()).add(verb.split("&")[0])
    by_label = {r.label: codes[r.message_id] for r in records}
    assert links[by_label["personal"]] == {"generic", "pitch"}
    assert links[by_label["generic"]] == {"personal", "pitch"}
    assert links[by_label["pitch"]] == {"personal", "generic"}
    assert links[by_label["unsure"]] == {"personal", "generic", "pitch"}
    assert by_label["suspicious"] not in links and f"[{by_label['suspicious']}]" not in summary.text
    assert f'Wrong? Reply "{by_label["personal"]} generic" or "{by_label["personal"]} pitch"' in summary.text
    assert f"Kai Brenner: Growth | Sales  [{by_label['generic']}]" in summary.text
    assert "reply with its code and the label, one per line" in " ".join(summary.text.split())
    for line in summary.text.splitlines():        # a summary pasted back unquoted must not read as commands
        assert not re.fullmatch(r"\s*(?:triage:\s*)?[2-9A-Z]{4}\s+\w+\s*", line), line


def test_without_an_owner_address_there_are_no_codes_or_links():
    summary = build(one_of_each(), codes={r.message_id: "K7Q3" for r in one_of_each()})
    assert "mailto:" not in summary.html and "K7Q3" not in summary.text


def test_the_way_to_answer_goes_to_the_conversation_without_tracking():
    thread = "https://www.linkedin.com/comm/messaging/thread/2-abcDEF==/?lipi=x&trk=eml-reply"
    summary = build([
        record("personal", sender_name="Mia Chen", kind="message",
               items=[{"kind": "message", "sender_name": "Mia Chen", "conversation_url": thread}]),
        record("personal", sender_name="Ola Berg", kind="inmail",
               items=[{"kind": "inmail", "sender_name": "Ola Berg",
                       "conversation_url": "https://www.linkedin.com.evil.example/messaging/thread/2-x/"}]),
        record("personal", sender_name="Ana Ruiz", kind="invitation"),
    ])
    hrefs = {a.get_text(): a["href"] for a in soup_of(summary.html).find_all("a", href=True)}
    assert "Reply on LinkedIn: https://www.linkedin.com/messaging/thread/2-abcDEF==/\n" in summary.text
    assert hrefs["Reply on LinkedIn"] == "https://www.linkedin.com/messaging/thread/2-abcDEF==/"
    assert "Open LinkedIn messages: https://www.linkedin.com/messaging/\n" in summary.text     # not the lookalike host
    assert hrefs["Accept"] == "https://www.linkedin.com/mynetwork/invitation-manager/"
    assert "evil" not in summary.html and "trk=" not in summary.html


def test_what_was_learned_comes_last_with_an_undo_for_each():
    from triage.summary import LearnedCorrection
    records = one_of_each()
    learned = [LearnedCorrection(records[0].message_id, "Rory Vance", "pitch", "personal", "reply",
                                 "2024-11-25T21:40:00+00:00"),
               LearnedCorrection(records[1].message_id, HOSTILE_NAME, "generic", "generic", "label",
                                 "2024-11-25T22:00:00+00:00"),
               LearnedCorrection(records[0].message_id, "Rory Vance", "personal", "generic", "move",
                                 "2024-11-26T06:00:00+00:00")]
    summary, codes = with_codes(records, learned=learned)
    text = summary.text
    assert text.index("PITCH") < text.index("WHAT WAS LEARNED") < text.index("COUNTS")
    part = text[text.index("WHAT WAS LEARNED"):text.index("COUNTS")]
    code = codes[records[0].message_id]
    assert f'Rory Vance: personal → generic (you moved it, Tue 26 Nov 06:00); undo: reply "{code} undo"' in part
    assert part.count("Rory Vance") == 1          # corrected twice: shown as it ended
    assert "confirmed generic (triage label" in part
    soup = soup_of(summary.html)
    undo = [a["href"] for a in soup.find_all("a", href=True) if a.get_text() == "undo"]
    assert len(undo) == 2 and all(is_reply_link(h) and "%20undo&" in h for h in undo)
    assert_inert(summary.html)
    assert "<script>alert(1)</script>" in soup.get_text()


def test_times_are_local_across_a_change_to_summer_time():
    from zoneinfo import ZoneInfo
    london = ZoneInfo("Europe/London")     # clocks go forward at 01:00 UTC on Sun 29 Mar 2026
    now = datetime(2026, 3, 29, 7, 30, tzinfo=london)
    summary = build([
        record("personal", sender_name="Before", mail_date="2026-03-29T00:30:00+00:00",
               first_seen="2026-03-29T00:31:00+00:00"),
        record("personal", sender_name="After", mail_date="2026-03-29T02:30:00+00:00",
               first_seen="2026-03-29T02:31:00+00:00"),
    ], day=now.date(), now=now)
    assert "Sun 29 Mar 00:30" in summary.text       # GMT
    assert "Sun 29 Mar 03:30" in summary.text       # BST, an hour ahead
    assert "Covers mail triaged Sun 29 Mar 00:31 – Sun 29 Mar 03:31" in summary.text
    assert "Built Sun 29 Mar 07:30 by triage" in summary.text
    message = summary.to_email("a@example.org", "b@example.org", date=now)
    assert message["Date"] == "Sun, 29 Mar 2026 07:30:00 +0100"
    autumn = datetime(2026, 10, 25, 7, 30, tzinfo=london)   # and back at 01:00 UTC on Sun 25 Oct
    later = build([record("personal", mail_date="2026-10-25T00:30:00+00:00"),
                   record("personal", mail_date="2026-10-25T01:30:00+00:00")], day=autumn.date(), now=autumn)
    # 00:30 UTC is 01:30 BST, 01:30 UTC is 01:30 GMT: the hour that happens twice, shown twice.
    assert later.text.count("invitation · Sun 25 Oct 01:30") == 2


def test_news_alone_does_not_make_a_summary_but_a_notice_does():
    assert build([], news=["Applied 2 corrections from your reply at 08:14"]) is None
    summary = build([], notices=["Applied 1 correction; 1 line not understood: “x”"],
                    news=["Applied 2 corrections from your reply at 08:14"])
    assert summary.subject == "LinkedIn: nothing new · Tue 26 Nov"
    lines = summary.text.splitlines()
    assert lines[2].startswith("NOTE: Applied 1 correction") and lines[3].startswith("NOTE: Applied 2")


def test_templates_escape_and_nothing_is_spliced_into_markup():
    """The page is one Jinja2 render with autoescaping; no markup is built by string surgery."""
    from pathlib import Path

    import triage.summary as package
    from triage.summary.html import environment
    assert environment().autoescape is True
    for source in Path(package.__file__).parent.glob("*.py"):
        code = source.read_text()
        assert ".replace(\"</" not in code and "html.replace(" not in code, source.name
