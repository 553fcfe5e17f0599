"""TLS that checks certificates, for IMAP and for the summary's SMTP."""

from __future__ import annotations

import ssl
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """One verifying TLS context per CA bundle per process (building one costs tens of ms)."""
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=str(Path(ca_file).expanduser()))
    return context
