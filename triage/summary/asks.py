"""An entry of the summary's "Only asks" section: a person who only ever asks (Disconnect Day).

triage.people finds them (the person records are theirs); the summary and
`triage people --disconnect` show them. The type lives here, beside what
renders it, so that the summary never imports the people library back."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .cleaning import clean


@dataclass
class OnlyAsks:
    """A person who only ever asks: the summary's "Only asks" entry and `triage people --disconnect`'s line."""

    key: str
    name: str
    headline: str
    profile_url: str          # canonical https://www.linkedin.com/in/... or ""
    asks: int
    since: datetime
    last_seen: str
    override: str
    announced: bool

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "headline": self.headline, "profile_url": self.profile_url,
                "asks": self.asks, "since": self.since.isoformat(), "override": self.override or None,
                "mute": self.mute_command}

    @property
    def sentence(self) -> str:
        return (f"{clean(self.name) or '(no name)'}: {self.asks} asks since {self.since:%b %Y}, "
                f"none asked about you")

    @property
    def mute_command(self) -> str:
        """A line safe to paste: the key shell-quoted (the ASCII profile link for a non-ASCII vanity);
        a key that cannot be typed exactly gets the listing instead."""
        arg = self.key if self.key.isascii() or not self.profile_url else self.profile_url
        if clean(arg) != arg or len(arg) > 250:
            return "triage people --disconnect"
        return f"triage people set {shlex.quote(arg)} mute"
