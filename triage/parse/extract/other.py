"""Any other LinkedIn notification (job alerts, profile views, newsletters...): one item naming the sender."""

from __future__ import annotations

from ...items import Item
from ..linkedin import VIA_RE


def other_item(display: str) -> Item:
    """A notification with no words from a person: counted, never classified."""
    return Item(kind="other", sender_name=VIA_RE.sub("", display).strip())
