"""An invitation to connect (or its reminder): the sender's card and the note they wrote, if any.

2016 (phoenix) puts a greeting and the note above the card; 2024+ (mercado)
puts the note under it. LinkedIn's default sentence is no note at all.
"""

from __future__ import annotations

from ...items import Item
from ...text import caseless
from ..cards import card_at, guess_card
from ..document import Doc, find_line, first_button, paragraphs, profile_link, same_name, words_between
from ..linkedin import ACCEPT_BUTTONS, GREETING_RE, is_default_note


def extract_invitation(doc: Doc, name: str) -> Item | None:
    """An invitation's card and note; None when the layout is not recognised."""
    lines = doc.lines
    buttons_at = first_button(lines, 0)
    if buttons_at >= len(lines):
        return None  # no Accept / View profile at all: cut off or not an invitation layout
    i = find_line(lines, name)
    if i is not None and i > buttons_at:
        i = None
    if i is None:
        i = guess_card(lines, buttons_at)
    item = Item(kind="invitation")
    greeting = next((k for k in range(len(lines)) if lines[k].strip() and GREETING_RE.match(caseless(lines[k]))), None)
    if i is not None:
        card = card_at(lines, i, loose=doc.source == "html")
        item.sender_name = name if same_name(name, card.name) else card.name
        item.sender_headline, item.sender_location, item.mutual_connections = card.headline, card.location, card.mutual
        after = words_between(lines, card.end, first_button(lines, card.end))
        # 2016 layout: greeting, note, then the card. A note under the card (2024+) needs nothing above it.
        if greeting is not None and greeting < i:
            before = words_between(lines, greeting + 1, i)
        elif not any(line.strip() for line in after):
            before = words_between(lines, 0, i)
        else:
            before = []
        note = before + [""] + after
        item.profile_url = profile_link(doc, item.sender_name)
    else:
        has_accept = any(caseless(label) in ACCEPT_BUTTONS for label, _ in doc.links) or any(
            caseless(line).rstrip(" .:") in ACCEPT_BUTTONS for line in lines)
        if not has_accept or not name:
            return None
        item.sender_name = name
        start = greeting + 1 if greeting is not None else 0
        note = words_between(lines, start, buttons_at)
        item.profile_url = profile_link(doc, name)
    text = paragraphs(note)
    item.text = "" if text and is_default_note(text) else text
    return item
