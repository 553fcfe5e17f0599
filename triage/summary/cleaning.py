"""Sender text made inert, and the only links the summary may carry to LinkedIn.

Everything in a summary that a sender wrote is hostile until proven otherwise:
it is cleaned of control and bidi characters, capped, escaped by the
template engine, and never turned into a link. The only links to the web are
canonical https://www.linkedin.com URLs, with query and fragment (tracking,
redirect targets) dropped. Suspicious mail gets no links at all and its URLs
and domains are defanged.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

LINKEDIN_HOSTS = ("www.linkedin.com", "linkedin.com")
CONVERSATION_PATH = "/messaging/thread/"

# Characters that reorder or hide text: removed outright (Trojan Source, RTLO file-name tricks).
_BIDI = frozenset(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Format characters that real names and scripts need (Persian, Indic, emoji sequences).
_KEEP_FORMAT = frozenset((0x200C, 0x200D))

_DOMAIN = re.compile(r"(?<![\w.-])(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[\w-]+)(?![\w-])")
_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_SCHEME = re.compile(r"(?i)\b(h)tt(ps?)(\s*:)")
_OTHER_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file|ftp|mailto|tel)\s*:")


def clean(text: object, *, multiline: bool = False) -> str:
    """Sender text made inert for display: no control, bidi or invisible format characters."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\n" if multiline else " ")
            continue
        if ch == "\t":
            out.append(" ")
            continue
        code = ord(ch)
        if code in _BIDI:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or (category == "Cf" and code not in _KEEP_FORMAT):
            continue
        out.append(ch)
    cleaned = "".join(out)
    if not multiline:
        return re.sub(r"\s+", " ", cleaned).strip()
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in cleaned.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def cap(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def defang(text: str) -> str:
    """URLs and domains that no mail client will turn into a link (hxxps://evil[.]example)."""
    text = _SCHEME.sub(lambda m: f"{m.group(1)}xx{m.group(2)}{m.group(3)}", text)
    text = _OTHER_SCHEME.sub(lambda m: f"{m.group(1)}[:]", text)
    text = _DOMAIN.sub(lambda m: m.group(0).replace(".", "[.]"), text)
    return _IPV4.sub(lambda m: m.group(0).replace(".", "[.]"), text)


def linkedin_url(raw: str) -> str:
    """The canonical https://www.linkedin.com/... form of a URL, or "" when it is anything else.

    Query and fragment go: they carry tracking and, on /redir/, the target of an open redirect.
    """
    if not isinstance(raw, str):
        return ""
    raw = raw.strip()
    if not raw or any(ch.isspace() or unicodedata.category(ch)[0] == "C" or ch in "\\\"'<>`" for ch in raw):
        return ""
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() != "https" or parts.username or parts.password or port is not None:
        return ""
    if parts.netloc.lower() not in LINKEDIN_HOSTS:
        return ""
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if not path.startswith("/"):
        return ""
    return "https://www.linkedin.com" + quote(path, safe="/-._~%!$&()*+,;=:@")


def conversation_url(raw: str) -> str:
    """A vetted link to one LinkedIn conversation, or "" (then the summary links the messaging inbox)."""
    url = linkedin_url(raw)
    path = url.removeprefix("https://www.linkedin.com")
    path = path.removeprefix("/comm")       # LinkedIn's click-tracking prefix: the same page without it
    if path.startswith(CONVERSATION_PATH) and len(path) > len(CONVERSATION_PATH):
        return "https://www.linkedin.com" + path
    return ""
