"""Mail-access failures, in a module of their own so the backends and the OAuth2 sign-in share them without a circle."""

from __future__ import annotations

from ..errors import TriageError


class MailError(TriageError):
    """A mail-access failure the user must see as one line (exit code 1)."""


class LoginRefused(MailError):
    """The server said no to the credentials: retrying fast will not help."""
