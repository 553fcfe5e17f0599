"""The envelope of the full-size mail: header lines, addresses, quoted-printable bodies.

Written as JavaMail writes LinkedIn's mail: CRLF line ends, UTF-8
quoted-printable parts, RFC 2047 words for non-ASCII headers. Nothing a caller
passes can break out of a header (`clean_header`).
"""

from __future__ import annotations

import binascii
import html
import random
import re
from datetime import datetime, timedelta
from email.header import Header
from email.utils import format_datetime

from .tokens import b64

CRLF = "\r\n"


def esc(text: str) -> str:
    """Text for HTML, quotes included (it also goes into attributes)."""
    return html.escape(text, quote=True)


def clean_header(value: str) -> str:
    """No CR, LF or other controls in a header value, whatever the caller passed."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", value).strip()


def header(name: str, value: str) -> str:
    """One header line, RFC 2047-encoded and folded when it must be."""
    value = clean_header(value)
    if value.isascii() and len(name) + len(value) < 76:
        return f"{name}: {value}"
    charset = "us-ascii" if value.isascii() else "utf-8"
    return f"{name}: " + Header(value, charset, header_name=name).encode(linesep=CRLF)


def address(display: str, addr: str) -> str:
    """`"Display Name" <addr>`, the display name quoted or RFC 2047-encoded."""
    display = clean_header(display)
    if not display:
        return addr
    if display.isascii():
        quoted = display.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{addr}>'
    return f"{Header(display, 'utf-8').encode(linesep=CRLF)} <{addr}>"


def date_header(when: datetime, utc_comment: bool = True) -> str:
    """An RFC 5322 date, with LinkedIn's " (UTC)" comment when it is in UTC."""
    text = format_datetime(when)
    return f"{text} (UTC)" if utc_comment and when.utcoffset() == timedelta(0) else text


def qp(text: str) -> bytes:
    """UTF-8 quoted-printable with CRLF line ends, as JavaMail writes it."""
    data = text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8", "surrogatepass")
    return binascii.b2a_qp(data, istext=True).replace(b"\n", b"\r\n")


def folded_b64(rng: random.Random, nbytes: int) -> str:
    """A random base64 value (a DKIM signature) folded over header lines."""
    value = b64(rng, nbytes, urlsafe=False)
    value += "=" * (-len(value) % 4)
    return f"{CRLF}\t ".join(value[i:i + 70] for i in range(0, len(value), 70))


def alternative(headers: list[str], boundary: str, text: str, html_text: str, *,
                content_ids: bool = True, html_base64: bool = False, html_only: bool = False) -> bytes:
    """Headers plus a JavaMail-style multipart/alternative body of text and HTML.

    html_base64: the HTML part base64 (76-character lines) instead of quoted-printable;
    html_only: no text part, as a forwarding service that drops it passes the mail on."""
    def part(subtype: str, body: str, cid: str, base64: bool = False) -> bytes:
        encoding = "base64" if base64 else "quoted-printable"
        lines = [f"Content-Type: text/{subtype};charset=utf-8", f"Content-Transfer-Encoding: {encoding}"]
        if content_ids:
            lines.append(f"Content-ID: {cid}")
        crlf = body.replace("\r\n", "\n").replace("\n", CRLF)
        data = b64_lines(crlf.encode("utf-8")) if base64 else qp(body)
        return (f"--{boundary}{CRLF}" + CRLF.join(lines) + CRLF + CRLF).encode("ascii") + data + CRLF.encode()

    head = (CRLF.join(headers) + CRLF + CRLF).encode("utf-8")
    text_part = b"" if html_only else part("plain", text, "text-body")
    return (head + text_part + part("html", html_text, "html-body", html_base64)
            + f"--{boundary}--{CRLF}".encode("ascii"))


def b64_lines(data: bytes) -> bytes:
    """base64 in 76-character lines with CRLF ends (RFC 2045)."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


def without_text_part(raw: bytes) -> bytes:
    """The mail with its text/plain alternative taken out, as some forwarding services send it: HTML only.

    Returns the bytes unchanged when the mail has no text part beside an HTML one."""
    import email
    from email import policy
    from email.generator import BytesGenerator
    from io import BytesIO

    msg = email.message_from_bytes(raw, policy=policy.compat32)
    changed = False
    for part in msg.walk():
        if part.get_content_type() != "multipart/alternative" or not isinstance(part.get_payload(), list):
            continue
        kids = part.get_payload()
        kept = [k for k in kids if k.get_content_type() != "text/plain"]
        if len(kept) < len(kids) and any(k.get_content_type() == "text/html" for k in kept):
            part.set_payload(kept)
            changed = True
    if not changed:
        return raw
    out = BytesIO()
    BytesGenerator(out, mangle_from_=False, policy=policy.compat32.clone(linesep="\r\n")).flatten(msg)
    return out.getvalue()
