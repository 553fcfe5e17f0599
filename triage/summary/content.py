"""What the summary says, as plain data: sections of entries, what was learned, counts.

Both parts (text and HTML) render the same `Content`, so they cannot say
different things. Every string here that a sender wrote is already cleaned
and capped (see cleaning.py); every link is a vetted LinkedIn URL or a
mailto: link to the owner's own address.

A section is a `Section` in `SECTIONS`-order; adding one (say, "Only asks")
is one more `Section` built from its entries and placed in the list: both
renderers and the size budget handle it by its `style` and `tiers`.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone, tzinfo

from ..codes import mailto
from ..items import LABELED_KINDS, LABELS, RECORD_LABELS
from ..store import Record
from .asks import OnlyAsks
from .cleaning import cap, clean, conversation_url, defang, linkedin_url

# Every label the counts report, in this order; unknown labels follow.
COUNT_LABELS = RECORD_LABELS
SHOWN_LABELS = ("personal", "unsure", "suspicious", "generic", "pitch")
CORRECTABLE = LABELS

NOTE_LIMIT = 2000          # characters of a personal note shown in full
DETAIL_NOTE_LIMIT = 600    # an unsure note shown in full
SUSPICIOUS_NOTE_LIMIT = 300
LINE_LIMIT = 200           # a name, headline, subject or reason
FIRST_LINE_LIMIT = 160     # the one line a compact entry quotes

MESSAGING_URL = "https://www.linkedin.com/messaging/"
INVITATIONS_URL = "https://www.linkedin.com/mynetwork/invitation-manager/"

# How much of an entry is shown, best first. Every entry gets at least its section's last tier.
FULL, LINE, NAME, COUNT = "full", "line", "name", "count"
RANK = {FULL: 0, LINE: 1, NAME: 2, COUNT: 3}

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PLURALS = {"pitch": "pitches"}
# How a correction came about, in the user's words.
SOURCE_WORDS = {"reply": "your reply", "label": "triage label", "move": "you moved it",
                "override": "your override for this person"}


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass
class Entry:
    """One record as the summary shows it: every string already cleaned, every link already vetted."""

    message_id: str
    label: str
    kind: str                  # what the mail is: invitation | message | inmail | digest
    name: str
    item_kind: str = ""        # what the person's own item is, which decides the way to answer
    headline: str = ""
    mutual: int | None = None
    note: str = ""
    profile_url: str = ""      # canonical LinkedIn URL, or "" when there is none worth linking
    conversation: str = ""     # the vetted /messaging/thread/ link of a message or InMail
    raw_profile: str = ""      # what the mail claimed, cleaned and defanged, for the suspicious section
    when: datetime | None = None
    confidence: float | None = None
    guesses: list[tuple[str, float]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    subject: str = ""
    from_address: str = ""
    more_in_digest: int = 0
    code: str = ""             # the reply code, "" when the summary offers no reply commands
    fixes: list[Link] = field(default_factory=list)   # mailto: links, one per other label
    override: str = ""         # the user's override for this person that decided the verdict
    tier: str = FULL

    @property
    def meta(self) -> str:
        bits = []
        if self.mutual is not None:
            bits.append(f"{self.mutual} mutual connection{'' if self.mutual == 1 else 's'}")
        if self.kind:
            bits.append(self.kind)
        if self.when:
            bits.append(when_label(self.when))
        if self.more_in_digest:
            bits.append(f"+{self.more_in_digest} more in this digest")
        if self.override:
            bits.append(f"your override: {self.override}")
        return " · ".join(bits)

    @property
    def actions(self) -> list[Link]:
        """The way to answer, then the profile; the URLs are constants or vetted, never raw sender input."""
        if self.label == "suspicious":
            return []
        links = []
        kind = self.item_kind or self.kind
        if kind in ("message", "inmail"):
            links.append(Link("Reply on LinkedIn", self.conversation) if self.conversation
                         else Link("Open LinkedIn messages", MESSAGING_URL))
        elif kind in ("invitation", "digest"):
            links.append(Link("Accept", INVITATIONS_URL))
        if self.profile_url:
            links.append(Link("View profile", self.profile_url))
        return links

    @property
    def first_line(self) -> str:
        return first_line(self.note)

    @property
    def guess(self) -> str:
        if not self.guesses:
            return ""
        return "Model's guess: " + ", ".join(f"{label} {p:.0%}" for label, p in self.guesses)

    @property
    def label_command(self) -> str:
        """A command safe to paste: the id is shell-quoted, and ids that cannot be typed exactly get none."""
        mid = self.message_id
        if isinstance(mid, str) and 0 < len(mid) <= 250 and all(0x20 <= ord(ch) <= 0x7E for ch in mid):
            return f"triage label --set {shlex.quote(mid)} personal|generic|pitch"
        return "triage label --label unsure"

    @property
    def fix_words(self) -> str:
        """The reply commands as text: '"K7Q3 generic" or "K7Q3 pitch"'."""
        said = [f'"{self.code} {link.text}"' for link in self.fixes]
        return ", ".join(said[:-1]) + f" or {said[-1]}" if len(said) > 1 else "".join(said)

    @property
    def no_note(self) -> str:
        return "(no note)" if self.kind == "invitation" else \
            "(LinkedIn's email did not include the message: open it on LinkedIn)"


@dataclass
class Learned:
    """One correction made since the last summary, with the command that takes it back."""

    name: str
    old_label: str
    new_label: str
    source: str                # in the user's words: "your reply", "triage label", "you moved it"
    when: datetime | None
    code: str = ""
    undo: Link | None = None
    tier: str = LINE

    @property
    def change(self) -> str:
        if self.old_label == self.new_label:
            return f"confirmed {self.new_label}"
        return f"{self.old_label or 'unlabeled'} → {self.new_label}"


@dataclass
class Ask:
    """A person who only ever asks (Disconnect Day), as "Only asks" names them: cleaned, the link vetted."""

    key: str
    sentence: str              # "Clive Ashdown: 4 asks since Feb 2024, none asked about you"
    headline: str
    profile_url: str           # https://www.linkedin.com/in/... or ""
    mute: str                  # the command to paste
    tier: str = LINE


@dataclass
class Section:
    """One part of the summary; the renderers pick its layout by `style`, the budget its room by `tiers`."""

    key: str
    heading: str               # the text part's heading, PERSONAL
    title: str                 # the HTML's, Personal
    blurb: str
    accent: str                # the HTML's colour for this section
    entries: list = field(default_factory=list)   # Entry; Learned for style "learned"; Ask for "asks"
    style: str = "notes"       # notes: a card per entry | lines: one line each | learned: corrections | asks
    tiers: tuple[str, ...] = (FULL, LINE, COUNT)
    always_shown: bool = False
    cap: int = 100             # shown at most; the rest are counted
    more_hint: str = ""        # what the user runs to see the ones that are only counted
    first: bool = False        # placed before the others when space is short (the personal notes)
    late: bool = False         # given room last: an audit to read, not mail to act on
    quotes: bool = True        # a compact line quotes the first line of the note
    answers: bool = False      # a compact line keeps the way to answer (Accept, Reply on LinkedIn)

    def at(self, tier: str) -> list:
        return [e for e in self.entries if e.tier == tier]

    @property
    def counted(self) -> int:
        return sum(1 for e in self.entries if e.tier == COUNT)

    @property
    def shown(self) -> bool:
        return bool(self.entries) or self.always_shown


@dataclass
class Content:
    """Everything one summary says, ready for either renderer."""

    subject: str
    sections: list[Section]
    counts: dict[str, int]
    footer: list[str]
    notices: list[str] = field(default_factory=list)
    reply_help: str = ""       # how to correct by reply, when the summary offers it
    nothing_new: str = ""      # the one line of a summary with nothing new

    @property
    def visible(self) -> list[Section]:
        return [s for s in self.sections if s.shown]


@dataclass(frozen=True)
class LearnedCorrection:
    """A correction as the state database keeps it, with the mail's sender, for "What was learned"."""

    message_id: str
    sender_name: str
    old_label: str
    new_label: str
    source: str
    created_at: str


def build_content(records: Sequence[Record], *, day: date, model_version: str, now: datetime,
                  notices: Sequence[str] = (), codes: Mapping[str, str] | None = None, owner: str = "",
                  learned: Sequence[LearnedCorrection] = (), since: datetime | None = None,
                  only_asks: Sequence[OnlyAsks] = ()) -> Content:
    """The content of a summary; with nothing to report, a one-line `nothing_new` (and any corrections)."""
    tz = now.tzinfo
    codes = codes or {}
    counts = _counts(records)
    by_label: dict[str, list[Entry]] = {label: [] for label in SHOWN_LABELS}
    for record in records:
        if record.label in by_label:
            by_label[record.label].append(_entry(record, tz, codes.get(record.message_id, ""), owner))
    by_label["personal"].sort(key=lambda e: (-(e.confidence or 0.0), -_stamp(e.when)))
    for label in SHOWN_LABELS[1:]:
        by_label[label].sort(key=lambda e: -_stamp(e.when))
    footer = _footer(records, model_version, now, tz)
    corrections = _learned(learned, tz, codes, owner)
    asks = _only_asks(only_asks)
    help_line = _reply_help(codes, owner)
    if not any(by_label.values()):
        since_words = f" since {when_label(since.astimezone(tz))}" if since else ""
        return Content(subject=f"LinkedIn: nothing new · {day_label(day)}", sections=[asks, corrections],
                       counts=counts, footer=footer, notices=[clean(n) for n in notices],
                       reply_help=help_line if corrections.entries else "",
                       nothing_new=f"Nothing new from LinkedIn{since_words}.")
    return Content(subject=_subject(counts, day), sections=[*sections(by_label), asks, corrections], counts=counts,
                   footer=footer, notices=[clean(n) for n in notices], reply_help=help_line)


def combine_contents(parts: Sequence[tuple[str, str, Content]], *, day: date, notices: Sequence[str] = ()) -> Content:
    """One summary's content from several accounts' ([summary] combine = true), each account's sections under its name.

    `parts` are (account name, heading, content), in config order; `notices` come first."""
    counts: dict[str, int] = {}
    combined: list[Section] = []
    for name, heading, part in parts:
        for label, n in part.counts.items():
            counts[label] = counts.get(label, 0) + n
        for section in part.visible:
            if not section.entries and section.key != "personal":   # one "None." per account is enough
                continue
            combined.append(replace(
                section, heading=f"{clean(heading)} · {section.heading}",
                title=f"{clean(heading)} · {section.title}",
                more_hint=section.more_hint.replace("`triage label", f"`triage label --account {name}")))
    nothing = all(part.nothing_new for _, _, part in parts)
    subject = (f"LinkedIn: nothing new · {day_label(day)}" if nothing else _subject(counts, day))
    return Content(subject=f"{subject} · {len(parts)} accounts", sections=combined, counts=counts,
                   footer=parts[0][2].footer if parts else [], notices=[clean(n) for n in notices],
                   nothing_new="Nothing new from LinkedIn in any account." if nothing else "")


def sections(by_label: Mapping[str, list[Entry]]) -> list[Section]:
    """The sections in the order the user reads them: what needs an answer first."""
    return [
        Section("personal", "PERSONAL", "Personal", "Answer these first.", "#0a66c2", by_label["personal"],
                tiers=(FULL, LINE, NAME), always_shown=True, cap=10_000, first=True, answers=True,
                more_hint="run `triage label --label personal`"),
        Section("unsure", "UNSURE", "Unsure", "triage could not tell. Label them and it learns.", "#b24020",
                by_label["unsure"], more_hint="run `triage label --label unsure`"),
        Section("suspicious", "SUSPICIOUS", "Suspicious",
                "These may not come from LinkedIn. Do not click anything in them or reply; "
                "links and addresses are shown disarmed.", "#cc1016", by_label["suspicious"],
                more_hint="see the LinkedIn/Suspicious folder"),
        Section("generic", "GENERIC", "Generic", "Invitations without a personal word.", "#8c8c8c",
                by_label["generic"], style="lines", tiers=(LINE, COUNT), always_shown=True, cap=50,
                more_hint="run `triage label --label generic`", quotes=False),
        Section("pitch", "PITCH", "Pitches", "Sales and recruiting outreach.", "#8c8c8c", by_label["pitch"],
                style="lines", tiers=(LINE, COUNT), always_shown=True, cap=50,
                more_hint="run `triage label --label pitch`"),
    ]


# ------------------------------------------------------------------ entries


def _entry(record: Record, tz: tzinfo | None, code: str, owner: str) -> Entry:
    suspicious = record.label == "suspicious"
    name = cap(clean(record.sender_name), LINE_LIMIT) or cap(clean(record.subject), LINE_LIMIT) or "(no name)"
    mutual = record.mutual_connections
    guesses = sorted(((clean(k), float(v)) for k, v in (record.probabilities or {}).items()
                      if isinstance(v, (int, float))), key=lambda kv: -kv[1])[:2]
    labeled = [i for i in record.items if isinstance(i, dict) and i.get("kind") in LABELED_KINDS]
    primary = next((i for i in labeled if i.get("sender_name") == record.sender_name), labeled[0] if labeled else {})
    limit = NOTE_LIMIT if record.label == "personal" else SUSPICIOUS_NOTE_LIMIT if suspicious else DETAIL_NOTE_LIMIT
    entry = Entry(
        message_id=record.message_id,
        label=record.label,
        kind=clean(record.kind),
        item_kind=clean(primary.get("kind") or record.kind),
        name=defang(name) if suspicious else name,
        headline=_maybe_defang(cap(clean(record.sender_headline), LINE_LIMIT), suspicious),
        mutual=mutual if isinstance(mutual, int) and not isinstance(mutual, bool) and mutual >= 0 else None,
        note=_maybe_defang(cap(clean(record.text, multiline=True), limit), suspicious),
        profile_url="" if suspicious else linkedin_url(record.profile_url),
        conversation="" if suspicious else conversation_url(str(primary.get("conversation_url") or "")),
        raw_profile=defang(cap(clean(record.profile_url), LINE_LIMIT)),
        when=_parse_time(record.mail_date, tz) or _parse_time(record.first_seen, tz),
        confidence=record.confidence if isinstance(record.confidence, (int, float)) else None,
        guesses=guesses,
        reasons=[defang(cap(clean(r), LINE_LIMIT)) for r in record.suspicious_reasons if clean(r)],
        subject=defang(cap(clean(record.subject), LINE_LIMIT)),
        from_address=defang(cap(clean(record.from_address), LINE_LIMIT)),
        more_in_digest=max(len(labeled) - 1, 0),
        override=clean(record.override),
    )
    if code and owner and not suspicious:
        entry.code = code
        others = [label for label in CORRECTABLE if label != record.label]
        entry.fixes = [Link(label, mailto(owner, code, label)) for label in others]
    return entry


def _learned(rows: Sequence[LearnedCorrection], tz: tzinfo | None, codes: Mapping[str, str],
             owner: str) -> Section:
    latest: dict[tuple[str, str], LearnedCorrection] = {}
    for row in rows:             # a mail corrected twice shows what it ended as; an override has no mail
        key = (row.message_id, "" if row.message_id else row.sender_name)
        latest.pop(key, None)
        latest[key] = row
    items = []
    for row in reversed(latest.values()):
        code = codes.get(row.message_id, "") if owner else ""
        items.append(Learned(
            name=cap(clean(row.sender_name), LINE_LIMIT) or "(no name)",
            old_label=clean(row.old_label), new_label=clean(row.new_label),
            source=SOURCE_WORDS.get(row.source, clean(row.source)),
            when=_parse_time(row.created_at, tz), code=code,
            undo=Link("undo", mailto(owner, code, "undo")) if code else None))
    return Section("learned", "WHAT WAS LEARNED", "What was learned",
                   "Corrections since the last summary: the model learns from them. "
                   "Each can be taken back with its undo.", "#1d2226", items, style="learned",
                   tiers=(LINE, COUNT), cap=50, more_hint="see `triage label --list`", late=True)


def _only_asks(people: Sequence[OnlyAsks]) -> Section:
    """People who just crossed the Disconnect Day line (see triage.people), each with the line that mutes them."""
    entries = []
    for person in people:
        url = linkedin_url(person.profile_url)
        entries.append(Ask(person.key, cap(clean(person.sentence), LINE_LIMIT), cap(clean(person.headline), LINE_LIMIT),
                           url if url.startswith("https://www.linkedin.com/in/") else "", clean(person.mute_command)))
    return Section("only_asks", "ONLY ASKS", "Only asks",
                   "They have only ever asked you for something. Mute them here, or disconnect on LinkedIn.",
                   "#8c8c8c", entries, style="asks", tiers=(LINE, COUNT), cap=20,
                   more_hint="run `triage people --disconnect`")


def _reply_help(codes: Mapping[str, str], owner: str) -> str:
    if not (codes and owner):
        return ""
    example = next(iter(codes.values()))
    return (f"To correct one, tap its right label, or reply with its code and the label, one per line: "
            f"\"{example} pitch\". \"{example} undo\" takes a correction back.")


_GREETING_LINE = re.compile(r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|bonjour|hallo|ciao|ol[aá]|hej)"
                            r"\b[^.!?]{0,30}[,:!]?\s*$", re.I)


def first_line(note: str) -> str:
    """The first line that says something ("Hi Sam," alone says nothing)."""
    lines = [ln for ln in note.split("\n") if ln.strip()]
    line = next((ln for ln in lines if not _GREETING_LINE.match(ln.strip())), lines[0] if lines else "")
    return cap(line, FIRST_LINE_LIMIT)


def _maybe_defang(text: str, yes: bool) -> str:
    return defang(text) if yes else text


def _parse_time(value: str | None, tz: tzinfo | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(tz)


def _stamp(when: datetime | None) -> float:
    return when.timestamp() if when else 0.0


# ------------------------------------------------------------------ words


def _counts(records: Sequence[Record]) -> dict[str, int]:
    counts = dict.fromkeys(COUNT_LABELS, 0)
    for record in records:
        label = "unparseable" if record.status == "unparseable" else (record.label or "other")
        counts[label] = counts.get(label, 0) + 1
    return counts


def plural(count: int, label: str) -> str:
    """'1 pitch', '7 pitches', '3 personal': labels that are adjectives do not take an s."""
    return f"{count} {_PLURALS.get(label, label) if count != 1 else label}"


def day_label(day: date) -> str:
    """'Tue 24 Nov', the same in every locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def when_label(when: datetime | None) -> str:
    return f"{day_label(when)} {when:%H:%M}" if when else ""


def _subject(counts: dict[str, int], day: date) -> str:
    parts = [plural(counts.get(label, 0), label) for label in ("personal", "generic", "pitch")]
    parts += [plural(counts[label], label) for label in ("unsure", "suspicious") if counts.get(label)]
    return "LinkedIn: " + " · ".join(parts + [day_label(day)])


def _footer(records: Sequence[Record], model_version: str, now: datetime, tz: tzinfo | None) -> list[str]:
    seen = sorted(t for t in (_parse_time(r.first_seen, tz) for r in records) if t)
    lines = [f"Model: {cap(clean(model_version), LINE_LIMIT) or 'unknown'}"]
    if seen:
        lines.append(f"Covers mail triaged {when_label(seen[0])} – {when_label(seen[-1])}")
    else:
        lines.append("Nothing was triaged in this period.")
    lines.append(f"Built {when_label(now.astimezone(tz))} by triage")
    return lines

