"""The size budget: a summary that Gmail does not clip, whatever the day holds.

Gmail hides everything past about 102 KB of a message's HTML behind "View
entire message", so the sections after the first ones would never be seen.
The HTML part stays under 90 KB and the whole message under 150 KB.

Every entry starts at the least its section shows (a personal sender's name;
a count for the rest) and is upgraded while the budget lasts, in this order:
1. the personal notes in full, in their reading order, with up to 60% of the
   room; those that do not fit become compact lines;
2. compact lines for the other sections, taking turns (one unsure, one
   suspicious, one generic, one pitch, one correction, ...), up to each
   section's cap; the rest are counted ("and 140 more: run `triage label`");
3. with what is left: more personal notes in full, then the unsure and
   suspicious cards in full, and last the corrections made since the last
   summary ("What was learned": an audit to read, not mail to act on).
Entry sizes come from the same macros and text functions the parts are built
with; the built message is then measured and, in the rare case the estimate
was short, the last upgrades are taken back until it fits.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .content import COUNT, FULL, LINE, NAME, RANK, Content, Section
from .html import entry_html, render_html
from .text import full_lines, line_lines, render_text

HTML_LIMIT = 90_000        # bytes of decoded HTML
MESSAGE_LIMIT = 150_000    # bytes of the whole message as sent
# Planning aims a little lower: parts are measured one by one, and quoted-printable adds a few percent.
HTML_BUDGET = 86_000
MESSAGE_BUDGET = 140_000
ENCODING_GROWTH = 1.08     # quoted-printable on this markup ("=" in every attribute becomes "=3D")
FIRST_SHARE = 0.6          # of the budget, what the personal notes may take before the others get lines


@dataclass
class _Budget:
    html: int
    text: int

    def fits(self, dh: int, dt: int, share: float = 1.0) -> bool:
        html, text = self.html + dh, self.text + dt
        return html <= HTML_BUDGET * share and (html + text) * ENCODING_GROWTH <= MESSAGE_BUDGET * share


def fit(content: Content, message_size: Callable[[str, str], int]) -> tuple[str, str]:
    """Give every entry its tier, then render both parts: (text, html), within the limits."""
    sections = content.visible
    for section in sections:
        floor = section.tiers[-1]
        for i, entry in enumerate(section.entries):
            entry.tier = floor if i < section.cap else COUNT
    text, html = render_text(content), render_html(content)
    budget = _Budget(len(html.encode()), len(text.encode()))
    upgrades: list[tuple[object, str]] = []

    def cost(section: Section, entry: object, tier: str) -> tuple[int, int]:
        return (_html_size(section, entry, tier) - _html_size(section, entry, entry.tier),  # type: ignore[attr-defined]
                _text_size(section, entry, tier) - _text_size(section, entry, entry.tier))  # type: ignore[attr-defined]

    def upgrade_run(section: Section, tier: str, share: float = 1.0) -> None:
        """Upgrade entries in order to `tier`, stopping at the first that does not fit (tiers stay in order)."""
        if tier not in section.tiers:
            return
        for entry in section.entries[:section.cap]:
            if RANK[entry.tier] <= RANK[tier]:
                continue
            dh, dt = cost(section, entry, tier)
            if not budget.fits(dh, dt, share):
                return
            budget.html, budget.text = budget.html + dh, budget.text + dt
            upgrades.append((entry, entry.tier))
            entry.tier = tier

    first = [s for s in sections if s.first]
    others = [s for s in sections if not s.first and not s.late]
    for section in first:
        upgrade_run(section, FULL, FIRST_SHARE)
        upgrade_run(section, LINE, FIRST_SHARE)
    _take_turns(others, cost, budget, upgrades)
    for section in first:
        upgrade_run(section, FULL)
        upgrade_run(section, LINE)
    for section in others:
        upgrade_run(section, FULL)
    for section in sections:
        if section.late:
            upgrade_run(section, LINE)

    while True:
        text, html = render_text(content), render_html(content)
        if len(html.encode()) < HTML_LIMIT and message_size(text, html) < MESSAGE_LIMIT:
            return text, html
        if upgrades:
            for _ in range(max(1, len(upgrades) // 10)):
                entry, tier = upgrades.pop()
                entry.tier = tier  # type: ignore[attr-defined]
        elif not _drop_a_name(first):
            return text, html   # nothing left to take back: the names alone exceed the limit


def _take_turns(sections: list[Section], cost: Callable, budget: _Budget, upgrades: list) -> None:
    """Compact lines for the other sections, one entry of each in turn, while the room lasts."""
    # By identity, not key: a combined summary has a "pitch" section per account.
    queues = {id(s): [e for e in s.entries[:s.cap] if RANK[e.tier] > RANK[LINE]] for s in sections
              if LINE in s.tiers}
    by_key = {id(s): s for s in sections}
    while queues:
        for key in list(queues):
            queue = queues[key]
            if not queue:
                del queues[key]
                continue
            entry = queue.pop(0)
            dh, dt = cost(by_key[key], entry, LINE)
            if not budget.fits(dh, dt):
                del queues[key]   # a section stops at its first line that does not fit: its tiers stay in order
                continue
            budget.html, budget.text = budget.html + dh, budget.text + dt
            upgrades.append((entry, entry.tier))
            entry.tier = LINE


def _drop_a_name(sections: list[Section]) -> bool:
    for section in sections:
        named = section.at(NAME)
        if named:
            named[-1].tier = COUNT
            return True
    return False


def _html_size(section: Section, entry: object, tier: str) -> int:
    return len(entry_html(section, entry, tier).encode())  # type: ignore[arg-type]


def _text_size(section: Section, entry: object, tier: str) -> int:
    if tier == FULL:
        lines = full_lines(section, entry)  # type: ignore[arg-type]
    elif tier == LINE:
        lines = line_lines(section, entry)  # type: ignore[arg-type]
    elif tier == NAME:
        return len(f"{entry.name} [{entry.code}], ".encode())  # type: ignore[attr-defined]
    else:
        return 0
    return sum(len(line.encode()) + 1 for line in lines)
