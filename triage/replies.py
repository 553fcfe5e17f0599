"""Corrections by reply: the commands a user sends from the morning summary, read back and applied.

Every item in the summary carries a code; its links open a mail to the
user's own address with the subject `triage: K7Q3 pitch` (and the same line
as the body). Replying to the summary with such lines works too. At the start
of each pass, `apply_replies` reads the new mail of the Sent folder (found by
its \\Sent attribute or `[summary] sent_folder`; only the owner can put mail
there) and applies each command exactly as `triage label --set` would: the
mail moves, the correction is recorded and learned.

A command mail is a mail to the owner's own address whose subject starts with
"triage:", or whose body has a line that does, or that replies to a summary.
Only the lines the user wrote count: quoted text ("> " lines, "On ... wrote:"
and everything after it, forwarded parts, signatures) is never read as
commands; a forward (Fwd:) and a summary itself (Gmail files mail sent by
SMTP in Sent too) are not command mails at all. Each command mail is applied
once, by its Message-ID, across passes and restarts: what it asks is written
down before anything changes, and a pass that dies half way is finished by
the next. Unknown or expired codes, malformed lines, and codes for mail that
has moved (or was corrected another way) since the summary are reported
(log, `triage status`, and the next summary), never guessed.

Mail in the inbox that claims to be a command is ignored unless
`[summary] accept_inbox_commands` is on and the Authentication-Results of the
user's own server (`[parse] trusted_authserv_ids`) show the owner's own domain
aligned: anyone can send mail with the owner's address in From.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from email.message import EmailMessage
from typing import Any

from . import codes
from .config import Config
from .corrections import CorrectionError, apply_label, undo_correction
from .mail.client import MailClient
from .store import Store

log = logging.getLogger(__name__)

# What a command mail's subject, body or references contain: the prefix, or a summary's Message-ID.
SUMMARY_ID_MARK = "triage-summary-"
MENTIONS = (codes.SUBJECT_PREFIX, SUMMARY_ID_MARK)
MAX_COMMAND_BYTES = 512_000       # a reply quoting the summary's HTML is well under this
MAX_LINES = 200                   # lines of one command mail looked at
LINE_SHOWN = 80                   # characters of a line not understood, when it is reported

_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|ref|r)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_FORWARD_PREFIX = re.compile(r"^\s*(?:fwd?|wg|tr|rv|enc|doorst)\s*:", re.I)
_COMMAND = re.compile(r"^([A-Za-z0-9]{4})\s*[:=]?\s+([A-Za-z]+)[.!]?$")
# Where the user's own words end: the quoted summary, a forwarded message, a signature.
_QUOTE_INTRO = re.compile(
    r"^(?:on|le|am|el|em|il|op|den|dne|w dniu)\b.*\b(?:wrote|a écrit|schrieb|escribió|escreveu|ha scritto|"
    r"schreef|skrev|napisał)\s*:?$", re.I)
_CUT = re.compile(
    r"^(?:-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|message d'origine)\s*-{2,}|"
    r"_{10,}|-{10,}|begin forwarded message:|-- ?|sent from my .*|get outlook for .*|envoyé de mon .*|"
    r"von meinem .* gesendet|enviado desde mi .*)$", re.I)
_HEADER_BLOCK = re.compile(r"^(?:from|von|de|da|van)\s*:\s", re.I)
_NEXT_HEADER = re.compile(r"^(?:sent|date|gesendet|envoyé|enviado|to|an|à|subject|betreff)\s*:", re.I)


@dataclass(frozen=True)
class Command:
    code: str
    verb: str
    line: str


@dataclass
class CommandMail:
    """What one command mail asks for, as the user wrote it."""

    message_id: str
    sent_at: datetime | None
    from_address: str
    authentication_results: list[str]
    commands: list[Command] = field(default_factory=list)
    not_understood: list[tuple[str, str]] = field(default_factory=list)   # (line, why)


@dataclass
class ReplyReport:
    """The outcome of one command mail, for the log and the pass."""

    message_id: str
    applied: int
    problems: list[str]


def owner_address(config: Config) -> str:
    """The user's own address: where the summary goes and where its links write to; "" when unknown."""
    if config.summary.to:
        return email.utils.parseaddr(config.summary.to)[1] or config.summary.to
    if config.imap is not None and "@" in config.imap.username:
        return config.imap.username
    return ""


# ------------------------------------------------------------------ reading a command mail


def read_command_mail(raw: bytes, owners: Sequence[str]) -> CommandMail | None:
    """The commands in a mail, or None when it is not a command mail (see the module docstring)."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        if message.get("X-Triage-Summary"):
            return None      # a summary itself (Gmail files what is sent by SMTP in Sent too)
        recipients = {addr.lower() for _, addr in email.utils.getaddresses(
            [str(v) for v in (message.get_all("To", []) + message.get_all("Cc", []))])}
        if not recipients & {o.lower() for o in owners if o}:
            return None      # to someone else: a forward, or mail that merely mentions triage
        subject = " ".join(str(message.get("Subject", "")).split())
        if _FORWARD_PREFIX.match(subject):
            return None      # a forward passes the summary on; it asks nothing of triage
        references = " ".join(str(message.get(h, "")) for h in ("In-Reply-To", "References"))
        body = _written_lines(_body_text(message))
        bare = _REPLY_PREFIX.sub("", subject)
        by_subject = bare.lower().startswith(codes.SUBJECT_PREFIX)
        by_body = any(line.lower().startswith(codes.SUBJECT_PREFIX) for line in body)
        if not (by_subject or by_body or SUMMARY_ID_MARK in references):
            return None
        message_id = " ".join(str(message.get("Message-ID", "")).split())
        mail = CommandMail(
            message_id=message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@triage.invalid>",
            sent_at=_date(message),
            from_address=email.utils.parseaddr(str(message.get("From", "")))[1].lower(),
            authentication_results=[str(v) for v in message.get_all("Authentication-Results", [])])
    except Exception as exc:  # noqa: BLE001 (a mail the stdlib cannot read is not a command we could follow)
        log.info("a mail in the Sent folder could not be read as a command: %s", type(exc).__name__)
        return None
    lines = ([bare] if by_subject else []) + body
    _parse_lines(lines[:MAX_LINES], mail)
    return mail


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        return ""
    if part.get_content_subtype() == "html":
        return _html_text(str(content))
    return str(content)


def _html_text(markup: str) -> str:
    """The words of an HTML-only reply, without the quoted summary (blockquotes, Gmail's and Outlook's quotes)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup[:MAX_COMMAND_BYTES], "lxml")
    for quoted in soup.select("blockquote, .gmail_quote, .gmail_signature, #divRplyFwdMsg, #appendonsend, "
                              "[type=cite], script, style, head"):
        quoted.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    return soup.get_text("\n")


def _written_lines(text: str) -> list[str]:
    """The lines the user wrote: stop at the quoted or forwarded part or a signature, skip "> " lines and blanks."""
    from .summary import clean  # the summary's helpers: only a reply to read needs them

    raw = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    previous = ""
    for i, line in enumerate(raw[:MAX_LINES * 4]):
        stripped = clean(line)
        if _QUOTE_INTRO.match(stripped) or (previous and _QUOTE_INTRO.match(f"{previous} {stripped}")):
            if previous and out and out[-1] == previous and not _QUOTE_INTRO.match(stripped):
                out.pop()   # "On Tue, 26 Nov 2024 at 07:30, triage <" wrapped onto two lines
            break
        if _CUT.match(stripped) or line.rstrip() == "--" or line == "-- ":
            break
        nxt = clean(raw[i + 1]) if i + 1 < len(raw) else ""
        if _HEADER_BLOCK.match(stripped) and _NEXT_HEADER.match(nxt):
            break           # Outlook's "From: ... / Sent: ..." above the original, unquoted
        previous = stripped
        if not stripped or stripped.startswith(">"):
            continue
        out.append(stripped)
    return out


def _parse_lines(lines: Sequence[str], mail: CommandMail) -> None:
    """Commands from lines such as "K7Q3 pitch" or "triage: K7Q3 pitch, M2X9 generic"; the rest is reported."""
    from .summary import cap  # the summary's helpers: only a reply to read needs them

    asked: dict[str, list[Command]] = {}
    for line in lines:
        body = line[len(codes.SUBJECT_PREFIX):].strip() if line.lower().startswith(codes.SUBJECT_PREFIX) else line
        for part in filter(None, (p.strip() for p in re.split(r"[,;]", body))):
            m = _COMMAND.match(part)
            if not m:
                mail.not_understood.append((cap(part, LINE_SHOWN), "not a code and a label"))
                continue
            code, verb = m.group(1).upper(), m.group(2).lower()
            if not codes.is_code(code):
                mail.not_understood.append((cap(part, LINE_SHOWN), f"{code} is not a code triage gives"))
            elif verb not in codes.VERBS:
                mail.not_understood.append((cap(part, LINE_SHOWN), f"{verb} is not one of {', '.join(codes.VERBS)}"))
            else:
                asked.setdefault(code, []).append(Command(code, verb, cap(part, LINE_SHOWN)))
    for code, commands in asked.items():
        verbs = list(dict.fromkeys(c.verb for c in commands))
        if len(verbs) == 1:
            mail.commands.append(commands[0])     # a subject and a body line that say the same: once
        else:
            mail.not_understood.append((f"{code} {' / '.join(verbs)}",
                                        f"{code} was asked to be {' and '.join(verbs)}; nothing changed"))


def _date(message: EmailMessage) -> datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


# ------------------------------------------------------------------ applying


def apply_replies(client: MailClient, store: Store, config: Config, now: datetime | None = None) -> list[ReplyReport]:
    """The pass's first step: new command mails in Sent (and, if allowed, the inbox), each applied once."""
    owner = owner_address(config)
    if not config.summary.corrections_by_reply or not owner:
        return []
    now = now or datetime.now(timezone.utc)
    reports = [_run(client, store, config, row, now) for row in store.reply_commands(state="applying")]
    first = store.first_code_shown()
    if first is None:
        return reports       # no code was ever handed out: nothing could be a command
    not_before = (datetime.fromisoformat(first) - timedelta(days=1)).date()
    sent = client.sent_folder(config.summary.sent_folder)
    _note_folder(store, sent, config.summary.sent_folder)
    sources = [(sent, True)] if sent is not None else []
    if config.summary.accept_inbox_commands:
        sources.append(("", False))
    # A reply to the summary goes to its From: "triage <IMAP username>" unless [summary] from says otherwise.
    owners = [owner, email.utils.parseaddr(config.summary.sender)[1], config.imap.username if config.imap else ""]
    for folder, trusted in sources:
        key = f"replies:{folder or 'INBOX'}"
        since = store.checkpoint(key)
        mark, fetched = client.new_messages(folder, since, mentioning=MENTIONS, not_before=not_before,
                                            max_bytes=MAX_COMMAND_BYTES)
        for f in fetched:
            mail = read_command_mail(f.raw, owners)
            if mail is None or store.reply_command(mail.message_id) is not None:
                continue     # not a command mail, or one already applied (its copy in the other folder)
            if not trusted and not _authenticated(mail, owner, config):
                _ignore(store, mail, folder)
                continue
            reports.append(_run(client, store, config, _record(store, mail, folder), now))
        if mark != since:
            with store.transaction():
                store.set_checkpoint(key, *mark)
    return reports


def _note_folder(store: Store, sent: str | None, configured: str) -> None:
    shown = sent if sent is not None else ""
    if store.get_meta("replies:sent_folder", "?") == shown:
        return
    if sent is None:
        log.warning("no Sent folder %s: replies to the summary cannot be read (set [summary] sent_folder)",
                    f"named {configured!r}" if configured else "marked \\Sent on the server")
    else:
        log.info("reading reply commands from %s", sent or "INBOX")
    with store.transaction():
        store.set_meta("replies:sent_folder", shown)


def _authenticated(mail: CommandMail, owner: str, config: Config) -> bool:
    from .parse.authenticity import sender_domain_aligned   # the parser, only for an inbox command
    domain = owner.rsplit("@", 1)[-1]
    return mail.from_address == owner.lower() and sender_domain_aligned(
        mail.authentication_results, config.trusted_authserv_ids, domain)


def _ignore(store: Store, mail: CommandMail, folder: str) -> None:
    from .summary import cap, clean  # the summary's helpers: only a reply to read needs them

    who = cap(clean(mail.from_address), 100) or "no sender"
    log.warning("ignored a mail in the inbox that claims to be a triage command (from %s): "
                "not authenticated as you by your own server", who)
    with store.transaction():
        store.add_reply_command(mail.message_id, folder, _stamp(mail.sent_at), "ignored",
                                [{"line": f"from {who}", "outcome": "ignored: not authenticated as you"}])


def _record(store: Store, mail: CommandMail, folder: str) -> dict[str, Any]:
    """Write down what the mail asks before anything is changed, so a crash half way is finished, not redone."""
    lines = [{"line": c.line, "code": c.code, "verb": c.verb, "outcome": ""} for c in mail.commands]
    lines += [{"line": text, "outcome": f"not understood: {why}"} for text, why in mail.not_understood]
    with store.transaction():
        store.add_reply_command(mail.message_id, folder, _stamp(mail.sent_at), "applying", lines)
    row = store.reply_command(mail.message_id)
    assert row is not None
    return row


def _run(client: MailClient, store: Store, config: Config, row: dict[str, Any], now: datetime) -> ReplyReport:
    lines = row["lines"]

    def save() -> None:
        with store.transaction():
            store.update_reply_command(row["message_id"], "applying", lines)

    for line in lines:
        if line.get("code") and not line["outcome"]:
            line["outcome"] = _apply(client, store, config, line, row["read_at"], now, save)
            log.info("reply command %s %s: %s", line["code"], line["verb"], line["outcome"])
            save()
    with store.transaction():
        store.update_reply_command(row["message_id"], "done", lines)
    problems = [f"{line['line']}: {line['outcome']}" for line in lines if line["outcome"] not in ("applied", "undone")]
    for problem in problems:
        log.warning("reply %s: %s", row["message_id"], problem)
    return ReplyReport(row["message_id"], sum(line["outcome"] in ("applied", "undone") for line in lines), problems)


def _apply(client: MailClient, store: Store, config: Config, line: dict[str, Any], read_at: str,
           now: datetime, save: Callable[[], None]) -> str:
    """One command, as `triage label --set` (or the session's undo) would do it; the outcome in words."""
    found = codes.look_up(store, line["code"], now)
    if found.problem:
        return found.problem
    record = store.get(found.message_id)
    if record is None:
        return "unknown code"
    latest = store.last_correction_for(record.message_id)
    if line["verb"] != "undo" and latest and latest["source"] == "reply" and latest["created_at"] >= read_at \
            and latest["new_label"] == line["verb"]:
        return "applied"     # done just before a crash, in this very reply
    if line["verb"] == "undo" and line.get("undoes") and (latest is None or latest["id"] != line["undoes"]):
        return "undone"      # likewise
    if latest and latest["source"] != "reply" and latest["created_at"] > found.shown_at:
        from .summary.content import SOURCE_WORDS

        return f"changed since the summary ({SOURCE_WORDS.get(latest['source'], latest['source'])}); nothing changed"
    if record.state == "gone" or record.destination is None or not client.locate(record.message_id,
                                                                                 record.destination):
        return "the mail has moved since the summary; nothing changed"
    if line["verb"] == "undo":
        if latest is None:
            return "nothing to undo"
        line["undoes"] = latest["id"]
        save()               # which correction this takes back, before it is gone
        undo_correction(store, config, latest, client)
        return "undone"
    try:
        apply_label(store, config, record.message_id, line["verb"], client=client, source="reply")
    except CorrectionError as exc:
        return str(exc)
    return "applied"


def _stamp(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).isoformat(timespec="seconds") if when else None


# ------------------------------------------------------------------ telling the user


def reply_notices(rows: Sequence[dict[str, Any]], tz: tzinfo | None, day: date | None = None) -> list[str]:
    """One line per command mail for the next summary: "Applied 3 corrections from your reply at 08:14; ..."."""
    out = []
    for row in rows:
        lines = row["lines"]
        applied = sum(line["outcome"] == "applied" for line in lines)
        undone = sum(line["outcome"] == "undone" for line in lines)
        problems = [line for line in lines if line["outcome"] not in ("applied", "undone")]
        when = _when_words(row.get("sent_at") or row["read_at"], tz, day)
        text = f"Applied {applied} correction{'' if applied == 1 else 's'} from your reply {when}"
        if undone:
            text += f" and undid {undone}"
        if problems:
            kind = "understood" if all(p["outcome"].startswith("not understood") for p in problems) else "applied"
            shown = "; ".join(f"“{p['line']}” ({_why(p['outcome'])})" for p in problems[:5])
            more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
            text += f"; {len(problems)} line{'' if len(problems) == 1 else 's'} not {kind}: {shown}{more}"
        out.append(text)
    return out


def _why(outcome: str) -> str:
    return outcome.removeprefix("not understood: ")


def _when_words(stamp: str, tz: tzinfo | None, day: date | None) -> str:
    from .summary.content import when_label

    when = datetime.fromisoformat(stamp).astimezone(tz)
    return f"at {when:%H:%M}" if when.date() == day else f"of {when_label(when)}"
