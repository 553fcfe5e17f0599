"""testkit builds mail the stdlib parses, shaped like real LinkedIn mail, and the demo is current."""

from __future__ import annotations

import email
import email.policy
import html
import re
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from bench import make_demo
from testkit import layouts, mailboxes, notifications, phishing, texts
from testkit.people import Person

ROOT = Path(__file__).resolve().parent.parent
DANA = Person("Dana Whitlock", "Head of Operations at Fernbrook Logistics", "Bristol, England, United Kingdom")
HOSTILE_NOTE = ("Loved the <b>ops</b> breakfast & \"night-shift\" talk! <script>alert('x')</script> "
                "it's \u202eodd\u202c, ünïcödé ✓")


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def parts(raw: bytes) -> tuple[str, str]:
    message = parse(raw)
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def genuine_builders() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for generation in layouts.GENERATIONS:
        kw = {"generation": generation}
        out[f"invitation-{generation}"] = layouts.invitation_email(DANA, "Great to meet you, Sam.", mutual=3, **kw)
        out[f"invitation-none-{generation}"] = layouts.invitation_email(DANA, "", **kw)
        out[f"reminder-{generation}"] = layouts.invitation_email(DANA, "See you soon.", reminder=True, **kw)
        out[f"message-{generation}"] = layouts.member_message_email(DANA, "Are you free Thursday?", **kw)
        out[f"message-none-{generation}"] = layouts.member_message_email(DANA, **kw)
        out[f"inmail-{generation}"] = layouts.inmail_email(DANA, "Referee?", "Hi Sam,\n\nCould you?\n\nDana", **kw)
        out[f"digest-{generation}"] = layouts.digest_email(
            [(DANA, "Hello from the breakfast"), (Person("Kai Brenner", "Growth"), "")], **kw)
        out[f"digest-message-{generation}"] = layouts.digest_email(
            [(DANA, "Hi"), (Person("Kai Brenner"), "Yo"), (Person("Zoë Varga"), "")], kind="message", **kw)
        out[f"accepted-{generation}"] = layouts.accepted_email(DANA, **kw)
        for kind in notifications.OTHER_KINDS:
            out[f"{kind}-{generation}"] = notifications.other_email(kind, **kw)
    return out


GENUINE = genuine_builders()


def test_every_kind_is_crlf_mail_the_stdlib_parses():
    for name, raw in {**GENUINE, **{k: mailboxes.ordinary_email(i) for i, k in enumerate("abcdefgh")}}.items():
        assert b"\n" not in raw.replace(b"\r\n", b""), name
        assert max(len(line) for line in raw.split(b"\r\n")) <= 998, name
        message = parse(raw)
        defects = [d for part in message.walk() for d in part.defects]
        assert not defects, (name, defects)
        assert message.get_body(("plain",)) is not None, name
        parsedate_to_datetime(str(message["Date"]))


@pytest.mark.parametrize("name", sorted(GENUINE))
def test_genuine_mail_carries_linkedin_headers(name):
    raw = GENUINE[name]
    message = parse(raw)
    sender = message["From"].addresses[0]
    assert sender.domain == "linkedin.com"
    assert message["Return-Path"].endswith("@bounce.linkedin.com>")
    auth = str(message["Authentication-Results"])
    assert auth.startswith("mx.example.org;")
    assert "dkim=pass" in auth and "header.d=linkedin.com" in auth and "dmarc=pass" in auth
    assert str(message["Message-ID"]).endswith(".prod.linkedin.com>")
    assert message["X-LinkedIn-Class"] and str(message["X-LinkedIn-Template"]).startswith("email_")
    assert str(message["List-Unsubscribe"]).startswith("<https://www.linkedin.com/")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert [p["Content-ID"] for p in message.iter_parts()] == ["text-body", "html-body"]
    assert all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in message.iter_parts())
    text, page = parts(raw)
    assert "This email was intended for Sam Carter (Operations Manager at Kestrel Freight)" in text + page
    hosts = set(re.findall(r'href="https?://([^/"]+)', page))
    assert hosts and all(h == "www.linkedin.com" for h in hosts), hosts


def test_senders_and_templates_match_the_format_doc():
    def head(raw: bytes) -> tuple[str, str, str]:
        m = parse(raw)
        return m["From"].addresses[0].addr_spec, str(m["X-LinkedIn-Template"]), str(m["Subject"])

    assert head(GENUINE["invitation-mercado"]) == ("invitations@linkedin.com", "email_m2m_invite_single_01",
                                                   "I want to connect")
    assert head(GENUINE["invitation-phoenix"])[2] == "Sam, please add me to your LinkedIn network"
    assert head(GENUINE["reminder-mercado"])[1] == "email_m2m_invite_reminder_02"
    assert head(GENUINE["message-none-mercado"]) == ("messaging-digest-noreply@linkedin.com",
                                                     "email_member_message_v2", "Dana just messaged you")
    assert head(GENUINE["inmail-mercado"]) == ("inmail-hit-reply@linkedin.com",
                                               "email_hire_inmail_initial_single_01", "Referee?")
    assert head(GENUINE["digest-mercado"]) == ("invitations@linkedin.com", "email_m2m_invite_digest_02",
                                               "You have 2 new invitations")
    assert head(GENUINE["digest-message-mercado"])[2] == "Dana, Kai, and Zoë sent new messages"
    assert head(GENUINE["accepted-mercado"])[2] == "Dana accepted your invitation, explore their network"
    assert parse(GENUINE["accepted-mercado"])["From"].addresses[0].display_name == "Dana Whitlock via LinkedIn"
    assert head(GENUINE["job_alert-mercado"])[0] == "jobalerts-noreply@linkedin.com"
    inmail = parse(GENUINE["inmail-mercado"])
    assert inmail["Reply-To"].addresses[0].domain == "reply.linkedin.com"
    assert inmail["X-LinkedIn-Class"] == "INMAIL" and inmail["Return-Path"].startswith("<m-")
    assert "Reply-To" not in parse(GENUINE["message-none-mercado"])


@pytest.mark.parametrize("generation", layouts.GENERATIONS)
@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_note_is_escaped_in_html_and_verbatim_in_text(generation, language):
    hostile = Person('Eve <script>x</script> "A&B"', 'Ops "lead" <b>bold</b>', "Bristol")
    raw = layouts.invitation_email(hostile, HOSTILE_NOTE, generation=generation, language=language, mutual=4)
    text, page = parts(raw)
    assert HOSTILE_NOTE in text
    assert html.escape(HOSTILE_NOTE) in page
    assert HOSTILE_NOTE not in page and "<script>" not in page and "<b>bold</b>" not in page
    assert html.escape(hostile.name) in page and hostile.name in text
    assert parse(raw)["From"].addresses[0].display_name.startswith(hostile.name)


def test_multiline_texts_keep_their_lines():
    note = "Hi Sam,\nline two & <three>\n\nBest, Dana"
    text, page = parts(layouts.invitation_email(DANA, note))
    assert note in text.replace("\r\n", "\n")
    assert "<br>".join(html.escape(line) for line in note.split("\n")) in page
    body = "Hi Sam,\n\nWe met at <the> breakfast.\n\nDana"
    text, page = parts(layouts.inmail_email(DANA, "Hello", body))
    assert body in text.replace("\r\n", "\n")
    assert '<br aria-hidden="true">'.join(html.escape(line) for line in body.split("\n")) in page


@pytest.mark.parametrize("language", texts.LANGUAGES)
def test_no_note_shows_linkedins_default_sentence(language):
    default = texts.DEFAULT_NOTES[language].format(first="Sam")
    text, page = parts(layouts.invitation_email(DANA, "", language=language))
    assert default in text and html.escape(default) in page
    subject = str(parse(layouts.invitation_email(DANA, "", language=language))["Subject"])
    assert subject == texts.CHROME[language]["invite_subject"]


def test_member_message_shows_text_only_when_there_is_one():
    words = "Are you free Thursday for that coffee?"
    assert words not in b"".join(parts(layouts.member_message_email(DANA, generation="mercado"))[i].encode()
                                 for i in (0, 1)).decode()
    for generation in layouts.GENERATIONS:
        text, page = parts(layouts.member_message_email(DANA, words, generation=generation))
        assert words in text and words in page


def test_accepted_mail_holds_a_linkedin_written_starter_not_the_persons_words():
    text, page = parts(GENUINE["accepted-mercado"])
    assert "Dana, thanks for connecting! Hope you&#x27;re doing well." in page
    assert "Dana has accepted your invitation" in text


def test_digest_shows_every_sender_and_note():
    entries = [(DANA, "Met at the breakfast"), (Person("Kai Brenner", "Growth"), ""),
               (Person("Lea Novak", "Buyer"), "Hello & welcome")]
    text, page = parts(layouts.digest_email(entries))
    for person, note in entries:
        assert person.name in text and html.escape(person.name) in page
        if note:
            assert note in text and html.escape(note) in page


def test_modern_html_has_realistic_size():
    for name, raw in GENUINE.items():
        if name.endswith("mercado"):
            assert 20_000 <= len(raw) <= 70_000, (name, len(raw))
    sizes = [len(layouts.invitation_email(DANA, "", seed=i)) for i in range(5)]
    assert len(set(sizes)) > 1


def test_same_arguments_same_bytes_other_seed_other_message_id():
    assert layouts.invitation_email(DANA, "Hi", seed=3) == layouts.invitation_email(DANA, "Hi", seed=3)
    ids = {parse(layouts.invitation_email(DANA, "Hi", seed=s))["Message-ID"] for s in range(20)}
    assert len(ids) == 20
    assert mailboxes.ordinary_email(7) == mailboxes.ordinary_email(7)


def test_headers_cannot_be_injected_through_texts():
    raw = layouts.inmail_email(Person("Mallory\r\nBcc: x@evil.example"), "hi\r\nBcc: victim@example.org", "body")
    message = parse(raw)
    assert message["Bcc"] is None
    assert "victim@example.org" in str(message["Subject"])


@pytest.mark.parametrize("kind", phishing.PHISHING_KINDS)
def test_phishing_fails_at_least_one_genuine_check(kind):
    raw = phishing.phishing_email(kind, DANA, "Please confirm that you know me & <accept>.")
    message = parse(raw)
    assert not [d for part in message.walk() for d in part.defects]
    sender = message["From"].addresses[0]
    auth = str(message["Authentication-Results"])
    checks = {
        "from_domain": sender.domain == "linkedin.com",
        "dkim": re.search(r"dkim=pass \S+ \S+ header\.d=linkedin\.com", auth) is not None,
        "dmarc": "dmarc=pass" in auth and "header.from=linkedin.com" in auth,
        "return_path": str(message["Return-Path"]).endswith("@bounce.linkedin.com>"),
        "message_id": str(message["Message-ID"]).endswith(".prod.linkedin.com>"),
        "reply_to": message["Reply-To"] is None or message["Reply-To"].addresses[0].domain.endswith("linkedin.com"),
    }
    assert not all(checks.values()), checks
    assert "linkedin" in str(message["From"]).lower() + str(message["Subject"]).lower()
    if kind == "reply_to_foreign":
        assert not checks["reply_to"]
    if kind == "html_attachment":
        assert any(p.get_filename() == "LinkedIn_Invitations.html" for p in message.iter_attachments())
    if kind == "failed_dmarc":
        assert message.get_content_type() == "text/html" and "X-LinkedIn-Class" not in message


def test_ordinary_mail_does_not_claim_linkedin_and_varies():
    subjects = set()
    for seed in range(16):
        message = parse(mailboxes.ordinary_email(seed))
        assert "linkedin" not in str(message["From"]).lower()
        subjects.add(str(message["Subject"]).split(" ")[0])
    assert len(subjects) >= 6


def is_linkedin_claim(raw: bytes) -> bool:
    return "linkedin" in str(parse(raw)["From"]).lower()


def test_mixed_mailbox_is_deterministic_with_the_requested_share():
    first = mailboxes.mixed_mailbox(120, seed=5)
    assert first == mailboxes.mixed_mailbox(120, seed=5)
    assert first != mailboxes.mixed_mailbox(120, seed=6)
    assert list(mailboxes.backlog(120, seed=5)) == first
    assert sum(map(is_linkedin_claim, first)) == 60
    for n, share in ((50, 0.0), (51, 0.3), (40, 1.0)):
        mails = mailboxes.mixed_mailbox(n, seed=1, linkedin_share=share)
        assert len(mails) == n and sum(map(is_linkedin_claim, mails)) == round(n * share)


def test_mixed_mailbox_has_every_kind_and_unique_message_ids():
    mails = mailboxes.mixed_mailbox(600, seed=2)
    templates, generations, languages, phishing = set(), set(), set(), 0
    for raw in mails:
        message = parse(raw)
        if message["X-LinkedIn-Template"] and str(message["Message-ID"]).endswith(".prod.linkedin.com>"):
            templates.add(str(message["X-LinkedIn-Template"]))
            generations.add("phoenix" if "JavaMail" in str(message["Message-ID"]) else "mercado")
            languages.add(message.get_body(("html",)).get_content().split('lang="', 1)[1][:2])
        elif is_linkedin_claim(raw):
            phishing += 1
    assert {"email_m2m_invite_single_01", "email_m2m_invite_reminder_02", "email_member_message_v2",
            "email_hire_inmail_initial_single_01", "email_m2m_invite_digest_02", "email_accept_invite_single_01",
            "email_job_alert_digest_01"} <= templates
    assert generations == {"mercado", "phoenix"} and languages == set(texts.LANGUAGES)
    assert phishing > 0
    ids = [parse(raw)["Message-ID"] for raw in mails]
    ids += [parse(raw)["Message-ID"] for raw in GENUINE.values()]
    ids += [parse(mailboxes.ordinary_email(s))["Message-ID"] for s in range(50)]
    assert len(ids) == len(set(ids))


def test_demo_mailbox_is_current_and_balanced():
    built = make_demo.build()
    shipped = {p.name: p.read_bytes() for p in (ROOT / "triage" / "demo").glob("*.eml")}
    assert shipped == built, "run: python -m bench.make_demo"
    labels = list(make_demo.EXPECTED.values())
    assert 20 <= len(built) <= 30
    assert labels.count("personal") >= 4 and labels.count("generic") >= 5 and labels.count("pitch") >= 4
    assert labels.count("suspicious") >= 1 and labels.count("not linkedin") == 2
    ids = [parse(raw)["Message-ID"] for raw in built.values()]
    assert len(set(ids)) == len(ids)
    for name, raw in built.items():
        message = parse(raw)
        assert message["To"].addresses[0].addr_spec == "sam@example.org", name


def test_mixed_mailbox_has_todays_sizes_and_encodings():
    """The backlog the benchmarks read: 30-66 KB notifications, some with base64 HTML, some HTML only."""
    mails = [raw for raw in mailboxes.mixed_mailbox(400, seed=3) if b"X-LinkedIn-Template" in raw]
    mercado = [raw for raw in mails if b"JavaMail" not in raw]
    sizes = sorted(map(len, mercado))
    assert sizes[len(sizes) // 10] >= 29_500 and 36_000 <= sizes[len(sizes) // 2] <= 46_000 and sizes[-1] <= 72_000
    html_parts = [parse(raw).get_body(("html",)) for raw in mails]
    base64 = sum(part["Content-Transfer-Encoding"] == "base64" for part in html_parts)
    html_only = sum(parse(raw).get_body(("plain",)) is None for raw in mails)
    assert 0.1 * len(mails) <= base64 <= 0.3 * len(mails) and 0.03 * len(mails) <= html_only <= 0.15 * len(mails)


@pytest.mark.parametrize("wire", [layouts.Wire(html_base64=True), layouts.Wire(html_only=True),
                                  layouts.Wire(size=(60_000, 64_000))])
def test_a_mail_on_another_wire_says_the_same(wire):
    plain = layouts.invitation_email(DANA, "Great to meet you, Sam.", mutual=3)
    other = layouts.invitation_email(DANA, "Great to meet you, Sam.", mutual=3, wire=wire)
    want_text, want_page = parts(plain)
    message = parse(other)
    page = message.get_body(("html",)).get_content()
    assert (message.get_body(("plain",)) is None) == wire.html_only
    if not wire.html_only:
        assert message.get_body(("plain",)).get_content() == want_text
    if wire.size:
        assert wire.size[0] - 3_000 <= len(other) <= wire.size[1] + 3_000
    else:  # base64 is bigger and a mail without a text part smaller: fewer or more filler cards reach the size
        card_and_note = want_page.split("Great to meet you, Sam.", 1)[0]
        assert page.startswith(card_and_note) and "Great to meet you, Sam." in page
