"""A new connection ("accepted your invitation"): who, never their words (the starter sentence is LinkedIn's)."""

from __future__ import annotations

from ...items import Item
from ..cards import card_at
from ..document import Doc, find_line, profile_link


def extract_accepted(doc: Doc, name: str) -> Item:
    """The new connection: name, headline, profile. The "thanks for connecting!" starter is LinkedIn's, not theirs."""
    item = Item(kind="accepted", sender_name=name)
    i = find_line(doc.lines, name)
    if i is not None:
        card = card_at(doc.lines, i, loose=doc.source == "html")
        item.sender_headline, item.sender_location, item.mutual_connections = card.headline, card.location, card.mutual
    item.profile_url = profile_link(doc, name)
    return item
