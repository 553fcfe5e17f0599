"""Which kind of LinkedIn notification a mail is, and whether it claims to be one at all.

The sender, the X-LinkedIn headers and the subject usually tell; mail whose
headers do not (fakes mostly) is judged by its buttons.
"""

from __future__ import annotations

from ..text import caseless
from .authenticity import display_imitates_linkedin, lookalike_domain
from .document import Doc
from .linkedin import (ACCEPT_BUTTONS, FORWARD_RE, INVITATION_SENTENCE_RE, MESSAGE_BUTTONS, NAME_IN_SUBJECT, REPLY_RE, SUBJECT_ACCEPTED,
                       SUBJECT_INVITATION, SUBJECT_INVITE_DIGEST, SUBJECT_MESSAGE, SUBJECT_REMINDER, is_linkedin_domain)

# Internal kind of an invitations digest while it is read; the mail becomes "digest" (or "other" when unreadable).
INVITATION_DIGEST = "invitation_digest"


def kind_from_headers(local: str, domain: str, template: str, klass: str, subject: str) -> tuple[str, bool]:
    """(kind, reminder) from sender, X-LinkedIn headers and subject; kind "" when they do not tell."""
    n = caseless(subject)
    template, klass = template.lower(), klass.upper()
    if "inmail" in template or klass == "INMAIL" or local in ("inmail-hit-reply", "hit-reply"):
        return "inmail", False
    if "invite_digest" in template or SUBJECT_INVITE_DIGEST.search(n):
        return INVITATION_DIGEST, False
    if "accept" in template or ((local.startswith("invitation") or not template) and SUBJECT_ACCEPTED.search(n)):
        return "accepted", False
    if "invite_reminder" in template:
        return "invitation", True
    invite_family = "m2m_invite" in template or klass in ("INVITATION", "INVITE-GUEST") or local.startswith("invitation")
    if invite_family or SUBJECT_INVITATION.search(n):
        return "invitation", bool(SUBJECT_REMINDER.search(n))
    if "member_message" in template or "messaging" in template or local in ("messaging-digest-noreply", "member") \
            or SUBJECT_MESSAGE.search(n):
        return "message", False
    if template or klass or is_linkedin_domain(domain):
        return "other", False
    return "", False


def claims_linkedin(display: str, domain: str, headers: dict[str, list[bytes]], subject: str) -> bool:
    """Whether the mail presents itself as a LinkedIn notification (before looking at the body)."""
    if is_linkedin_domain(domain) or lookalike_domain(domain):
        return True
    if display_imitates_linkedin(display):
        return True
    return any(name.startswith("x-linkedin") for name in headers)


def subject_claims(subject: str) -> bool:
    """A LinkedIn notification subject sent by someone else: a fake, unless the user forwarded or replied."""
    if FORWARD_RE.match(subject) or REPLY_RE.match(subject):
        return False
    n = caseless(subject)
    return bool(SUBJECT_INVITATION.search(n) or SUBJECT_ACCEPTED.search(n) or SUBJECT_INVITE_DIGEST.search(n))


def kind_from_body(doc: Doc | None) -> str:
    """For mail whose headers do not tell (fakes mostly): an Accept button means an invitation."""
    if doc is None:
        return "other"
    labels = {caseless(label) for label, _ in doc.links} | {caseless(line).rstrip(" .:") for line in doc.lines if line}
    if labels & ACCEPT_BUTTONS or any(INVITATION_SENTENCE_RE.match(label) for label in labels):
        return "invitation"
    if labels & MESSAGE_BUTTONS:
        return "message"
    return "other"


def name_from_body(doc: Doc | None) -> str:
    """The sender's name from the sentence that opens a body ("Daniel Osei wants to connect with you")."""
    if doc is None:
        return ""
    for line in [line for line in doc.lines if line.strip()][:5]:
        name = name_from_subject(line)
        if name:
            return name
    return ""


def name_from_subject(subject: str) -> str:
    for pattern in NAME_IN_SUBJECT:
        m = pattern.match(subject.strip())
        if m and "linkedin" not in m.group(1).lower():
            return m.group(1).strip()
    return ""
