"""Delivering the morning summary exactly once per day.

The day is claimed in SQLite ("sending") before anything is delivered and
marked "sent" after. A crash in between is resolved on the next try: IMAP
delivery looks for the summary's Message-ID in the inbox before appending
again; SMTP cannot be asked, so a half-sent SMTP summary is not resent
(at most once, with a warning in the log).
"""

from __future__ import annotations

import hashlib
from html import escape as html_escape
import logging
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from . import codes, people
from .config import Config
from .items import LABELS
from .mail.client import MailClient
from .mail.connect import connect
from .mail.credentials import imap_password, password
from .mail.errors import MailError
from .mail.tls import tls_context
from .replies import owner_address, reply_notices
from .store import Store
from .summary import LearnedCorrection, Summary, build_combined, build_summary

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    state: str        # sent | empty | already-sent | not-delivered
    detail: str = ""


def parse_since(text: str) -> timedelta:
    """'24h', '3d', '90m' -> a timedelta (for `triage summary --since`)."""
    match = re.fullmatch(r"\s*(\d+)\s*([mhd])\s*", text)
    if not match:
        raise ValueError(f"--since must look like 90m, 24h or 3d, not {text!r}")
    value, unit = int(match.group(1)), match.group(2)
    return timedelta(minutes=value) if unit == "m" else timedelta(hours=value) if unit == "h" else timedelta(days=value)


def summary_message_id(config: Config, day: date) -> str:
    """Deterministic per mailbox and day, so a restarted service can find what it already delivered."""
    owner = config.imap.username if config.imap else str(config.maildir)
    tag = hashlib.sha256(owner.encode()).hexdigest()[:12]
    return f"<triage-summary-{day.isoformat()}-{tag}@triage.invalid>"


def addresses(config: Config) -> tuple[str, str]:
    """(from, to) for the summary; defaults to the mailbox owner."""
    owner = (config.imap.username if config.imap and "@" in config.imap.username
             else owner_address(config) or "triage@localhost")
    to = config.summary.to or owner
    sender = config.summary.sender or f"triage <{owner}>"
    return sender, to


def local_timezone(config: Config) -> tzinfo:
    """The user's zone: [service] timezone, else this machine's. Summary times and the summary's day use it."""
    if config.service.timezone:
        return ZoneInfo(config.service.timezone)
    from tzlocal import get_localzone  # APScheduler 3's own dependency
    return get_localzone()


def build_for(config: Config, store: Store, day: date, since: datetime, model_version: str,
              send_empty: bool | None = None, *, summary_id: str | None = None,
              now: datetime | None = None, notices: list[str] | None = None) -> Summary | None:
    """The summary of what was triaged since `since`, with reply codes for its items, in the user's time zone.

    Mail a mute decided, or from people who are all muted, is left out; the people who just
    crossed the Disconnect Day line are named under "Only asks"."""
    now = now or datetime.now(local_timezone(config))
    since_stamp = since.astimezone(timezone.utc).isoformat(timespec="seconds")
    records = store.records(since=since_stamp)
    muted = people.muted_message_ids(store, records)
    records = [r for r in records if r.message_id not in muted]
    learned = [_learned(store, c) for c in store.corrections_after(since_stamp)]
    owner = owner_address(config) if config.summary.corrections_by_reply else ""
    issued: dict[str, str] = {}
    if owner:
        wanted = [r.message_id for r in records if r.label in LABELS + ("unsure",)]   # suspicious mail gets none
        issued = codes.issue(store, wanted + [c.message_id for c in learned if c.message_id],
                             summary_id=summary_id or summary_message_id(config, day), now=now,
                             days=config.summary.code_days)
    replies = store.reply_commands(state="done", unreported=True)
    troubled = [r for r in replies if any(line["outcome"] not in ("applied", "undone") for line in r["lines"])]
    empty = config.summary.send_when_empty if send_empty is None else send_empty
    summary = build_summary(records, day=day, model_version=model_version, send_empty=empty or bool(troubled),
                            now=now, news=reply_notices(replies, now.tzinfo, day),
                            notices=service_notices(store, config) if notices is None else notices,
                            codes=issued, owner=owner, learned=learned, since=since,
                            only_asks=people.newly_only_asks(store, config.people))
    if summary is not None:
        summary.replies = [r["message_id"] for r in replies]
    return summary


def _learned(store: Store, correction: dict) -> LearnedCorrection:
    """A correction with the name it is about: the mail's sender, or for an override the person's."""
    old, new = correction["old_label"], correction["new_label"]
    if correction["source"] == people.OVERRIDE_SOURCE:
        name = people.name_of(store, correction["person_key"])
        old, new = (("no override" if label == people.CLEAR else label) for label in (old, new))
    else:
        record = store.get(correction["message_id"])
        name = record.sender_name if record else ""
    return LearnedCorrection(correction["message_id"], name, old, new, correction["source"],
                             correction["created_at"])




def service_notices(store: Store, config: Config | None = None) -> list[str]:
    """What the user must know for triage to keep working, said first in the summary.

    An expired OAuth2 sign-in; with the config, also an account that has not
    been in sync for [service] alert_after_hours."""
    from .health import LOGIN, SIGN_IN, account_health

    last = store.last_pass()
    error = (last or {}).get("error") or ""
    mailbox = "your mailbox" if config is None or len(config.account_names) == 1 else f"account {config.account}"
    notices = []
    if last and not last.get("ok") and ("triage auth" in error or last.get("error_kind") == SIGN_IN):
        notices.append(f"triage cannot sign in to {mailbox}: {error}")
    elif last and not last.get("ok") and last.get("error_kind") == LOGIN:
        notices.append(f"triage cannot log in to {mailbox}: {error}")
    if config is not None and config.service.alert_after_hours:
        health = account_health(store, timedelta(hours=config.service.alert_after_hours))
        for kind, line in health.problems:
            if kind == "stale" and health.last_synced is not None:
                notices.append(f"triage has not synced {mailbox} for over "
                               f"{config.service.alert_after_hours:g} h: {line}")
    return notices


def account_problems(store: Store, config: Config) -> list[tuple[str, str]]:
    """The problems worth an alert mail: a sign-in to renew, or no sync for alert_after_hours."""
    from .health import LOGIN, SIGN_IN, account_health

    if not config.service.alert_after_hours:
        return []
    health = account_health(store, timedelta(hours=config.service.alert_after_hours))
    out = []
    for kind, line in health.problems:
        if kind in (SIGN_IN, LOGIN):
            out.append((kind, line))
        elif kind == "stale" and (health.last_synced is not None or _running_for(store, config)):
            out.append((kind, line))
    return out


def _running_for(store: Store, config: Config) -> bool:
    """No pass ever succeeded: a problem once the service has tried for alert_after_hours."""
    first = store.first_pass_started()
    return bool(first) and (datetime.now(timezone.utc) - datetime.fromisoformat(first)
                            > timedelta(hours=config.service.alert_after_hours))


def deliver(config: Config, summary: Summary, message_id: str, client: MailClient | None = None) -> None:
    """Send one built summary by the configured route; raises MailError on failure."""
    sender, to = addresses(config)
    message = summary.to_email(from_address=sender, to_address=to, date=datetime.now(local_timezone(config)))
    del message["Message-ID"]
    message["Message-ID"] = message_id
    raw = message.as_bytes()
    if config.summary.deliver == "imap":
        if client is not None:
            _append_once(client, raw, message_id)
            return
        with connect(config, imap_password(config.imap, str(config.path)) if config.imap else "") as own:
            _append_once(own, raw, message_id)
    elif config.summary.deliver == "smtp":
        _send_smtp(config, message)


def _append_once(client: MailClient, raw: bytes, message_id: str) -> None:
    if client.locate(message_id, ""):
        log.info("summary %s is already in the inbox", message_id)
        return
    client.append(raw, "")


def _send_smtp(config: Config, message) -> None:  # noqa: ANN001 (email.message.EmailMessage)
    s = config.smtp
    assert s is not None
    where = str(config.path)
    try:
        if s.security == "tls":
            server = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=tls_context(s.ca_file))
        else:
            server = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with server:
            if s.security == "starttls":
                server.ehlo()
                if not server.has_extn("starttls"):
                    raise MailError(f"{s.host}:{s.port} does not offer STARTTLS; refusing to send in clear text")
                server.starttls(context=tls_context(s.ca_file))
            if s.username:
                server.login(s.username, password(s, "smtp", where))
            server.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise MailError(f"{s.host}: SMTP login refused for {s.username}") from None
    except (smtplib.SMTPException, OSError, socket.timeout, ssl.SSLError) as exc:
        raise MailError(f"summary not sent via {s.host}:{s.port}: {type(exc).__name__}: {exc}"[:300]) from None


def send_daily_summary(config: Config, store: Store, day: date, model_version: str,
                       client: MailClient | None = None) -> Outcome:
    """The scheduled summary for `day`: at most one per day, whatever restarts happen."""
    existing = store.summary(day.isoformat())
    message_id = summary_message_id(config, day)
    if existing and existing["state"] in ("sent", "empty"):
        return Outcome("already-sent", existing["state"])
    if existing and existing["state"] == "sending" and config.summary.deliver == "smtp":
        log.warning("the summary for %s may have been sent before a crash; not sending it twice", day)
        with store.transaction():
            store.finish_summary(day.isoformat(), "sent", {})
        return Outcome("already-sent", "unconfirmed smtp")
    last = store.last_summary()
    since = (datetime.fromisoformat(last["started_at"]) if last
             else datetime.now(timezone.utc) - timedelta(hours=24))
    if existing and existing["covers_from"]:
        since = datetime.fromisoformat(existing["covers_from"])
    summary = build_for(config, store, day, since, model_version, summary_id=message_id)
    with store.transaction():
        store.begin_summary(day.isoformat(), message_id, since.isoformat(), config.summary.deliver)
    if summary is None or config.summary.deliver == "none":
        with store.transaction():
            store.finish_summary(day.isoformat(), "empty" if summary is None else "sent",
                                 summary.counts if summary else {})
            if summary is not None:
                store.mark_replies_reported(summary.replies, message_id)
        return Outcome("empty" if summary is None else "sent", "nothing to report" if summary is None else "none")
    deliver(config, summary, message_id, client)
    with store.transaction():
        store.finish_summary(day.isoformat(), "sent", summary.counts)
        store.mark_replies_reported(summary.replies, message_id)
    people.mark_announced(store, config.people, summary.only_asks)   # named once, not every morning
    return Outcome("sent", summary.subject)


def send_combined_summary(accounts: list[tuple[Config, Store, str]], day: date) -> Outcome:
    """[summary] combine = true: one mail with each account's sections under its name, by the first account's route.

    Each account's day is claimed and marked in its own row, so a restart sends
    none of them twice; accounts already sent today are left out. It carries
    no reply codes: a reply reaches the first account's Sent folder, and the
    codes of the others' mail would mean nothing there."""
    due = []
    for config, store, version in accounts:
        existing = store.summary(day.isoformat())
        if existing and existing["state"] in ("sent", "empty"):
            continue
        last = store.last_summary()
        since = (datetime.fromisoformat(last["started_at"]) if last
                 else datetime.now(timezone.utc) - timedelta(hours=24))
        if existing and existing["covers_from"]:
            since = datetime.fromisoformat(existing["covers_from"])
        due.append((config, store, since, combined_records(config, store, since), service_notices(store, config),
                    existing))
    if not due:
        return Outcome("already-sent", "combined")
    route = accounts[0][0]
    if any(e and e["state"] == "sending" for *_, e in due) and route.summary.deliver == "smtp":
        log.warning("the combined summary for %s may have been sent before a crash; not sending it twice", day)
        for _, store, *_ in due:
            with store.transaction():
                store.finish_summary(day.isoformat(), "sent", {})
        return Outcome("already-sent", "unconfirmed smtp")
    message_id = summary_message_id(route, day).replace("summary-", "summary-combined-")
    summary = build_combined([part for _, _, _, part, _, _ in due], day=day,
                             model_version=accounts[0][2], now=datetime.now(local_timezone(route)),
                             notices=[line for *_, lines, _ in due for line in lines],
                             send_empty=route.summary.send_when_empty)
    for _, store, since, *_ in due:
        with store.transaction():
            store.begin_summary(day.isoformat(), message_id, since.isoformat(), route.summary.deliver)
    if summary is not None and route.summary.deliver != "none":
        deliver(route, summary, message_id)
    for _, store, _, (_, _, records), _, _ in due:
        with store.transaction():
            store.finish_summary(day.isoformat(), "empty" if summary is None else "sent", _label_counts(records))
    return Outcome("empty" if summary is None else "sent", summary.subject if summary else "nothing to report")


def _label_counts(records: list) -> dict[str, int]:
    counts: dict[str, int] = {}
    for record in records:
        counts[record.label] = counts.get(record.label, 0) + 1
    return counts


def combined_records(config: Config, store: Store, since: datetime) -> tuple[str, str, list]:
    """One account's part of a combined summary: (name, heading, records since `since`)."""
    return (config.account, _heading(config),
            store.records(since=since.astimezone(timezone.utc).isoformat(timespec="seconds")))


def _heading(config: Config) -> str:
    owner = config.imap.username if config.imap else str(config.maildir)
    return f"{config.account} ({owner})"


def send_alert(about: Config, store: Store, problems: list[tuple[str, str]], via: Config, day: date) -> bool:
    """Tell the user through another account's route that `about` needs them; once per problem per day.

    Returns True when a mail went out. A problem already alerted today is
    skipped; a delivery that fails releases its claim so a later try may send."""
    fresh = []
    for kind, line in problems:
        with store.transaction():
            claimed = store.claim_alert(kind, day.isoformat(), via.account)
        if claimed:
            fresh.append((kind, line))
    if not fresh:
        return False
    owner = about.imap.username if about.imap else str(about.maildir)
    subject = f"triage: account {about.account} needs you"
    lines = [f"triage cannot keep account {about.account} ({owner}) in sync, and its own summary could not "
             f"be delivered, so this comes through account {via.account}.", ""]
    lines += [f"- {line}" for _, line in fresh]
    lines += ["", "Check `triage status --account " + about.account + "`; after a new password or `triage auth "
              "--account " + about.account + "` the service picks it up by itself."]
    alert = Summary(subject=subject, text="\n".join(lines) + "\n",
                    html="<!DOCTYPE html><html><body>" + "".join(
                        f"<p>{html_escape(line)}</p>" for line in lines if line) + "</body></html>")
    tag = hashlib.sha256(f"{about.account}|{'|'.join(k for k, _ in fresh)}".encode()).hexdigest()[:12]
    try:
        deliver(via, alert, f"<triage-alert-{day.isoformat()}-{tag}@triage.invalid>")
    except Exception:
        for kind, _ in fresh:
            with store.transaction():
                store.release_alert(kind, day.isoformat())
        raise
    return True
