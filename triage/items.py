"""The plain data that flows through a pass: parsed mail, items, verdicts.

Every step (parse, classify, record, act, summarize) takes and returns these,
so each step can be tested alone and the service is a loop around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Kinds of a single item: something one person did.
ITEM_KINDS = ("invitation", "message", "inmail", "accepted", "other")
# Kinds of items that carry words from a person and so get a label.
LABELED_KINDS = ("invitation", "message", "inmail")
# Labels a person's words get: what the corpus, the corrections and training use.
LABELS = ("personal", "generic", "pitch")
# What the model can say: a label, or that it cannot tell.
MODEL_VERDICTS = LABELS + ("unsure",)
# Labels a verdict can carry, a mail that fails the authenticity checks included.
VERDICTS = MODEL_VERDICTS + ("suspicious",)
# Labels a recorded mail can carry: a verdict, LinkedIn mail without anyone's words, or mail that could not be read.
RECORD_LABELS = VERDICTS + ("other", "unparseable")
# The user's word about a person (`triage people set`), and what undoes it.
OVERRIDES = ("always-personal", "always-pitch", "always-generic", "mute")
CLEAR_OVERRIDE = "clear"

# What a whole mail is, for the pass.
MAIL_LINKEDIN = "linkedin"          # a LinkedIn notification (maybe with no labeled item)
MAIL_NOT_LINKEDIN = "not_linkedin"  # does not claim to come from LinkedIn: never touched
MAIL_UNPARSEABLE = "unparseable"    # could not be read at all: recorded, left in place


@dataclass
class Item:
    """One person's notification inside a mail (a digest holds several)."""

    kind: str                          # one of ITEM_KINDS
    sender_name: str = ""              # without " via LinkedIn"
    sender_headline: str = ""
    sender_location: str = ""
    mutual_connections: int | None = None
    profile_url: str = ""              # tracking parameters removed
    subject: str = ""                  # InMail subject
    text: str = ""                     # exactly what the person wrote; "" when nothing
    language: str = ""                 # ISO 639-1 of the text, "" when unknown
    reminder: bool = False             # an invitation reminder rather than the first mail
    conversation_url: str = ""         # a message's or InMail's /messaging/thread/ link, tracking removed

    def to_dict(self) -> dict[str, Any]:
        # Every field is a str, int, bool or None: a shallow copy is the whole of it (asdict's
        # recursive deep copy cost a backlog of 10,000 mails 0.3 s in the pass, for nothing).
        return dict(self.__dict__)


_BRACKETED_RE = re.compile(r"<[^<>]+>")


def message_id_of(header_value: str) -> str:
    """A Message-ID header's value as triage keys mail by: its <...> part ("<a@b> (via a relay)" is
    <a@b>), else its first word. One reading for the parser and for the server's answers."""
    found = _BRACKETED_RE.search(header_value)
    if found:
        return found.group(0)
    words = header_value.split()
    return words[0] if words else ""


@dataclass
class ParsedMail:
    """What the parser made of one email."""

    status: str                        # MAIL_LINKEDIN | MAIL_NOT_LINKEDIN | MAIL_UNPARSEABLE
    kind: str = ""                     # invitation | message | inmail | digest | accepted | other
    message_id: str = ""
    subject: str = ""
    from_address: str = ""
    date: datetime | None = None
    items: list[Item] = field(default_factory=list)
    suspicious: bool = False
    suspicious_reasons: list[str] = field(default_factory=list)
    intended_for: str = ""             # the footer's "This email was intended for ..."
    error: str = ""                    # why it could not be parsed (MAIL_UNPARSEABLE)

    @property
    def labeled_items(self) -> list[Item]:
        """Items that carry a person's words and so need a label."""
        return [i for i in self.items if i.kind in LABELED_KINDS]

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["items"] = [item.to_dict() for item in self.items]
        d["suspicious_reasons"] = list(self.suspicious_reasons)
        d["date"] = self.date.isoformat() if self.date else None
        return d


@dataclass
class Verdict:
    """The classifier's decision for one item."""

    label: str                         # one of VERDICTS
    confidence: float                  # probability of the chosen label (0..1)
    probabilities: dict[str, float] = field(default_factory=dict)
    model_version: str = ""
    reason: str = ""                   # why unsure / suspicious / overridden, for the summary
    override: str = ""                 # the person override that decided it ('' = the model did)
