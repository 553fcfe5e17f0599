"""Card heuristics: where a person's card is in a body's lines, and what its lines say.

A card is the sender's name and the lines right under it: headline, location,
"N connections in common". The text part writes them as consecutive lines;
HTML that puts each in its own table row reads as lines with blank lines
between (a "loose" card). When the name is not known, the card is looked for
above the mutual-connections line or the first button.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import caseless
from .document import is_button, is_noise, is_url_line
from .linkedin import BOILERPLATE_RE, GREETING_RE, MUTUAL_RE, SEPARATOR_RE


@dataclass
class Card:
    start: int
    end: int                 # index after the card's last line
    name: str
    headline: str = ""
    location: str = ""
    mutual: int | None = None


def mutual_count(line: str) -> int | None:
    m = MUTUAL_RE.match(caseless(line))
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1))
    return int(digits) if digits else None


_LOCATION_SMALL_WORDS = frozenset("""de del della dei da do dos das du des di d e y i la le les el lo l of and the upon on
am an der die den im in och en et und sur bei aan op van von area region regiao metropolitan greater okolice alrededores
umgebung peripherie environs""".split())


def _looks_like_location(line: str, next_line: str = "") -> bool:
    """A place as a card writes it ("Bristol, England, United Kingdom", "São Paulo e Região"), not a sentence."""
    line = line.strip()
    if not line or next_line.strip() or len(line) > 80 or line[-1] in ".!?:;,…" or any(c.isdigit() for c in line):
        return False
    if GREETING_RE.match(caseless(line)):
        return False
    words = [w for w in re.split(r"[\s,/·()'’-]+", line) if w]
    if not 1 <= len(words) <= 8:
        return False
    return all(not w[0].isalpha() or w[0].isupper() or caseless(w) in _LOCATION_SMALL_WORDS for w in words)


def card_at(lines: list[str], i: int, loose: bool = False) -> Card:
    """The name line and the lines right under it: headline, location, "N connections in common".

    loose: HTML that puts each card line in its own table row reads as lines
    with blank lines between; then the card lines are looked for across
    the blanks (see _loose_card).
    """
    if loose and i + 1 < len(lines) and not lines[i + 1].strip():
        return _loose_card(lines, i)
    card = Card(i, i + 1, lines[i].strip())
    j = i + 1
    others: list[str] = []
    while j < len(lines) and j - i <= 5:
        line = lines[j].strip()
        if not line or is_button(line) or is_url_line(line) or SEPARATOR_RE.match(line):
            break
        mutual = mutual_count(line)
        if mutual is not None:
            card.mutual = mutual
        else:
            others.append(line)
        j += 1
        if mutual is not None:
            break
    card.end = j
    if others:
        card.headline = others[0]
    if len(others) > 1:
        card.location = others[1]
    return card


def _loose_card(lines: list[str], i: int) -> Card:
    """A card whose lines are separated by blank lines (HTML rows): name, then up to four lines before a button.

    With an "N connections in common" line the card ends there. Without one,
    the first line is the headline and the second the location only when it
    reads as a place and is a line of its own; anything else is left to the note.
    """
    card = Card(i, i + 1, lines[i].strip())
    found: list[tuple[int, str]] = []
    j = i + 1
    while j < len(lines) and len(found) < 4:
        line = lines[j].strip()
        if line:
            if is_button(line) or is_url_line(line) or SEPARATOR_RE.match(line):
                break
            found.append((j, line))
        j += 1
    for k, (idx, line) in enumerate(found):
        mutual = mutual_count(line)
        if mutual is not None:
            card.mutual, card.end = mutual, idx + 1
            others = [text for _, text in found[:k]]
            card.headline = others[0] if others else ""
            card.location = others[1] if len(others) > 1 else ""
            return card
    if not found or GREETING_RE.match(caseless(found[0][1])) or len(found[0][1]) > 220:
        return card
    idx, card.headline = found[0]
    card.end = idx + 1
    if len(found) > 1:
        idx, line = found[1]
        if _looks_like_location(line, lines[idx + 1] if idx + 1 < len(lines) else ""):
            card.location, card.end = line, idx + 1
    return card


def looks_like_name(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 6 and len(line) <= 60 and not line.rstrip().endswith((".", "!", "?", ":", ","))


def guess_card(lines: list[str], before: int) -> int | None:
    """Where the card starts when the sender's name is not known: above "N connections" or the first button."""
    for i in range(before):
        if mutual_count(lines[i]) is not None:
            j = i
            while j > 0 and lines[j - 1].strip() and not is_noise(lines[j - 1]):
                j -= 1
            return j if j < i else None
    j = before - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    end = j
    while j > 0 and lines[j - 1].strip() and not is_noise(lines[j - 1]):
        j -= 1
    if 0 <= j <= end and end - j <= 3 and looks_like_name(lines[j]) and not is_noise(lines[j]) \
            and not BOILERPLATE_RE.match(caseless(lines[j])):
        return j
    return None
