"""An InMail: the sender's card and the whole body, between the card and the "View message" button or the footer."""

from __future__ import annotations

from ...items import Item
from ...text import caseless
from ..cards import card_at
from ..document import (Doc, conversation_links, find_line, is_button, is_message_button, is_noise, paragraphs,
                        profile_link, without_lead_in)
from ..linkedin import LABEL_URL_RE, SEPARATOR_RE


def extract_inmail(doc: Doc, name: str, subject: str, recipients: frozenset[str] = frozenset()) -> Item | None:
    """An InMail's sender card and its full body (between the card and the "View message" button or the footer)."""
    lines = doc.lines
    i = find_line(lines, name)
    if i is None:
        return None
    card = card_at(lines, i, loose=doc.source == "html")
    item = Item(kind="inmail", sender_name=name, sender_headline=card.headline, sender_location=card.location,
                mutual_connections=card.mutual, subject=subject)
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or is_noise(lines[j]) or j in card.taken):
        j += 1
    end = len(lines)
    for k in range(j, len(lines)):
        stripped = lines[k].strip()
        if (is_button(stripped) and not LABEL_URL_RE.match(stripped)) or is_message_button(stripped):
            end = k
            break
    body = [line for k, line in enumerate(lines[j:end], j)
            if (not SEPARATOR_RE.match(line.strip()) or not line.strip()) and k not in card.taken]
    # The 2016 layout repeats the subject above the body.
    if body and subject and caseless(body[0]) == caseless(subject) and (len(body) == 1 or not body[1].strip()):
        body = body[1:]
    known = recipients | {caseless(x) for x in (name, card.headline, card.location) if x}
    item.text = paragraphs(without_lead_in(body, known, name))
    item.profile_url = profile_link(doc, name)
    item.conversation_url = next(iter(conversation_links(doc)), "")
    return item
