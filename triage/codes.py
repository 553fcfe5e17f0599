"""Reply codes: four characters that stand for one mail in the summary, so that a reply can correct it.

A code is random (`secrets`), drawn from an alphabet without look-alikes (no
0/O, no 1/I/L), and never given to another mail, even after it expires: a
reply to an old summary can then only be refused, never applied to the wrong
mail. A mail keeps its code for good; every summary that shows it renews it
for `[summary] code_days` (30 by default), counted from that summary.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from .errors import TriageError
from .store import Store

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 4
# What a command may ask for a code's mail: a label (as `triage label --set`), or undo its last correction.
LABEL_VERBS = ("personal", "generic", "pitch", "skip")
VERBS = LABEL_VERBS + ("undo",)
# The subject a mailto link writes, and the marker a command mail is found by.
SUBJECT_PREFIX = "triage:"


class CodesExhausted(TriageError):
    """No free code was found (close to a million have been handed out)."""


@dataclass(frozen=True)
class Lookup:
    """What a code in a reply stands for, or why it stands for nothing."""

    code: str
    message_id: str = ""
    shown_at: str = ""
    problem: str = ""


def is_code(text: str) -> bool:
    return len(text) == LENGTH and all(ch in ALPHABET for ch in text.upper())


def issue(store: Store, message_ids: Iterable[str], *, summary_id: str, now: datetime,
          days: int) -> dict[str, str]:
    """A code for each mail (its old one when it has one), renewed until `days` after `now`."""
    shown_at = now.astimezone(timezone.utc).isoformat(timespec="seconds")
    expires_at = (now + timedelta(days=days)).astimezone(timezone.utc).isoformat(timespec="seconds")
    codes: dict[str, str] = {}
    with store.transaction():
        for message_id in dict.fromkeys(message_ids):
            row = store.code_of(message_id)
            if row is not None:
                store.renew_code(row["code"], summary_id, shown_at, expires_at)
                codes[message_id] = row["code"]
                continue
            code = _fresh(store)
            store.add_code(code, message_id, summary_id, shown_at, expires_at)
            codes[message_id] = code
    return codes


def _fresh(store: Store) -> str:
    for _ in range(50):
        batch = {"".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(8)}
        free = sorted(batch - store.codes_in_use(batch))
        if free:
            return secrets.choice(free)
    raise CodesExhausted("no free reply code left; start a new state database")


def look_up(store: Store, code: str, now: datetime) -> Lookup:
    """The mail a code stands for, unless the code is unknown or has expired."""
    code = code.upper()
    row = store.code(code)
    if row is None:
        return Lookup(code, problem="unknown code")
    if datetime.fromisoformat(row["expires_at"]) < now:
        return Lookup(code, row["message_id"], row["shown_at"], problem="the code has expired")
    return Lookup(code, row["message_id"], row["shown_at"])


def command(code: str, verb: str) -> str:
    """The command as a mailto link writes it in the subject and the body: "triage: K7Q3 pitch"."""
    return f"{SUBJECT_PREFIX} {code} {verb}"


def mailto(owner: str, code: str, verb: str) -> str:
    """A link that opens a new mail to the owner's own address holding the command, ready to send."""
    text = quote(command(code, verb), safe="")
    return f"mailto:{quote(owner, safe='@+')}?subject={text}&body={text}"
