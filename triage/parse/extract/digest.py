"""An invitations digest ("You have N new invitations"): one invitation per card.

The text part splits the cards at dotted lines; the HTML has no separators, so
a card ends after its group of buttons that held an Accept. A digest whose
cards cannot all be read gives no items: the mail is then counted as "other",
never guessed at.
"""

from __future__ import annotations

from ...items import Item
from ...text import caseless
from ..cards import card_at, looks_like_name, mutual_count
from ..document import Doc, is_button, is_url_line, paragraphs, without_lead_in, words_between
from ..linkedin import ACCEPT_BUTTONS, BOILERPLATE_RE, LABEL_URL_RE, SEPARATOR_RE, clean_url, is_default_note, is_profile_url

# What each line of a digest is, worked out once: blank, separator, Accept, other button, LinkedIn link, words.
_BLANK, _SEP, _ACCEPT, _BUTTON, _LINK, _WORDS = range(6)


def _line_roles(lines: list[str]) -> list[int]:
    roles = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            roles.append(_BLANK)
        elif SEPARATOR_RE.match(stripped):
            roles.append(_SEP)
        elif is_button(stripped):
            m = LABEL_URL_RE.match(stripped) if "http" in stripped else None
            words = caseless(m.group(1) if m else stripped).split(None, 1)
            roles.append(_ACCEPT if words and words[0].rstrip(" .:>»›→") in ACCEPT_BUTTONS else _BUTTON)
        elif is_url_line(stripped):
            roles.append(_LINK)
        else:
            roles.append(_WORDS)
    return roles


def _invitation_segments(roles: list[int]) -> list[tuple[int, int, bool]]:
    """[start, end) per card of an invitation digest, and whether it holds an Accept button.

    Split at separator lines (the text part's dotted lines) and at the first
    line after a group of buttons that held an Accept, so HTML cards, which
    have no separators, split after their buttons.
    """
    segments: list[tuple[int, int, bool]] = []
    start, accept, after_buttons = 0, False, False
    for i, role in enumerate(roles):
        if role == _BLANK or role == _LINK:
            continue
        if role == _SEP:
            segments.append((start, i, accept))
            start, accept, after_buttons = i + 1, False, False
            continue
        if role == _ACCEPT or role == _BUTTON:
            accept = accept or role == _ACCEPT
            after_buttons = accept
            continue
        if after_buttons:
            segments.append((start, i, accept))
            start, accept, after_buttons = i, False, False
    segments.append((start, len(roles), accept))
    return [seg for seg in segments if seg[1] > seg[0]]


def extract_invitation_digest(doc: Doc, subject: str, names: frozenset[str],
                              recipients: frozenset[str] = frozenset()) -> list[Item]:
    """One invitation per card of a digest; [] when any card with an Accept button cannot be read.

    names: the people's names as the HTML labels their profile links (caseless form),
    where a card starts when the segment has one; otherwise the card is the first
    line that is not LinkedIn's heading. A misread card gives no items rather
    than a guessed note: the caller then counts the mail as "other".
    """
    lines = doc.lines
    loose = doc.source == "html"
    heading = caseless(subject)
    roles = _line_roles(lines)
    items: list[Item] = []
    for start, end, accept in _invitation_segments(roles):
        if not accept:
            continue
        k = None
        if names:
            k = next((j for j in range(start, end) if roles[j] == _WORDS and caseless(lines[j]) in names), None)
        if k is None:
            k = start
            while k < end and (roles[k] != _WORDS or caseless(lines[k]) == heading
                               or BOILERPLATE_RE.match(caseless(lines[k]))):
                k += 1
        if k >= end or roles[k] != _WORDS or not looks_like_name(lines[k].strip()) or mutual_count(lines[k]) is not None:
            return []
        card = card_at(lines[:end], k, loose=loose)
        button = next((j for j in range(card.end, end) if roles[j] in (_ACCEPT, _BUTTON)), end)
        if button >= end:
            return []
        between = [lines[j] for j in range(k + 1, button) if j not in card.taken]
        if any(mutual_count(line) is not None for line in between if line.strip()):
            return []  # the card's own lines below what was read as the card: the layout was misread
        item = Item(kind="invitation", sender_name=card.name, sender_headline=card.headline,
                    sender_location=card.location, mutual_connections=card.mutual)
        known = recipients | {caseless(x) for x in (card.name, card.headline, card.location) if x}
        text = paragraphs(without_lead_in(words_between(lines, k + 1, button, card.taken), known, card.name))
        item.text = "" if text and is_default_note(text) else text
        item.profile_url = _segment_profile(doc, start, end, card.name)
        items.append(item)
    return items


def _segment_profile(doc: Doc, start: int, end: int, name: str) -> str:
    """The profile link of the card in lines [start, end): a "View profile: URL" line, else the link labeled with the name."""
    for i in range(start, end):
        url = doc.line_links.get(i)
        if url and is_profile_url(url):
            return clean_url(url)
    if doc.source == "html":
        target = caseless(name)
        for label, url in doc.links:
            if is_profile_url(url) and caseless(label) == target:
                return clean_url(url)
    return ""
