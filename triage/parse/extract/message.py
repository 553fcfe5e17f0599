"""Member messages ("just messaged you"), one or several cards: the sender, and the text when the mail has it.

Since 2024 the mail never holds the message itself (the item's text is "",
and the classifier says "unsure"); 2016 mail carried it under the card.
"""

from __future__ import annotations

from ...items import Item
from ...text import caseless
from ..cards import card_at
from ..document import (Doc, conversation_link, conversation_links, first_button, is_message_button, is_noise,
                        is_url_line, paragraphs, profile_link, same_name, without_lead_in, words_between)
from ..linkedin import BOILERPLATE_RE, NAME_HEADLINE_RE, SEPARATOR_RE, URL_LINE_RE, clean_url, is_profile_url


def _message_segments(lines: list[str]) -> list[tuple[int, int]]:
    """[start, end) ranges, one per message card: split at separators and after each message button."""
    segments: list[tuple[int, int]] = []
    start = 0
    after_button = False
    for i, line in enumerate(lines + ["........"]):
        stripped = line.strip()
        is_sep = bool(SEPARATOR_RE.match(stripped)) if stripped else False
        is_msg_button = bool(stripped) and is_message_button(stripped)
        if is_sep or (after_button and stripped and not is_msg_button and not is_noise(stripped)):
            if i > start:
                segments.append((start, i))
            start = i + 1 if is_sep else i
            after_button = False
        if is_msg_button:
            after_button = True
    return segments


def extract_messages(doc: Doc, name: str, recipients: frozenset[str] = frozenset()) -> list[Item]:
    """One item per message card (several in a digest): name, headline, profile, and the text when the mail has it."""
    lines = doc.lines
    items: list[Item] = []
    for start, end in _message_segments(lines):
        segment = lines[start:end]
        if not any(is_message_button(line.strip()) for line in segment if line.strip()):
            continue
        k = 0
        while k < len(segment) and (not segment[k].strip() or BOILERPLATE_RE.match(caseless(segment[k]))
                                    or is_noise(segment[k])):
            k += 1
        if k >= len(segment):
            continue
        first = segment[k].strip()
        item = Item(kind="message")
        m = NAME_HEADLINE_RE.match(first)
        nxt = segment[k + 1].strip() if k + 1 < len(segment) else ""
        taken: frozenset[int] = frozenset()
        if m and is_url_line(nxt):
            item.sender_name, item.sender_headline = m.group(1).strip(), m.group(2).strip()
            url = URL_LINE_RE.match(nxt).group(1)  # type: ignore[union-attr]
            item.profile_url = clean_url(url) if is_profile_url(url) else ""
            body_from = k + 2
        else:
            card = card_at(segment, k, loose=doc.source == "html")
            item.sender_name, item.sender_headline, item.sender_location = card.name, card.headline, card.location
            item.mutual_connections = card.mutual
            body_from, taken = k + 1, card.taken
            item.profile_url = profile_link(doc, item.sender_name)
        if same_name(name, item.sender_name):
            item.sender_name = name
        body_end = first_button(segment, body_from)
        known = recipients | {caseless(x) for x in (item.sender_name, item.sender_headline, item.sender_location) if x}
        words = words_between(segment, body_from, body_end, taken)
        item.text = paragraphs(without_lead_in(words, known, item.sender_name))
        item.conversation_url = conversation_link([doc.line_links[i] for i in range(start, end) if i in doc.line_links])
        items.append(item)
    # The HTML's lines carry no URLs: its conversation links go to the cards in order, when they pair up.
    threads = conversation_links(doc) if doc.source == "html" else []
    if len(threads) == len(items):
        for item, thread in zip(items, threads):
            item.conversation_url = item.conversation_url or thread
    return items
