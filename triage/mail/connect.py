"""Connecting: the backend the config names, made with that backend's own settings."""

from __future__ import annotations

from ..config import Config
from .client import MailClient


def connect(config: Config, password: str) -> MailClient:
    """A Maildir, or an IMAP connection logged in with the password or an OAuth2 token."""
    if config.maildir is not None:
        from .maildir import MaildirClient   # each backend imported by the configs that use it

        return MaildirClient(config.maildir)
    from .imap import ImapClient
    s = config.imap
    assert s is not None
    token = None
    if s.auth == "oauth2":
        from .oauth import access_token_source  # only OAuth2 accounts pay for the HTTP client it loads

        token = access_token_source(config)
    return ImapClient(s.host, s.port, s.username, password, security=s.security, ca_file=s.ca_file,
                      inbox=s.inbox, timeout=s.timeout, batch_size=s.batch_size, prefilter=s.prefilter,
                      oauth2_token=token)
