"""The morning summary: one email with the few personal notes to answer first.

Everything in it that a sender wrote is hostile until proven otherwise: it is
cleaned of control and bidi characters, capped, HTML-escaped, and never turned
into a link. The only links are canonical https://www.linkedin.com URLs, with
query and fragment (tracking, redirect targets) dropped. Suspicious mail gets
no links at all and its URLs and domains are defanged.
"""

from __future__ import annotations

import email.utils
import html
import re
import shlex
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone, tzinfo
from email.message import EmailMessage
from urllib.parse import quote, urlsplit

from .items import LABELED_KINDS, LABELS, RECORD_LABELS
from .store import Record

# Sections in the order the user reads them: what needs an answer first.
SECTION_ORDER = ("personal", "unsure", "suspicious", "generic", "pitch")
# Sections shown even when empty: "no personal notes today" is news too.
ALWAYS_SHOWN = LABELS
# Every label the counts report, in this order; unknown labels follow.
COUNT_LABELS = RECORD_LABELS

NOTE_LIMIT = 2000          # characters of a note shown in full sections
LINE_LIMIT = 200           # a name, headline, subject or reason
FIRST_LINE_LIMIT = 160     # the one line a pitch gets
DETAILED_LIMIT = 100       # entries in personal, unsure, suspicious
COMPACT_LIMIT = 50         # entries in generic and pitch
TEXT_WIDTH = 76

LINKEDIN_HOSTS = ("www.linkedin.com", "linkedin.com")
MESSAGING_URL = "https://www.linkedin.com/messaging/"
INVITATIONS_URL = "https://www.linkedin.com/mynetwork/invitation-manager/"

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Characters that reorder or hide text: removed outright (Trojan Source, RTLO file-name tricks).
_BIDI = frozenset(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
# Format characters that real names and scripts need (Persian, Indic, emoji sequences).
_KEEP_FORMAT = frozenset((0x200C, 0x200D))

_DOMAIN = re.compile(r"(?<![\w.-])(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[\w-]+)(?![\w-])")
_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_SCHEME = re.compile(r"(?i)\b(h)tt(ps?)(\s*:)")
_OTHER_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file|ftp|mailto|tel)\s*:")

_PLURALS = {"pitch": "pitches"}
_HEADINGS = {
    "personal": ("PERSONAL", "Personal", "Answer these first."),
    "unsure": ("UNSURE", "Unsure", "triage could not tell. Label them and it learns."),
    "suspicious": ("SUSPICIOUS", "Suspicious",
                   "These may not come from LinkedIn. Do not click anything in them or reply; "
                   "links and addresses are shown disarmed."),
    "generic": ("GENERIC", "Generic", "Invitations without a personal word."),
    "pitch": ("PITCH", "Pitches", "Sales and recruiting outreach."),
}

# Inline styles only: many mail clients drop <style> blocks, none may load anything remote.
_FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
_MUTED = "color:#56687a;font-size:13px;"
_ACCENT = {"personal": "#0a66c2", "unsure": "#b24020", "suspicious": "#cc1016", "generic": "#8c8c8c",
           "pitch": "#8c8c8c"}
_LINK = "color:#0a66c2;font-weight:600;text-decoration:none;"


@dataclass
class Summary:
    """A built summary: both parts, and the counts the state database keeps."""

    subject: str
    text: str
    html: str
    counts: dict[str, int] = field(default_factory=dict)

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
        message.set_content(self.text, charset="utf-8")
        message.add_alternative(self.html, subtype="html", charset="utf-8")
        return message


@dataclass
class _Entry:
    """One record as the summary shows it: every string already cleaned, every link already vetted."""

    message_id: str
    label: str
    kind: str
    name: str
    headline: str
    mutual: int | None
    note: str
    profile_url: str          # canonical LinkedIn URL, or "" when there is none worth linking
    raw_profile: str          # what the mail claimed, cleaned, for the suspicious section
    when: datetime | None
    confidence: float | None
    guesses: list[tuple[str, float]]
    reasons: list[str]
    subject: str
    from_address: str
    more_in_digest: int


def build_summary(records: Sequence[Record], *, day: date, model_version: str, send_empty: bool = False,
                  now: datetime | None = None, notices: Sequence[str] = ()) -> Summary | None:
    """The summary of these records, or None when none of them needs the user and send_empty is off.

    Records labeled other or unparseable are counted but do not make a day worth an email.
    `notices` are triage's own warnings for the user (a sign-in that needs renewing), shown first.
    """
    now = now or datetime.now(timezone.utc)
    tz = now.tzinfo if now.tzinfo is not None else datetime.now().astimezone().tzinfo
    counts = _counts(records)
    sections: dict[str, list[_Entry]] = {label: [] for label in SECTION_ORDER}
    for record in records:
        if record.label in sections:
            sections[record.label].append(_entry(record, tz))
    if not any(sections.values()) and not send_empty and not notices:
        return None
    sections["personal"].sort(key=lambda e: (-(e.confidence or 0.0), -_stamp(e.when)))
    for label in SECTION_ORDER[1:]:
        sections[label].sort(key=lambda e: -_stamp(e.when))

    subject = _subject(counts, day)
    footer = _footer(records, model_version, now, tz)
    text = _render_text(subject, sections, counts, footer)
    html = _render_html(subject, sections, counts, footer)
    if notices:
        lines = [clean(n) for n in notices]
        text = text.replace(f"{subject}\n\n", f"{subject}\n\n" + "".join(f"NOTE: {n}\n" for n in lines) + "\n", 1)
        box = "".join(f'<p style="margin:0 0 6px 0;color:#b24020;"><b>Note:</b> {_e(n)}</p>' for n in lines)
        html = html.replace("</h1></td></tr>", f'</h1></td></tr><tr><td style="padding:8px 24px;">{box}</td></tr>', 1)
    return Summary(subject=subject, text=text, html=html, counts=counts)


# ------------------------------------------------------------------ cleaning


def clean(text: object, *, multiline: bool = False) -> str:
    """Sender text made inert for display: no control, bidi or invisible format characters."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out = []
    for ch in text:
        if ch == "\n":
            out.append("\n" if multiline else " ")
            continue
        if ch == "\t":
            out.append(" ")
            continue
        code = ord(ch)
        if code in _BIDI:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs") or (category == "Cf" and code not in _KEEP_FORMAT):
            continue
        out.append(ch)
    cleaned = "".join(out)
    if not multiline:
        return re.sub(r"\s+", " ", cleaned).strip()
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in cleaned.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def cap(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def defang(text: str) -> str:
    """URLs and domains that no mail client will turn into a link (hxxps://evil[.]example)."""
    text = _SCHEME.sub(lambda m: f"{m.group(1)}xx{m.group(2)}{m.group(3)}", text)
    text = _OTHER_SCHEME.sub(lambda m: f"{m.group(1)}[:]", text)
    text = _DOMAIN.sub(lambda m: m.group(0).replace(".", "[.]"), text)
    return _IPV4.sub(lambda m: m.group(0).replace(".", "[.]"), text)


def linkedin_url(raw: str) -> str:
    """The canonical https://www.linkedin.com/... form of a URL, or "" when it is anything else.

    Query and fragment go: they carry tracking and, on /redir/, the target of an open redirect.
    """
    if not isinstance(raw, str):
        return ""
    raw = raw.strip()
    if not raw or any(ch.isspace() or unicodedata.category(ch)[0] == "C" or ch in "\\\"'<>`" for ch in raw):
        return ""
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme.lower() != "https" or parts.username or parts.password or port is not None:
        return ""
    if parts.netloc.lower() not in LINKEDIN_HOSTS:
        return ""
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if not path.startswith("/"):
        return ""
    return "https://www.linkedin.com" + quote(path, safe="/-._~%!$&()*+,;=:@")


def _entry(record: Record, tz: tzinfo | None) -> _Entry:
    suspicious = record.label == "suspicious"
    name = cap(clean(record.sender_name), LINE_LIMIT) or cap(clean(record.subject), LINE_LIMIT) or "(no name)"
    mutual = record.mutual_connections
    guesses = sorted(((clean(k), float(v)) for k, v in (record.probabilities or {}).items()
                      if isinstance(v, (int, float))), key=lambda kv: -kv[1])[:2]
    labeled = [i for i in record.items if isinstance(i, dict) and i.get("kind") in LABELED_KINDS]
    return _Entry(
        message_id=record.message_id,
        label=record.label,
        kind=clean(record.kind),
        name=defang(name) if suspicious else name,
        headline=_maybe_defang(cap(clean(record.sender_headline), LINE_LIMIT), suspicious),
        mutual=mutual if isinstance(mutual, int) and not isinstance(mutual, bool) and mutual >= 0 else None,
        note=_maybe_defang(cap(clean(record.text, multiline=True), NOTE_LIMIT), suspicious),
        profile_url="" if suspicious else linkedin_url(record.profile_url),
        raw_profile=defang(cap(clean(record.profile_url), LINE_LIMIT)),
        when=_parse_time(record.mail_date, tz) or _parse_time(record.first_seen, tz),
        confidence=record.confidence if isinstance(record.confidence, (int, float)) else None,
        guesses=guesses,
        reasons=[defang(cap(clean(r), LINE_LIMIT)) for r in record.suspicious_reasons if clean(r)],
        subject=defang(cap(clean(record.subject), LINE_LIMIT)),
        from_address=defang(cap(clean(record.from_address), LINE_LIMIT)),
        more_in_digest=max(len(labeled) - 1, 0),
    )


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


def _when_label(when: datetime | None) -> str:
    return f"{day_label(when)} {when:%H:%M}" if when else ""


def _subject(counts: dict[str, int], day: date) -> str:
    parts = [plural(counts.get(label, 0), label) for label in ("personal", "generic", "pitch")]
    parts += [plural(counts[label], label) for label in ("unsure", "suspicious") if counts.get(label)]
    return "LinkedIn: " + " · ".join(parts + [day_label(day)])


def _footer(records: Sequence[Record], model_version: str, now: datetime, tz: tzinfo | None) -> list[str]:
    seen = sorted(t for t in (_parse_time(r.first_seen, tz) for r in records) if t)
    lines = [f"Model: {cap(clean(model_version), LINE_LIMIT) or 'unknown'}"]
    if seen:
        lines.append(f"Covers mail triaged {_when_label(seen[0])} – {_when_label(seen[-1])}")
    else:
        lines.append("Nothing was triaged in this period.")
    lines.append(f"Built {_when_label(now.astimezone(tz))} by triage")
    return lines


def _meta(entry: _Entry) -> str:
    bits = []
    if entry.mutual is not None:
        bits.append(f"{entry.mutual} mutual connection{'' if entry.mutual == 1 else 's'}")
    if entry.kind:
        bits.append(entry.kind)
    if entry.when:
        bits.append(_when_label(entry.when))
    if entry.more_in_digest:
        bits.append(f"+{entry.more_in_digest} more in this digest")
    return " · ".join(bits)


def _actions(entry: _Entry) -> list[tuple[str, str]]:
    """(label, URL) pairs; the URLs are constants or vetted profile URLs, never raw sender input."""
    links = []
    if entry.kind in ("message", "inmail"):
        links.append(("Reply", MESSAGING_URL))
    elif entry.kind == "invitation":
        links.append(("Accept or ignore", INVITATIONS_URL))
    if entry.profile_url:
        links.append(("View profile", entry.profile_url))
    return links


def _label_command(entry: _Entry) -> str:
    """A command safe to paste: the id is shell-quoted, and ids that cannot be typed exactly get none."""
    mid = entry.message_id
    if isinstance(mid, str) and 0 < len(mid) <= 250 and all(0x20 <= ord(ch) <= 0x7E for ch in mid):
        return f"triage label --set {shlex.quote(mid)} personal|generic|pitch"
    return "triage label --label unsure"


def _guess(entry: _Entry) -> str:
    if not entry.guesses:
        return ""
    return "Model's guess: " + ", ".join(f"{label} {p:.0%}" for label, p in entry.guesses)


_GREETING_LINE = re.compile(r"^\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|bonjour|hallo|ciao|ol[aá]|hej)"
                            r"\b[^.!?]{0,30}[,:!]?\s*$", re.I)


def _first_line(note: str) -> str:
    """The first line that says something ("Hi Sam," alone says nothing)."""
    lines = [ln for ln in note.split("\n") if ln.strip()]
    line = next((ln for ln in lines if not _GREETING_LINE.match(ln.strip())), lines[0] if lines else "")
    return cap(line, FIRST_LINE_LIMIT)


def _no_note(kind: str) -> str:
    return "(no note)" if kind == "invitation" else "(LinkedIn's email did not include the message: open it on LinkedIn)"


def _limits(label: str) -> int:
    return COMPACT_LIMIT if label in ("generic", "pitch") else DETAILED_LIMIT


# ------------------------------------------------------------------ text part


def _render_text(subject: str, sections: dict[str, list[_Entry]], counts: dict[str, int],
                 footer: list[str]) -> str:
    out = [subject, ""]
    for label in SECTION_ORDER:
        entries = sections[label]
        if not entries and label not in ALWAYS_SHOWN:
            continue
        heading, _, blurb = _HEADINGS[label]
        title = f"{heading} ({len(entries)})"
        out += [title, "=" * len(title)]
        if not entries:
            out += ["None.", ""]
            continue
        out += [*textwrap.wrap(blurb, TEXT_WIDTH), ""]
        shown = entries[:_limits(label)]
        for entry in shown:
            out += _text_entry(label, entry)
        if len(entries) > len(shown):
            out += [f"... and {len(entries) - len(shown)} more not shown.", ""]
        if label in ("generic", "pitch"):
            out.append("")
    out += ["COUNTS", "======"]
    width = max(len(k) for k in counts)
    out += [f"  {label:<{width}}  {n:>5}" for label, n in counts.items()]
    out += [""] + footer
    return "\n".join(out).rstrip() + "\n"


def _wrap(text: str, indent: str) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        lines += textwrap.wrap(paragraph, TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent,
                               break_long_words=False, break_on_hyphens=False)
    return lines


def _text_entry(label: str, entry: _Entry) -> list[str]:
    if label == "generic":
        return [f"  - {entry.name}" + (f": {entry.headline}" if entry.headline else "")]
    if label == "pitch":
        lines = [f"  - {entry.name}" + (f": {entry.headline}" if entry.headline else "")]
        first = _first_line(entry.note)
        return lines + ([f"      \"{first}\""] if first else [])
    lines = [entry.name]
    if entry.headline:
        lines.append(f"  {entry.headline}")
    if meta := _meta(entry):
        lines.append(f"  {meta}")
    if label == "suspicious":
        if entry.from_address:
            lines.append(f"  From: {entry.from_address}")
        if entry.subject:
            lines.append(f"  Subject: {entry.subject}")
        for reason in entry.reasons or ["flagged by the parser"]:
            lines.append(f"  ! {reason}")
        if entry.raw_profile:
            lines.append(f"  Claimed profile: {entry.raw_profile}")
        if entry.note:
            lines += ["", *_wrap(cap(entry.note, 300), "    | ")]
        return lines + [""]
    if entry.note:
        lines += ["", *_wrap(entry.note, "    ")]
    else:
        lines += ["", f"    {_no_note(entry.kind)}"]
    lines.append("")
    for text, url in _actions(entry):
        lines.append(f"  {text}: {url}")
    if label == "unsure":
        if guess := _guess(entry):
            lines.append(f"  {guess}")
        lines.append(f"  Label it: {_label_command(entry)}")
    return lines + [""]


# ------------------------------------------------------------------ HTML part


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _note_html(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _render_html(subject: str, sections: dict[str, list[_Entry]], counts: dict[str, int],
                 footer: list[str]) -> str:
    rows = [f'<tr><td style="padding:20px 24px 4px 24px;"><h1 style="margin:0;font-size:20px;'
            f'line-height:1.3;color:#1d2226;">{_e(subject)}</h1></td></tr>']
    for label in SECTION_ORDER:
        entries = sections[label]
        if not entries and label not in ALWAYS_SHOWN:
            continue
        _, heading, blurb = _HEADINGS[label]
        body = [f'<h2 style="margin:0 0 4px 0;font-size:17px;color:{_ACCENT[label]};">'
                f'{_e(heading)} ({len(entries)})</h2>']
        if not entries:
            body.append(f'<p style="margin:0;{_MUTED}">None.</p>')
        else:
            warn = "background:#fdecea;padding:8px 10px;color:#8a1010;font-size:14px;" if label == "suspicious" \
                else _MUTED
            body.append(f'<p style="margin:0 0 10px 0;{warn}">{_e(blurb)}</p>')
            shown = entries[:_limits(label)]
            if label in ("generic", "pitch"):
                body.append(_compact_table(label, shown))
            else:
                body += [_detailed_html(label, entry) for entry in shown]
            if len(entries) > len(shown):
                body.append(f'<p style="margin:6px 0 0 0;{_MUTED}">… and {len(entries) - len(shown)} more '
                            f'not shown.</p>')
        rows.append(f'<tr><td style="padding:16px 24px 4px 24px;">{"".join(body)}</td></tr>')
    rows.append(_counts_html(counts, footer))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(subject)}</title></head>\n'
        '<body style="margin:0;padding:0;background:#f3f2ef;">'
        '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
        'style="background:#f3f2ef;"><tr><td align="center" style="padding:16px 8px;">'
        '<table role="presentation" width="640" cellpadding="0" cellspacing="0" border="0" '
        f'style="width:100%;max-width:640px;background:#ffffff;border:1px solid #e0dfdc;{_FONT}'
        'color:#1d2226;font-size:15px;line-height:1.45;text-align:left;">\n'
        + "\n".join(rows)
        + '\n</table></td></tr></table></body></html>\n'
    )


def _detailed_html(label: str, entry: _Entry) -> str:
    parts = [f'<div dir="auto" style="font-weight:600;font-size:16px;">{_e(entry.name)}</div>']
    if entry.headline:
        parts.append(f'<div dir="auto" style="{_MUTED}">{_e(entry.headline)}</div>')
    if meta := _meta(entry):
        parts.append(f'<div style="{_MUTED}">{_e(meta)}</div>')
    if label == "suspicious":
        facts = []
        if entry.from_address:
            facts.append(f"From: {entry.from_address}")
        if entry.subject:
            facts.append(f"Subject: {entry.subject}")
        if entry.raw_profile:
            facts.append(f"Claimed profile: {entry.raw_profile}")
        parts += [f'<div style="{_MUTED}">{_e(f)}</div>' for f in facts]
        reasons = "".join(f"<li>{_e(r)}</li>" for r in entry.reasons or ["flagged by the parser"])
        parts.append(f'<ul style="margin:6px 0 0 0;padding-left:20px;color:#8a1010;font-size:14px;">{reasons}</ul>')
        if entry.note:
            parts.append(f'<div dir="auto" style="margin-top:6px;{_MUTED}">{_note_html(cap(entry.note, 300))}</div>')
    else:
        note = _note_html(entry.note) if entry.note else f'<span style="{_MUTED}">{_e(_no_note(entry.kind))}</span>'
        parts.append(f'<div dir="auto" style="margin-top:8px;">{note}</div>')
        links = [f'<a href="{_e(url)}" style="{_LINK}">{_e(text)}</a>' for text, url in _actions(entry)]
        if links:
            parts.append(f'<div style="margin-top:8px;">{" &nbsp;·&nbsp; ".join(links)}</div>')
        if label == "unsure":
            if guess := _guess(entry):
                parts.append(f'<div style="margin-top:6px;{_MUTED}">{_e(guess)}</div>')
            parts.append(f'<div style="margin-top:6px;font-size:13px;">Label it: <code style="background:#eef3f8;'
                         f'padding:1px 4px;font-family:Menlo,Consolas,monospace;">{_e(_label_command(entry))}</code>'
                         f'</div>')
    return ('<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" '
            f'style="margin:0 0 12px 0;border-left:4px solid {_ACCENT[label]};background:#f8fafd;">'
            f'<tr><td style="padding:10px 12px;">{"".join(parts)}</td></tr></table>')


def _compact_table(label: str, entries: list[_Entry]) -> str:
    rows = []
    for entry in entries:
        cell = f'<span dir="auto" style="font-weight:600;">{_e(entry.name)}</span>'
        if entry.headline:
            cell += f' <span dir="auto" style="{_MUTED}">· {_e(entry.headline)}</span>'
        if label == "pitch" and (first := _first_line(entry.note)):
            cell += f'<div dir="auto" style="{_MUTED}font-style:italic;">“{_e(first)}”</div>'
        rows.append(f'<tr><td style="padding:4px 0;border-bottom:1px solid #eeeeee;">{cell}</td></tr>')
    return ('<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">'
            + "".join(rows) + "</table>")


def _counts_html(counts: dict[str, int], footer: list[str]) -> str:
    rows = "".join(f'<tr><td style="padding:2px 16px 2px 0;">{_e(label)}</td>'
                   f'<td align="right" style="padding:2px 0;">{n}</td></tr>' for label, n in counts.items())
    notes = "".join(f'<div style="{_MUTED}">{_e(line)}</div>' for line in footer)
    return ('<tr><td style="padding:16px 24px 20px 24px;">'
            '<h2 style="margin:0 0 4px 0;font-size:17px;color:#1d2226;">Counts</h2>'
            '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="font-size:14px;">'
            f'{rows}</table><div style="margin-top:8px;">{notes}</div></td></tr>')
