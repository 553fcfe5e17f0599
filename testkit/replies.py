"""What a user's own mail client sends back to triage: a tapped mailto: link, or a reply to the summary.

Built the way the clients build them, so that the tests append exactly that
to the Sent folder: a mailto: link opens a new mail To, Subject and body from
the link (iOS Mail adds "Sent from my iPhone"; the Gmail app sends text and
HTML); a reply quotes the summary below the user's lines, in each client's
own way (Gmail: "On ... wrote:" then "> " lines, wrapped; Apple Mail: the
intro quoted too; Outlook: a rule and the original's headers, then the
original unquoted; Gmail's HTML: a gmail_quote blockquote).
"""

from __future__ import annotations

import email
import email.policy
import html
import secrets
import textwrap
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

OWNER = "Sam Rivera"
OWNER_EMAIL = "sam@example.org"
CLIENTS = ("iphone", "gmail", "outlook", "apple")


def _new(sender: str, to: str, subject: str, when: datetime, domain: str = "example.org") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(secrets.token_hex(6), domain=domain)
    message["MIME-Version"] = "1.0"
    return message


def from_mailto(href: str, *, when: datetime, client: str = "iphone",
                sender: str = f"{OWNER} <{OWNER_EMAIL}>") -> bytes:
    """The mail a client sends when the user taps a mailto: link and presses send."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto", href
    fields = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    message = _new(sender, unquote(parts.path), fields.get("subject", ""), when)
    body = fields.get("body", "")
    if client == "gmail":
        message.set_content(body + "\n")
        message.add_alternative(f'<div dir="ltr">{html.escape(body)}</div>\n', subtype="html")
    elif client == "outlook":
        message.set_content(body + "\n\nGet Outlook for Android\n")
    else:
        message["X-Mailer"] = "iPhone Mail (21F90)"
        message.set_content(body + "\n\nSent from my iPhone\n")
    return message.as_bytes()


def reply_to(summary: bytes, lines: list[str], *, when: datetime, client: str = "gmail",
             sender: str = f"{OWNER} <{OWNER_EMAIL}>") -> bytes:
    """A reply to the summary with the user's `lines` on top and the summary quoted below, as `client` does it."""
    original = email.message_from_bytes(summary, policy=email.policy.default)
    subject = str(original["Subject"])
    message = _new(sender, str(original["From"]), f"Re: {subject}", when)
    message["In-Reply-To"] = original["Message-ID"]
    message["References"] = original["Message-ID"]
    text = original.get_body(("plain",)).get_content()
    written = "\n".join(lines)
    stamp = f"{original['Date']}"
    who = str(original["From"])
    if client == "outlook":
        body = (f"{written}\n\n________________________________\nFrom: {who}\nSent: {stamp}\n"
                f"To: {original['To']}\nSubject: {subject}\n\n{text}")
    elif client == "apple":
        body = f"{written}\n\n> On {stamp}, {who} wrote:\n> \n" + "".join(f"> {line}\n" for line in text.splitlines())
    else:
        intro = textwrap.wrap(f"On {stamp}, {who} wrote:", 72)   # Gmail wraps a long intro
        body = f"{written}\n\n" + "\n".join(intro) + "\n\n" + "".join(f"> {line}\n" for line in text.splitlines())
    message.set_content(body)
    if client == "gmail":
        quoted = original.get_body(("html",)).get_content()
        message.add_alternative(
            f'<div dir="ltr">{"<br>".join(html.escape(line) for line in lines)}</div><br>'
            f'<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On {html.escape(stamp)}, '
            f'{html.escape(who)} wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;'
            f'border-left:1px solid rgb(204,204,204);padding-left:1ex">{quoted}</blockquote></div>\n', subtype="html")
    return message.as_bytes()


def forward(summary: bytes, to: str, *, when: datetime, sender: str = f"{OWNER} <{OWNER_EMAIL}>") -> bytes:
    """The summary forwarded (Gmail style): the original's text unquoted below a marker."""
    original = email.message_from_bytes(summary, policy=email.policy.default)
    message = _new(sender, to, f"Fwd: {original['Subject']}", when)
    message["References"] = original["Message-ID"]
    text = original.get_body(("plain",)).get_content()
    message.set_content(f"FYI\n\n---------- Forwarded message ---------\nFrom: {original['From']}\n"
                        f"Date: {original['Date']}\nSubject: {original['Subject']}\nTo: {original['To']}\n\n{text}")
    return message.as_bytes()


def inbox_command(command: str, *, when: datetime, sender: str, authentication_results: str,
                  to: str = OWNER_EMAIL) -> bytes:
    """A mail that arrived in the inbox claiming to be a command, with the receiving server's verdict."""
    message = EmailMessage()
    message["Authentication-Results"] = authentication_results
    domain = sender.rsplit("@", 1)[-1].rstrip(">")
    for name, value in _new(sender, to, command, when, domain=domain).items():
        message[name] = value
    message.set_content(command + "\n")
    return message.as_bytes()
