"""A body as lines: the text part or the HTML reduced to what a reader sees, and the questions asked of a line.

Both template generations reduce to the same line layout (a card: name,
headline, location, "N connections in common"; the person's words; buttons;
a footer), so the extractors read lines, whichever part they came from. A
line is the person's words unless it is LinkedIn's: a button, a bare link to
LinkedIn, a separator, or one of its own sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from ..text import caseless
from .linkedin import (BOILERPLATE_RE, BUTTON_FIRST_WORDS, BUTTON_LABELS, BUTTON_RE, BUTTON_ROW_RE, DASHES_RE, DATE_LINE_RE,
                       FIRST_TOKEN_RE, FOOTER_RE, LABEL_URL_RE, LINKEDIN_URL_RE, MESSAGE_BUTTONS, PROFILE_BUTTONS,
                       SEPARATOR_RE, URL_LINE_RE, clean_url, is_linkedin_domain, is_profile_url)


@dataclass
class Doc:
    """A body reduced to lines (the footer cut off) and its links, from the text part or the HTML."""

    lines: list[str]
    links: list[tuple[str, str]]      # (label, URL)
    footer: str
    source: str                       # "text" | "html"
    line_links: dict[int, str] = field(default_factory=dict)  # line index -> URL it carries


def is_footer(line: str) -> bool:
    if DASHES_RE.match(line):
        return True
    return bool(FOOTER_RE.match(caseless(line)))


def text_doc(text: str) -> Doc:
    """The text/plain part as lines; "Label: URL" and "(URL)" lines become links."""
    raw_lines = text.split("\n")
    lines: list[str] = []
    links: list[tuple[str, str]] = []
    line_links: dict[int, str] = {}
    footer_at = len(raw_lines)
    for i, line in enumerate(raw_lines):
        stripped = line.strip()
        if stripped and is_footer(stripped):
            footer_at = i
            break
    for line in raw_lines[:footer_at]:
        line = line.rstrip()
        stripped = line.strip()
        m = LABEL_URL_RE.match(stripped) if "http" in stripped else None
        if m:
            links.append((m.group(1).strip(), m.group(2)))
            line_links[len(lines)] = m.group(2)
        else:
            u = URL_LINE_RE.match(stripped) if "http" in stripped else None
            if u:
                # "View profile:" on one line and its URL on the next is one link.
                label = next((p.strip() for p in reversed(lines) if p.strip()), "").removesuffix(":").rstrip()
                links.append((label, u.group(1)))
                line_links[len(lines)] = u.group(1)
        lines.append(line)
    return Doc(lines, links, "\n".join(raw_lines[footer_at:]), "text", line_links)


# ======================================================================= lines

def is_button(line: str) -> bool:
    """A LinkedIn button: a known label, bare or as "Label: URL", or any label on a LinkedIn URL.

    "Portfolio: https://maria.example" in a note is the person's words, not a button.
    """
    stripped = line.strip()
    if not stripped:
        return False
    m = LABEL_URL_RE.match(stripped) if "http" in stripped else None
    if m:
        if LINKEDIN_URL_RE.match(m.group(2)):
            return True
        stripped = m.group(1)
    n = caseless(stripped).rstrip(" .:>»›→")
    if n in BUTTON_LABELS or BUTTON_RE.match(n):
        return True
    # A row of buttons starts with a button's first word: checked first, the row pattern tries every label.
    first = FIRST_TOKEN_RE.match(n)
    if len(n) >= 120 or first is None or first.group(0) not in BUTTON_FIRST_WORDS:
        return False
    return bool(BUTTON_ROW_RE.match(n)) or _labels_then_button(n)


def _labels_then_button(n: str) -> bool:
    """A row of known labels that ends in a button naming someone: "accept view invitation from sarah whitmore"."""
    rest = n
    for _ in range(4):
        label = next((b for b in BUTTON_LABELS if b and rest.startswith(b + " ")), None)
        if label is None:
            return False
        rest = rest[len(label):].lstrip(" ·|•-")
        if BUTTON_RE.match(rest):
            return True
    return False


def is_url_line(line: str) -> bool:
    """A line that is only a LinkedIn link (a person's own bare link stays part of their words)."""
    if "http" not in line:
        return False
    m = URL_LINE_RE.match(line)
    return bool(m) and bool(LINKEDIN_URL_RE.match(m.group(1)))


def is_noise(line: str) -> bool:
    """A line that is never a person's words: a button, a bare link, a separator."""
    return is_button(line) or is_url_line(line) or bool(SEPARATOR_RE.match(line))


def same_name(a: str, b: str) -> bool:
    return bool(a) and caseless(a) == caseless(b)


def find_line(lines: list[str], name: str, start: int = 0) -> int | None:
    if not name:
        return None
    target = caseless(name)
    for i in range(start, len(lines)):
        if lines[i] and caseless(lines[i]) == target:
            return i
    return None


def is_message_button(line: str) -> bool:
    m = LABEL_URL_RE.match(line) if "http" in line else None
    if m:
        return caseless(m.group(1)) in MESSAGE_BUTTONS or "/messaging/" in m.group(2)
    return caseless(line).rstrip(" .:>»›→") in MESSAGE_BUTTONS


def paragraphs(lines: list[str]) -> str:
    """Lines back into text: single newlines inside a paragraph, one blank line between paragraphs."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line.strip():
            out.append(line)
        elif out and out[-1] != "":
            out.append("")
    while out and out[-1] == "":
        out.pop()
    text = "\n".join(out)
    return _unwrap_tracking(text).strip()


_REDIRECT_RE = re.compile(r"https?://(?:[\w-]+\.)?linkedin\.com/(?:comm/)?redir/redirect\?[^\s<>()\"']+")


def _unwrap_tracking(text: str) -> str:
    """Links in a person's words: LinkedIn's redirect wrapper unwrapped, tracking parameters dropped."""
    if "linkedin.com" not in text:
        return text

    def unwrap(m: re.Match[str]) -> str:
        query = dict(parse_qsl(urlsplit(m.group(0)).query))
        return query.get("url", m.group(0))

    text = _REDIRECT_RE.sub(unwrap, text)
    return re.sub(r"https?://(?:[\w-]+\.)?linkedin\.com/[^\s<>()\"']+", lambda m: clean_url(m.group(0)), text)


def words_between(lines: list[str], start: int, end: int, skip: frozenset[int] = frozenset()) -> list[str]:
    """Lines in [start, end) that can be a person's words: no buttons, links, separators, LinkedIn sentences.

    skip: indices of lines already read as something else (a card's headline, location, count)."""
    kept = []
    for k in range(start, min(end, len(lines))):
        line = lines[k]
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if k in skip or is_noise(stripped) or BOILERPLATE_RE.match(caseless(stripped)):
            continue
        kept.append(line)
    return kept


def without_lead_in(lines: list[str], known: frozenset[str], sender: str = "") -> list[str]:
    """The person's words without what a layout puts above them: names, the headline, a date, a label.

    HTML-only mail (a forwarding service dropped the text part) can show,
    right before the note, the recipient's name, the sender's name and
    headline, and when it was sent ("Priya Raman / Arjun Mehta / Founder at
    ... / Mar 3, 2025 / the note"), or a label such as "Arjun included a
    note:". Only whole lines at the start are dropped: a name as a sign-off or
    a date inside the note are the person's words.

    known: caseless() forms of the lines that are never the start of a note
    (the recipient's and the sender's names, the card's headline and location).
    """
    first = caseless(sender).split(" ", 1)[0] if sender else ""
    k = 0
    while k < len(lines):
        stripped = lines[k].strip()
        if stripped:
            n = caseless(stripped)
            label = (first and stripped.endswith(":") and len(n.split()) <= 6
                     and first in n.rstrip(":").replace("'s", " ").split())
            if not (n in known or DATE_LINE_RE.match(n) or label):
                break
        k += 1
    return lines[k:]


def first_button(lines: list[str], start: int) -> int:
    for i in range(start, len(lines)):
        if is_button(lines[i]):
            return i
    return len(lines)


def profile_link(doc: Doc, name: str, near: int | None = None) -> str:
    """The sender's profile: the link labeled with their name or "View profile", else the card's own link."""
    if near is not None and doc.source == "text":
        for i in range(near, min(near + 4, len(doc.lines))):
            url = doc.line_links.get(i)
            if url and is_profile_url(url):
                return clean_url(url)
    fallback = ""
    for label, url in doc.links:
        if not is_profile_url(url):
            continue
        n = caseless(label)
        if name and (n == caseless(name) or n.startswith(caseless(name) + " (")):
            return clean_url(url)
        if not fallback and (n in PROFILE_BUTTONS or BUTTON_RE.match(n)):
            fallback = clean_url(url)
    return fallback


def conversation_link(urls: list[str]) -> str:
    """The first link to a LinkedIn conversation (/messaging/thread/...), without its tracking."""
    for url in urls:
        if "/messaging/thread/" in url and is_linkedin_domain(urlsplit(url).hostname or ""):
            return clean_url(url)
    return ""


def conversation_links(doc: Doc) -> list[str]:
    """Each conversation the document links to, once, in order (a button and its name share one)."""
    found: list[str] = []
    for _, url in doc.links:
        thread = conversation_link([url])
        if thread and thread.split("?")[0] not in (f.split("?")[0] for f in found):
            found.append(thread)
    return found
