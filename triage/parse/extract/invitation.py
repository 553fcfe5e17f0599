"""An invitation to connect (or its reminder): the sender's card and the note they wrote, if any.

2016 (phoenix) puts a greeting and the note above the card; 2024+ (mercado)
puts the note under it, or, in some HTML, among the card's lines or above the
card under a lead-in (names, the headline, a date). LinkedIn's default
sentence is no note at all.
"""

from __future__ import annotations

from ...items import Item
from ...text import caseless
from ..cards import card_at, guess_card
from ..document import Doc, first_button, paragraphs, profile_link, same_name, without_lead_in, words_between
from ..linkedin import ACCEPT_BUTTONS, GREETING_RE, is_default_note


def extract_invitation(doc: Doc, name: str, recipients: frozenset[str] = frozenset()) -> Item | None:
    """An invitation's card and note; None when the layout is not recognised.

    recipients: the mailbox owner's names (caseless), which a layout may show above the note.
    """
    lines = doc.lines
    loose = doc.source == "html"
    buttons_at = first_button(lines, 0)
    if buttons_at >= len(lines):
        return None  # no Accept / View profile at all: cut off or not an invitation layout
    i = _card_line(lines, name, buttons_at)
    if i is None:
        i = guess_card(lines, buttons_at, loose)
    item = Item(kind="invitation")
    greeting = next((k for k in range(len(lines)) if lines[k].strip() and GREETING_RE.match(caseless(lines[k]))), None)
    known = set(recipients)
    if i is not None:
        card = card_at(lines, i, loose=loose)
        item.sender_name = name if same_name(name, card.name) or _names(card.name, name) else card.name
        item.sender_headline, item.sender_location, item.mutual_connections = card.headline, card.location, card.mutual
        after = words_between(lines, i + 1, first_button(lines, card.end), card.taken)
        # 2016 layout: greeting, note, then the card. A note under the card (2024+) needs nothing above it.
        if greeting is not None and greeting < i:
            before = words_between(lines, greeting + 1, i)
        elif not any(line.strip() for line in after):
            before = words_between(lines, 0, i)
        else:
            before = []
        known.update(caseless(x) for x in (item.sender_name, card.headline, card.location) if x)
        note = before + [""] + after
        item.profile_url = profile_link(doc, item.sender_name)
    else:
        has_accept = any(caseless(label) in ACCEPT_BUTTONS for label, _ in doc.links) or any(
            caseless(line).rstrip(" .:") in ACCEPT_BUTTONS for line in lines)
        if not has_accept or not name:
            return None
        item.sender_name = name
        known.add(caseless(name))
        start = greeting + 1 if greeting is not None else 0
        note = words_between(lines, start, buttons_at)
        item.profile_url = profile_link(doc, name)
    text = paragraphs(without_lead_in(note, frozenset(known), item.sender_name))
    item.text = "" if text and is_default_note(text) else text
    return item


def _card_line(lines: list[str], name: str, before: int) -> int | None:
    """The sender's card: the last line before the buttons that is exactly their name.

    A layout may name the sender above the note too ("Omar Haddad / headline /
    date / note / card"); the card is the one the buttons follow.
    """
    if not name:
        return None
    found = None
    for k in range(min(before, len(lines))):
        if lines[k] and (same_name(lines[k], name) or _names(lines[k], name)):
            found = k
    return found


def _names(line: str, name: str) -> bool:
    """The 2010-12 card's name line, "From Sarah Whitmore"."""
    return caseless(line) == "from " + caseless(name)
