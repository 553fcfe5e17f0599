"""Small labeled mailboxes for the integration tests, built with triage.samples.

The notes are clear-cut on purpose: these tests check the plumbing (where a
verdict sends a mail), not the model's judgment on hard cases.
"""

from __future__ import annotations

from triage import samples
from triage.samples import Person


def message_id(raw: bytes) -> str:
    for line in raw.split(b"\r\n\r\n", 1)[0].splitlines():
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    raise AssertionError("no Message-ID")


def labeled_mailbox() -> dict[str, bytes]:
    """One mail per outcome, keyed by the expected verdict."""
    return {
        "personal": samples.invitation_email(
            Person("Dana Whitlock", "Head of Operations at Fernbrook Logistics", "Bristol, England, United Kingdom"),
            "Sam, great to meet you at the Bristol ops breakfast on Tuesday. Your point about "
            "night-shift handovers stuck with me, I'd love to keep in touch.",
            mutual=12),
        "generic": samples.invitation_email(
            Person("Kai Brenner", "Growth | Sales | Leadership", "Hamburg, Germany"), ""),
        "pitch": samples.inmail_email(
            Person("Rory Vance", "Founder at LeadForge | I help ops teams book 30 meetings a month"),
            "Quick question, Sam",
            "Hi Sam,\n\nWe help operations leaders like you book 30 qualified sales meetings a month "
            "with our done-for-you outreach service. Could we grab 15 minutes next week for a quick "
            "demo call? Plans start at $999 per month.\n\nBest,\nRory"),
        "unsure": samples.member_message_email(
            Person("Lea Novak", "Buyer at Hillcrest Outdoor", "Leeds, England, United Kingdom")),
        "suspicious": samples.phishing_email(
            "lookalike_domain", Person("Ben Ortiz", "Recruiter"), "Please confirm that you know me."),
        "other": samples.other_email("job_alert"),
        "plain": samples.ordinary_email(seed=1),
    }


EXPECTED_FOLDER = {
    "personal": "INBOX",
    "generic": "LinkedIn/Generic",
    "pitch": "LinkedIn/Pitch",
    "unsure": "LinkedIn/Review",
    "suspicious": "LinkedIn/Suspicious",
    "other": "INBOX",
    "plain": "INBOX",
}
