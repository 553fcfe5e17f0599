"""The one place that decides where a verdict sends a mail; the mail layer only executes it."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .items import VERDICTS, Verdict
from .mail.client import FLAGGED, SEEN

# How a mail with several items (a digest) is labeled: the label that would
# cost most to hide wins.
_PRECEDENCE = ("personal", "unsure", "generic", "pitch")


@dataclass(frozen=True)
class Action:
    destination: str | None      # None: leave alone; "": stays in the inbox; else a folder
    flags: tuple[str, ...] = ()


LEAVE = Action(None)


def mail_label(verdicts: list[Verdict], suspicious: bool) -> str:
    """One label for the whole mail from its items' verdicts."""
    if suspicious:
        return "suspicious"
    if not verdicts:
        return "other"
    labels = {v.label for v in verdicts}
    return next(label for label in _PRECEDENCE if label in labels)


def decide(label: str, config: Config) -> Action:
    """Where mail with this label goes and which flags it gets, by the user's config."""
    if label not in VERDICTS:
        return LEAVE
    flags = []
    if label in config.flag_labels:
        flags.append(FLAGGED)
    if label in config.read_labels:
        flags.append(SEEN)
    return Action(config.folders.get(label, ""), tuple(flags))
