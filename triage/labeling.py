"""`triage label`: review verdicts one key at a time, where a label helps most.

The session logic (queue, answers, undo) is separate from the terminal, so
it is tested without one; every answer is saved the moment it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from .config import Config
from .corrections import SKIP, Correction, apply_label, undo_last
from .items import MODEL_VERDICTS
from .mail.client import MailClient
from .store import Record, Store

KEYS = {"p": "personal", "g": "generic", "s": "pitch", "x": SKIP}
HELP = ("p personal · g generic · s pitch (spam) · x not a real item (skip forever) · "
        "enter keep · u undo · q quit · ? help")


def review_queue(store: Store, *, recent: int | None = None, label: str | None = None,
                 search: str | None = None) -> list[Record]:
    """Unsure first, then the least confident, then the newest; corrected mail is done."""
    records = [r for r in store.records(labels=[label] if label else MODEL_VERDICTS) if not r.user_owned]
    if search:
        needle = search.lower()
        records = [r for r in records if needle in " ".join(
            (r.text, r.sender_name, r.sender_headline, r.subject)).lower()]
    if recent:
        records = sorted(records, key=lambda r: r.first_seen, reverse=True)[:recent]
    return sorted(records, key=lambda r: (r.label != "unsure", r.confidence if r.confidence is not None else 0.0,
                                          _negated(r.first_seen)))


def _negated(stamp: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in stamp)


@dataclass
class Session:
    """A labeling session's state: where we are, what was answered."""

    store: Store
    config: Config
    queue: list[Record]
    client: MailClient | None = None
    position: int = 0
    answered: list[Correction] = field(default_factory=list)

    @property
    def current(self) -> Record | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    def answer(self, key: str) -> str:
        """Apply one key; returns the line to show. 'quit' ends the session."""
        if key in ("q", "\x03", "\x04"):
            return "quit"
        if key == "?":
            return HELP
        if key == "u":
            undone = undo_last(self.store, self.config, self.client)
            if undone is None:
                return "nothing to undo"
            self.position = max(0, self.position - 1)
            if self.answered:
                self.answered.pop()
            return f"undone: back to {undone.new_label}" + (" (moved back)" if undone.moved else "")
        record = self.current
        if record is None:
            return "quit"
        if key in ("\r", "\n", ""):
            self.position += 1
            return f"kept {record.label}"
        if key not in KEYS:
            return f"unknown key {key!r}; ? for help"
        correction = apply_label(self.store, self.config, record.message_id, KEYS[key], client=self.client)
        self.answered.append(correction)
        self.position += 1
        return f"{record.label} -> {correction.new_label}" + (" (moved)" if correction.moved else "")


def render(record: Record, index: int, total: int) -> Panel:
    """One item as the reviewer sees it: who, what they wrote, and the current verdict."""
    body = Text()
    body.append(f"{record.kind}  ", style="bold")
    body.append(record.sender_name or record.from_address, style="bold cyan")
    if record.sender_headline:
        body.append(f"\n{record.sender_headline}", style="dim")
    if record.mutual_connections is not None:
        body.append(f"\n{record.mutual_connections} mutual connections", style="dim")
    if record.subject and record.kind == "inmail":
        body.append(f"\nSubject: {record.subject}")
    body.append("\n\n")
    body.append(record.text or ("(no note)" if record.kind == "invitation" else "(no text in the notification)"))
    conf = f" {record.confidence:.2f}" if record.confidence is not None else ""
    title = f"{index + 1}/{total}  now: {record.label}{conf}"
    return Panel(body, title=title, subtitle="p g s x enter u q ?", expand=False, width=88)


def run_session(session: Session, console: Console, getkey: Callable[[], str]) -> int:
    """The interactive loop; returns how many answers were saved."""
    console.print(HELP)
    while session.current is not None:
        console.print(render(session.current, session.position, len(session.queue)))
        message = session.answer(getkey())
        if message == "quit":
            break
        console.print(message)
    n = len(session.answered)
    console.print(f"{n} label{'' if n == 1 else 's'} saved")
    return len(session.answered)
