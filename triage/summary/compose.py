"""A summary from the day's records: content, fitted to the size budget, as one multipart email."""

from __future__ import annotations

import email.utils
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.message import EmailMessage

from ..store import Record
from .asks import OnlyAsks
from .content import COUNT, LearnedCorrection, build_content, combine_contents
from .fit import fit


@dataclass
class Summary:
    """A built summary: both parts, and the counts the state database keeps."""

    subject: str
    text: str
    html: str
    counts: dict[str, int] = field(default_factory=dict)
    replies: list[str] = field(default_factory=list)   # Message-IDs of the command mails it reports on
    only_asks: list[str] = field(default_factory=list)   # keys of the people it names under "Only asks"

    def to_email(self, from_address: str, to_address: str, message_id: str | None = None,
                 date: datetime | None = None) -> EmailMessage:
        """multipart/alternative, marked so auto-responders stay quiet and triage can find it again."""
        message = EmailMessage()
        message["Subject"] = self.subject
        message["From"] = from_address
        message["To"] = to_address
        when = date or datetime.now().astimezone()
        message["Date"] = email.utils.format_datetime(when if when.tzinfo else when.astimezone())
        if message_id:
            message["Message-ID"] = message_id
        message["X-Triage-Summary"] = "1"
        message["Auto-Submitted"] = "auto-generated"
        message["X-Auto-Response-Suppress"] = "All"
        # Quoted-printable for both parts: mostly ASCII, so a few percent larger, where base64 would be a third.
        message.set_content(self.text, charset="utf-8", cte="quoted-printable")
        message.add_alternative(self.html, subtype="html", charset="utf-8", cte="quoted-printable")
        return message

    def size(self) -> int:
        """Bytes of the whole message as it is delivered."""
        return len(self.to_email("triage <owner@example.invalid>", "owner@example.invalid",
                                 "<triage-summary-size@triage.invalid>").as_bytes())


def build_summary(records: Sequence[Record], *, day: date, model_version: str, send_empty: bool = False,
                  now: datetime | None = None, notices: Sequence[str] = (), news: Sequence[str] = (),
                  codes: Mapping[str, str] | None = None, owner: str = "",
                  learned: Sequence[LearnedCorrection] = (), since: datetime | None = None,
                  only_asks: Sequence[OnlyAsks] = ()) -> Summary | None:
    """The summary of these records, or None when nothing in it needs the user and send_empty is off.

    Records labeled other or unparseable are counted but do not make a day worth an email; a day
    without any is a one-line "nothing new" when send_empty is on. `notices` are triage's own
    warnings for the user (a sign-in that needs renewing), shown first and always worth a summary;
    `news` are shown with them but do not make a summary on their own (replies applied). `codes` (message id -> reply code) and `owner` (the user's own
    address) add the reply commands; `learned` lists the corrections since the last summary;
    `only_asks` are the people who just crossed the Disconnect Day line (triage.people).
    Times are shown in `now`'s zone.
    """
    now = now or datetime.now(timezone.utc).astimezone()
    content = build_content(records, day=day, model_version=model_version, now=now, notices=[*notices, *news],
                            codes=codes, owner=owner, learned=learned, since=since, only_asks=only_asks)
    named = next(s for s in content.sections if s.key == "only_asks")
    if content.nothing_new and not send_empty and not notices and not named.entries:
        return None

    def message_size(text: str, html: str) -> int:
        return Summary(content.subject, text, html).size()

    text, html = fit(content, message_size)
    return Summary(subject=content.subject, text=text, html=html, counts=content.counts,
                   only_asks=[a.key for a in named.entries if a.tier != COUNT])


def build_combined(accounts: Sequence[tuple[str, str, Sequence[Record]]], *, day: date, model_version: str,
                   now: datetime | None = None, notices: Sequence[str] = (), send_empty: bool = False) -> Summary | None:
    """One summary for several accounts ([summary] combine = true): (name, heading, records) each, in config order.

    The same size budget as one account's; no reply codes (a reply lands in one account's Sent folder)."""
    now = now or datetime.now(timezone.utc).astimezone()
    parts = [(name, heading, build_content(records, day=day, model_version=model_version, now=now))
             for name, heading, records in accounts]
    content = combine_contents(parts, day=day, notices=notices)
    if content.nothing_new and not send_empty and not notices:
        return None

    def message_size(text: str, html: str) -> int:
        return Summary(content.subject, text, html).size()

    text, html = fit(content, message_size)
    return Summary(subject=content.subject, text=text, html=html, counts=content.counts)
