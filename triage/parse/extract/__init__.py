"""One extractor per kind of notification, one small file each; `extract` picks the one a mail's kind needs.

Each reads one document (the text part, or the HTML) and says whether that
was enough: when it was not, the parser reads the HTML too and `merge`s what
the text part lacked.
"""

from __future__ import annotations

from ...items import Item
from ..document import Doc, same_name
from .accepted import extract_accepted
from .inmail import extract_inmail
from .invitation import extract_invitation
from .message import extract_messages


def extract(kind: str, doc: Doc, name: str, subject: str,
            recipients: frozenset[str] = frozenset()) -> tuple[list[Item], bool]:
    """Items of one kind from one document, and whether nothing more is to be had from the HTML.

    recipients: the mailbox owner's names (caseless), which some layouts show above a person's words.
    """
    if kind == "invitation":
        item = extract_invitation(doc, name, recipients)
        return ([item], True) if item else ([], False)
    if kind == "message":
        items = extract_messages(doc, name, recipients)
        if not items and name and doc.lines:
            return [], False
        # A text part without the sender's profile link (2017 layout): the HTML has it.
        return items, bool(items) and all(item.profile_url for item in items)
    if kind == "inmail":
        item = extract_inmail(doc, name, subject, recipients)
        if not item:
            return [], False
        # The text part of an InMail has no headline or profile link: those come from the HTML.
        return [item], bool(item.sender_headline and item.profile_url)
    if kind == "accepted":
        if not name:
            return [], False
        item = extract_accepted(doc, name)
        # 2026 text parts name the new connection but hold no card or profile link: the HTML has them.
        return [item], bool(item.sender_headline and item.profile_url)
    return [], True


def merge(primary: list[Item], extra: list[Item]) -> list[Item]:
    """Fields the text part lacked, filled in from the HTML; the text part's words win."""
    for a, b in zip(primary, extra):
        if not same_name(a.sender_name, b.sender_name):
            continue
        a.sender_headline = a.sender_headline or b.sender_headline
        a.sender_location = a.sender_location or b.sender_location
        a.profile_url = a.profile_url or b.profile_url
        a.conversation_url = a.conversation_url or b.conversation_url
        if a.mutual_connections is None:
            a.mutual_connections = b.mutual_connections
        a.text = a.text or b.text
    return primary
