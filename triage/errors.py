"""The one error type a user sees, with the exit code it ends a command with, and the one-line formatter.

Every failure a user can cause or must act on (a config mistake, a server that
refuses, a busy state file, a changed model, an unknown correction, a bad
corpus line) derives from TriageError, carries its exit code and reads as one
line; the CLI turns any of them into that line and that code, in one place.
Nothing here imports the rest of triage, so any module can raise these cheaply.
"""

from __future__ import annotations

EXIT_RUNTIME = 1    # server unreachable, login refused, state busy, model refused
EXIT_USAGE = 2      # a usage or configuration mistake


class TriageError(Exception):
    """A failure to show the user as one line, never a traceback."""

    exit_code = EXIT_RUNTIME


def one_line(what: BaseException | str, limit: int = 200) -> str:
    """`what` as one line for a log or a terminal: whitespace runs as one space, at most `limit` characters.

    An ellipsis marks a cut; an exception without a message is named by its type."""
    text = " ".join(str(what).split())
    if not text and isinstance(what, BaseException):
        text = type(what).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
