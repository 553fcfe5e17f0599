"""MIME and charsets: a raw message split into headers and the text and HTML parts triage reads.

The notifications are simple multipart/alternative, so the structure is split
by hand (the stdlib's `email` with policy.default costs ~3 ms a message) and
only the needed parts are decoded, with binascii. Charsets are treated as
claims, not facts: valid UTF-8 wins, then the declared charset, then cp1252.
Nothing here raises on malformed input; what cannot be read becomes a defect
note on the `Mime` it was reading.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

MAX_MESSAGE_BYTES = 50_000_000
MAX_HEADER_BYTES = 512_000
MAX_PARTS = 64
MAX_DEPTH = 8


# ======================================================================= text

# Preheader filler and invisible characters LinkedIn (and mail clients) put in.
_INVISIBLE = str.maketrans({
    "\u034f": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u00ad": None, "\u180e": None, "\u200e": None, "\u200f": None, "\x00": None, "\r": None,
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u3000": " ",
})


_INVISIBLE_RE = re.compile("[" + "".join(chr(c) for c in _INVISIBLE) + "]")


def clean_text(text: str) -> str:
    """Text without the invisible filler characters (U+034F, zero-width, soft hyphen; U+00A0 becomes a space)."""
    if text.isascii():  # str.translate walks every character in Python: only pay where it can matter
        return text.replace("\r", "").replace("\x00", "") if ("\r" in text or "\x00" in text) else text
    if not _INVISIBLE_RE.search(text):
        return text
    return _INVISIBLE_RE.sub(lambda m: _INVISIBLE[ord(m.group(0))] or "", text)


_CHARSET_ALIASES = {"latin1": "cp1252", "latin-1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
                    "iso_8859-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "ansi_x3.4-1968": "cp1252",
                    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unknown": "", "unknown-8bit": ""}


def decode_bytes(data: bytes, charset: str | None = None) -> str:
    """Bytes to text when the declared charset may lie: valid UTF-8 wins, then the declared one, then cp1252.

    Valid multi-byte UTF-8 almost never happens by accident in Latin-1 text, so
    trying it first repairs "declared iso-8859-1, sent UTF-8"; "declared UTF-8,
    sent cp1252" fails strict UTF-8 and falls through. ISO-8859-1 is read as
    cp1252, as browsers do, so curly quotes survive.
    """
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    cs = (charset or "").strip().strip("\"'").lower()
    cs = _CHARSET_ALIASES.get(cs, cs)
    if cs and cs != "utf-8":
        try:
            return data.decode(cs)
        except (LookupError, UnicodeDecodeError, ValueError):
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


_ENCODED_WORD_RE = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
_BETWEEN_WORDS_RE = re.compile(r"(\?=)\s+(=\?)")
_FOLD_RE = re.compile(r"\n[ \t]+")


def _decode_word(m: re.Match[str]) -> str:
    charset, encoding, payload = m.group(1).split("*", 1)[0], m.group(2).upper(), m.group(3)
    try:
        if encoding == "B":
            payload = payload + "=" * (-len(payload) % 4)
            data = binascii.a2b_base64(payload.encode("ascii", "ignore"))
        else:
            data = binascii.a2b_qp(payload.replace("_", " ").encode("ascii", "ignore"), header=True)
    except (binascii.Error, ValueError):
        return m.group(0)
    return decode_bytes(data, charset)


def decode_header(value: bytes | str) -> str:
    """A header's text: unfolded, raw 8-bit bytes decoded, RFC 2047 encoded words decoded."""
    text = decode_bytes(value) if isinstance(value, bytes) else value
    if "\n" in text:
        text = _FOLD_RE.sub(" ", text).replace("\n", " ")
    if "=?" in text:
        text = _BETWEEN_WORDS_RE.sub(r"\1\2", text)
        text = _ENCODED_WORD_RE.sub(_decode_word, text)
    return clean_text(text).strip()


# ======================================================================= MIME


_HEADER_NAME_RE = re.compile(rb"^[!-9;-~]{1,76}$")
CORE_HEADERS = frozenset({"from", "to", "subject", "date", "message-id", "received", "mime-version",
                           "content-type", "return-path", "reply-to", "sender", "delivered-to"})


def split_head(data: bytes) -> tuple[bytes, bytes]:
    """Header block and body of a message or part whose line ends are already \\n."""
    if data.startswith(b"\n"):
        return b"", data[1:]
    end = data.find(b"\n\n")
    if end < 0:
        return data, b""
    return data[:end], data[end + 2:]


def parse_headers(head: bytes) -> tuple[dict[str, list[bytes]], bytes]:
    """Header fields by lowercase name (in order), and any text that ended the header block early."""
    headers: dict[str, list[bytes]] = {}
    last: list[bytes] | None = None
    lines = head.split(b"\n")
    for i, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            if last is not None:
                last[-1] += b"\n" + line
            continue
        name, colon, value = line.partition(b":")
        name = name.rstrip()
        if not colon or not _HEADER_NAME_RE.match(name):
            if i == 0 and line.startswith(b"From "):  # an mbox separator line
                continue
            # Not a header: the body started without a blank line.
            return headers, b"\n".join(lines[i:])
        last = headers.setdefault(name.decode("ascii").lower(), [])
        last.append(value.strip(b" \t"))
    return headers, b""


def _params(value: str) -> tuple[str, dict[str, str]]:
    """The main value and the parameters of a Content-Type or Content-Disposition header."""
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for m in re.finditer(r'([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)', rest):
        key, val = m.group(1).lower(), m.group(2)
        if val.startswith('"'):
            val = val[1:-1].replace('\\"', '"')
        if key.endswith("*") or "*" in key:  # RFC 2231: charset'lang'percent-encoded
            key = key.split("*", 1)[0]
            if "'" in val:
                charset, _, encoded = val.split("'", 2) if val.count("'") >= 2 else ("utf-8", "", val)
                val = unquote(encoded, encoding=charset or "utf-8", errors="replace")
            params[key] = params.get(key, "") + val if key in params and key == "filename" else val
        else:
            params.setdefault(key, val)
    return main.strip().lower(), params


@dataclass
class Part:
    ctype: str
    charset: str
    encoding: str
    payload: bytes
    filename: str = ""
    attachment: bool = False


@dataclass
class Mime:
    text: Part | None = None
    html: Part | None = None
    attachments: list[Part] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    parts: int = 0


def header_str(headers: dict[str, list[bytes]], name: str) -> str:
    values = headers.get(name)
    return decode_header(values[0]) if values else ""


def _split_multipart(body: bytes, boundary: bytes) -> list[bytes] | None:
    """The parts between boundary lines; None when the boundary never appears. A missing close is tolerated."""
    marker = b"\n--" + boundary
    text = b"\n" + body
    idx = text.find(marker)
    parts: list[bytes] = []
    found = False
    while idx >= 0:
        after = idx + len(marker)
        tail = text[after:after + 2]
        if tail[:1] not in (b"", b"-", b"\n", b" ", b"\t"):
            idx = text.find(marker, after)
            continue
        found = True
        if tail == b"--":
            break
        eol = text.find(b"\n", after)
        if eol < 0:
            break
        nxt = text.find(marker, eol)
        while nxt >= 0 and text[nxt + len(marker):nxt + len(marker) + 1] not in (b"", b"-", b"\n", b" ", b"\t"):
            nxt = text.find(marker, nxt + len(marker))
        parts.append(text[eol + 1: nxt if nxt >= 0 else len(text)])
        idx = nxt
    return parts if found else None


_GUESS_BOUNDARY_RE = re.compile(rb"^--([^\s]{4,200}?)(?:--)?[ \t]*$", re.M)


def walk(headers: dict[str, list[bytes]], body: bytes, mime: Mime, max_part_bytes: int, depth: int) -> None:
    """Collect the first text/plain and text/html body parts and every attachment."""
    mime.parts += 1
    if mime.parts > MAX_PARTS:
        mime.defects.append("too many MIME parts")
        return
    ctype, params = _params(header_str(headers, "content-type") or "text/plain")
    if "/" not in ctype:
        ctype = "text/plain"
    disposition, dparams = _params(header_str(headers, "content-disposition"))
    filename = dparams.get("filename") or params.get("name") or ""
    encoding = header_str(headers, "content-transfer-encoding").lower().strip()

    if ctype.startswith("multipart/"):
        if depth >= MAX_DEPTH:
            mime.defects.append("MIME nested too deeply")
            return
        boundary = params.get("boundary", "").encode("utf-8", "replace")
        parts = _split_multipart(body, boundary) if boundary else None
        if parts is None:
            guess = _GUESS_BOUNDARY_RE.search(body[:65536])
            if guess:
                mime.defects.append("multipart boundary missing or wrong; guessed from the body")
                parts = _split_multipart(body, guess.group(1))
        if parts is None:
            mime.defects.append("multipart without boundary; read as text")
            _leaf(Part("text/plain", params.get("charset", ""), encoding, body), mime, max_part_bytes)
            return
        for part in parts:
            head, part_body = split_head(part)
            part_headers, early = parse_headers(head)
            if early:
                part_body = early + (b"\n\n" + part_body if part_body else b"")
            walk(part_headers, part_body, mime, max_part_bytes, depth + 1)
        return
    part = Part(ctype, params.get("charset", ""), encoding, body, filename,
                 attachment=disposition == "attachment" or bool(filename) or ctype == "message/rfc822")
    _leaf(part, mime, max_part_bytes)


def _leaf(part: Part, mime: Mime, max_part_bytes: int) -> None:
    if part.attachment or not part.ctype.startswith("text/"):
        if part.ctype.startswith(("text/", "application/", "image/", "audio/", "video/", "message/", "model/", "font/")) \
                or part.filename:
            mime.attachments.append(part)
        return
    cap = max_part_bytes * 4 // 3 + 1024 if part.encoding == "base64" else max_part_bytes
    if len(part.payload) > cap:
        part.payload = part.payload[:cap]
        mime.defects.append("a part was cut at max_part_bytes")
    if part.ctype == "text/html":
        if mime.html is None:
            mime.html = part
    elif mime.text is None:
        mime.text = part


def decode_part(part: Part, clean: bool = True) -> str:
    data = part.payload
    if part.encoding == "base64":
        try:
            data = binascii.a2b_base64(data)
        except (binascii.Error, ValueError):
            cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", data)
            cleaned = cleaned[: len(cleaned) - len(cleaned) % 4]
            try:
                data = binascii.a2b_base64(cleaned)
            except (binascii.Error, ValueError):
                data = b""
    elif part.encoding == "quoted-printable" or (
            part.encoding not in ("", "7bit", "8bit", "binary") and re.search(rb"=\n|=[0-9A-F]{2}", data[:65536])):
        # An unknown transfer encoding that looks like quoted-printable is read as such.
        data = binascii.a2b_qp(data)
    text = decode_bytes(data, part.charset)
    return clean_text(text) if clean else text


# ======================================================================= addresses and dates


def split_address(value: str) -> tuple[str, str]:
    """(display name, address) of a From-like header, keeping look-alike letters as they are."""
    value = value.strip()
    m = re.search(r"<([^<>]*)>\s*$", value)
    if m:
        display = value[: m.start()].strip()
        address = m.group(1).strip()
    elif "@" in value:
        display, address = "", value.split()[-1] if value.split() else value
        comment = re.search(r"\(([^()]*)\)", value)
        if comment:
            display = comment.group(1)
            address = value[: comment.start()].strip() or address
    else:
        display, address = value, ""
    display = display.strip().strip('"').strip("'").strip().replace('\\"', '"')
    return display, address.strip().strip("<>")


def address_domain(address: str) -> str:
    """The domain of an address (bare, or in angle brackets as Return-Path writes it), lowercase; "" without one."""
    address = address.strip().strip("<>").strip()
    return address.rsplit("@", 1)[1].lower().strip(" .>") if "@" in address else ""


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    if "(" in value:
        value = _COMMENT_RE.sub("", value)
    try:
        return parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


_COMMENT_RE = re.compile(r"\([^()]*\)")
