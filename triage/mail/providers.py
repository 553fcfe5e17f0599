"""What a mail provider's IMAP server and OAuth2 sign-in look like, so a user names one word.

A preset only fills keys the user left out of [imap]; every key stays
overridable. The client ID is never preset: each user registers their own
(docs/oauth.md walks through Google Cloud and Microsoft Entra).
"""

from __future__ import annotations

from typing import Any

PROVIDERS = ("gmail", "microsoft", "fastmail", "custom")
AUTH_MODES = ("password", "oauth2")

_MICROSOFT = "https://login.microsoftonline.com/common/oauth2/v2.0"

PRESETS: dict[str, dict[str, Any]] = {
    "gmail": {
        "host": "imap.gmail.com",
        "port": 993,
        "security": "tls",
        "auth_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "token_url": "https://oauth2.googleapis.com/token",
        "scopes": "https://mail.google.com/",
    },
    "microsoft": {
        "host": "outlook.office365.com",
        "port": 993,
        "security": "tls",
        "auth_url": f"{_MICROSOFT}/authorize",
        "token_url": f"{_MICROSOFT}/token",
        "device_code_url": f"{_MICROSOFT}/devicecode",
        "scopes": "https://outlook.office.com/IMAP.AccessAsUser.All offline_access",
    },
    # Fastmail's IMAP takes an app password; its OAuth2 is for registered partners only.
    "fastmail": {
        "host": "imap.fastmail.com",
        "port": 993,
        "security": "tls",
    },
    "custom": {},
}

# Which sign-in flow `triage auth` uses when --flow is not given.
DEFAULT_FLOW = {"microsoft": "device", "gmail": "loopback"}


def with_preset(given: dict[str, Any], resolved: dict[str, Any]) -> dict[str, Any]:
    """`resolved` (the [imap] keys with defaults) with the provider's preset for every key not in `given`."""
    preset = PRESETS.get(resolved.get("provider", "custom"), {})
    return {**resolved, **{k: v for k, v in preset.items() if k not in given}}


def scope_string(scopes: str | list[Any]) -> str:
    """Scopes as OAuth2 sends them: one space-separated string."""
    if isinstance(scopes, list):
        return " ".join(str(s) for s in scopes)
    return " ".join(scopes.split())


def default_flow(provider: str, device_code_url: str) -> str:
    """device when the provider prefers it (or only a device endpoint is known), else loopback."""
    return DEFAULT_FLOW.get(provider, "device" if device_code_url else "loopback")
