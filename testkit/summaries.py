"""Days for the morning summary: hundreds of labeled records as the state database holds them after a pass.

`catch_up_day(500)` is a first morning after a long absence: every kind of
item, long notes and InMails among the personal ones, suspicious mail with
its reasons, and the corrections made since the last summary. Deterministic
for a seed; every name is unique, so a test can look for each one.
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from triage.store import Record
from triage.summary import LearnedCorrection

from .people import FIRST_NAMES, HEADLINES, LAST_NAMES, vanity
from .texts import INMAILS, NOTES
from .tokens import b64

# The only mailto: links a summary may hold: a reply command to the owner's own address, in subject and body.
_REPLY_LINK = re.compile(r"mailto:([^?&#]+)\?subject=triage%3A%20([2-9A-HJKMNP-Z]{4})%20(personal|generic|pitch|skip|undo)"
                         r"&body=triage%3A%20\2%20\3")


def is_reply_link(href: str, owner: str = "sam@example.org") -> bool:
    """A summary's correction link: to `owner` and nobody else, holding one command."""
    m = _REPLY_LINK.fullmatch(href)
    return bool(m) and m.group(1) == owner


# A catch-up day's mix of verdicts.
MIX = (("personal", 0.25), ("unsure", 0.15), ("suspicious", 0.05), ("generic", 0.30), ("pitch", 0.25))
_REASONS = ("From domain linkedin-mail.co is not linkedin.com", "button \"Accept\" links to www.linkedin-mail.co",
            "no X-LinkedIn headers", "Return-Path <bounce@linkedin-mail.co> is not on linkedin.com")


def _names(rng: random.Random, n: int) -> list[str]:
    pool = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]
    rng.shuffle(pool)
    return [pool[i % len(pool)] + (f" {chr(65 + i // len(pool))}." if i >= len(pool) else "") for i in range(n)]


def catch_up_day(n: int = 500, *, seed: int = 16, now: datetime,
                 corrections: int = 60) -> tuple[list[Record], list[LearnedCorrection]]:
    """`n` labeled records seen in the 24 hours before `now`, and `corrections` made meanwhile."""
    rng = random.Random(seed)
    names = _names(rng, n)
    labels = rng.choices([label for label, _ in MIX], [share for _, share in MIX], k=n)
    records = []
    for i, (name, label) in enumerate(zip(names, labels)):
        kind = rng.choice(("invitation", "invitation", "message", "inmail"))
        if label == "personal" and kind == "inmail":
            subject, text = rng.choice(INMAILS["personal"])
            text = "\n\n".join([text.replace("{first}", "Sam")] * rng.choice((1, 2, 3)))   # some are long
        else:
            subject = ""
            text = rng.choice(NOTES.get(label, NOTES["personal"])).replace("{first}", "Sam")
        seen = now - timedelta(minutes=rng.randint(1, 24 * 60))
        items = [{"kind": kind, "sender_name": name,
                  "conversation_url": (f"https://www.linkedin.com/messaging/thread/2-{b64(rng, 30)}==/"
                                       if kind in ("message", "inmail") else "")}]
        suspicious = label == "suspicious"
        records.append(Record(
            message_id=f"<{seed}-{i}.{b64(rng, 9)}@ltx1-app.prod.linkedin.com>", status="linkedin", kind=kind,
            subject=subject, from_address="invitations@linkedin-mail.co" if suspicious else "invitations@linkedin.com",
            mail_date=seen.isoformat(), sender_name=name, sender_headline=rng.choice(HEADLINES),
            mutual_connections=rng.choice((None, 0, 1, 4, 12, 37)),
            profile_url=f"https://www.linkedin.com/in/{vanity(name)}?trk=eml-prof", text=text, items=items,
            suspicious_reasons=rng.sample(_REASONS, 3) if suspicious else [], label=label,
            confidence=rng.uniform(0.55, 0.99) if label != "unsure" else rng.uniform(0.3, 0.5),
            probabilities={"personal": 0.4, "generic": 0.35, "pitch": 0.25} if label == "unsure" else {},
            model_version="seed-test", state="done", first_seen=seen.isoformat(timespec="seconds")))
    learned = []
    correctable = [r for r in records if r.label in ("personal", "generic", "pitch")]
    for record in rng.sample(correctable, min(corrections, len(correctable))):
        new = rng.choice([x for x in ("personal", "generic", "pitch") if x != record.label])
        learned.append(LearnedCorrection(record.message_id, record.sender_name, record.label, new,
                                         rng.choice(("reply", "label", "move")), record.first_seen))
    return records, learned
