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
from .linkedin import BOILERPLATE_RE, GREETING_RE, MUTUAL_NAMED_RE, MUTUAL_RE, SEPARATOR_RE


@dataclass
class Card:
    start: int
    end: int                 # index after the card's last line
    name: str
    headline: str = ""
    location: str = ""
    mutual: int | None = None
    # Indices of the card's own lines under the name (headline, location, count). In HTML a note can sit
    # between them ("name, headline, note, location, N in common"), so the words are what lies in
    # between that is not one of these.
    taken: frozenset[int] = frozenset()


def mutual_count(line: str) -> int | None:
    """The number in "12 connections in common" (and "Denise Carter and 37 other mutual connections": 38)."""
    n = caseless(line)
    if not n or not (n[0].isdigit() or " " in n):
        return None
    m = MUTUAL_RE.match(n)
    if m:
        digits = re.sub(r"\D", "", m.group(1))
        return int(digits) if digits else None
    if not n[0].isdigit():
        named = MUTUAL_NAMED_RE.match(n)
        if named:
            if named.group("others"):
                digits = re.sub(r"\D", "", named.group("others"))
                return int(digits) + 1 if digits else None
            return 1 if named.group("one") else 2
    return None


_LOCATION_SMALL_WORDS = frozenset("""de del della dei da do dos das du des di d e y i la le les el lo l of and the upon on
am an der die den im in och en et und sur bei aan op van von area region regiao metropolitan greater okolice alrededores
umgebung peripherie environs metropolitana metropolitaine metropolitano metropole metropolregion regione provincia
province county comunidad comunita grande gran grosse grossraum""".split())
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")


def _looks_like_location(line: str, next_line: str = "") -> bool:
    """A place as a card writes it ("Bristol, England, United Kingdom", "São Paulo e Região"), not a sentence."""
    line = line.strip()
    if not line or next_line.strip() or len(line) > 80 or any(c.isdigit() for c in line):
        return False
    if line[-1] in "!?:;,…" or (line[-1] == "." and not _ABBREVIATION_END_RE.search(line)):
        return False
    if GREETING_RE.match(caseless(line)) or mutual_count(line) is not None:
        return False
    words = [w for w in re.split(r"[\s,/·()'’-]+", line) if w]
    if not 1 <= len(words) <= 8:
        return False
    return all(not w[0].isalpha() or w[0].isupper() or caseless(w) in _LOCATION_SMALL_WORDS for w in words)


def _place_strength(line: str) -> int:
    """How surely a line that looks like a place is one: "City, Region, Country" beats a lone capitalised word."""
    return 2 if "," in line else 1


def card_at(lines: list[str], i: int, loose: bool = False) -> Card:
    """The name line and the lines right under it: headline, location, "N connections in common".

    loose: HTML reads each card line as its own paragraph (blank lines
    between), and may put the note among them; then the card lines are picked
    out by what they say (see _loose_card).
    """
    if loose and i + 1 < len(lines) and not lines[i + 1].strip():
        return _loose_card(lines, i)
    card = Card(i, i + 1, lines[i].strip())
    j = i + 1
    others: list[int] = []
    while j < len(lines) and j - i <= 5:
        line = lines[j].strip()
        if not line or is_button(line) or is_url_line(line) or SEPARATOR_RE.match(line):
            break
        mutual = mutual_count(line)
        if mutual is not None:
            card.mutual = mutual
            others.append(-j - 1)  # marks the count's line; not a headline or location
        else:
            others.append(j)
        j += 1
        if mutual is not None:
            break
    card.end = j
    fields = [k for k in others if k >= 0]
    if fields:
        card.headline = lines[fields[0]].strip()
    if len(fields) > 1:
        card.location = lines[fields[1]].strip()
    card.taken = frozenset(range(i + 1, j))
    return card


def _loose_card(lines: list[str], i: int) -> Card:
    """A card read across blank lines (HTML rows and paragraphs), up to the first button or link.

    The headline is the first line under the name (unless it is a greeting or
    too long to be one). "N connections in common" is known by its words. The
    location is a line that reads as a place right after the headline or
    right before the count (LinkedIn writes "name, headline, location, N in
    common"; a note may sit between them). Anything else is left to the note.
    """
    card = Card(i, i + 1, lines[i].strip())
    found: list[int] = []
    j = i + 1
    while j < len(lines):
        line = lines[j].strip()
        if line:
            if is_button(line) or is_url_line(line) or SEPARATOR_RE.match(line):
                break
            found.append(j)
        j += 1
    if not found:
        return card
    taken: list[int] = []
    mutual_at = next((k for k, idx in enumerate(found) if mutual_count(lines[idx]) is not None), None)
    if mutual_at is not None:
        card.mutual = mutual_count(lines[found[mutual_at]])
        taken.append(found[mutual_at])
    first = lines[found[0]].strip()
    head_at: int | None = None
    if mutual_at != 0 and not GREETING_RE.match(caseless(first)) and len(first) <= 220:
        head_at = 0
        card.headline = first
        taken.append(found[0])

    def own_paragraph(k: int) -> bool:
        idx = found[k]
        return (idx + 1 >= len(lines) or not lines[idx + 1].strip()) and not lines[idx - 1].strip()

    candidates = []
    if head_at is not None and len(found) > 1 and mutual_at != 1 and own_paragraph(1):
        candidates.append(1)
    if mutual_at is not None and mutual_at >= 1 and mutual_at - 1 != head_at and (mutual_at - 1) not in candidates:
        candidates.append(mutual_at - 1)
    places = [k for k in candidates if _looks_like_location(lines[found[k]])]
    if places:
        best = max(places, key=lambda k: (_place_strength(lines[found[k]]), k))
        card.location = lines[found[best]].strip()
        taken.append(found[best])
    card.taken = frozenset(taken)
    card.end = max(taken) + 1 if taken else i + 1
    return card


def looks_like_name(line: str) -> bool:
    words = line.split()
    return 1 <= len(words) <= 6 and len(line) <= 60 and not line.rstrip().endswith((".", "!", "?", ":", ","))


def guess_card(lines: list[str], before: int, loose: bool = False) -> int | None:
    """Where the card starts when the sender's name is not known: above "N connections" or the first button.

    loose: the card's lines may have blank lines between them, and the note
    may sit between the card and the buttons (HTML): the card is then the
    first line that reads as a name among the few above the buttons.
    """
    for i in range(before):
        if mutual_count(lines[i]) is not None:
            j = _block_start(lines, i, loose)
            return j if j < i else None
    if loose:
        above = _lines_above(lines, before, 4)
        return next((k for k in above if looks_like_name(lines[k]) and k != above[-1]), None)
    j = before - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    end = j
    j = _block_start(lines, j + 1, loose) if j >= 0 else j
    if 0 <= j <= end and end - j <= 3 and looks_like_name(lines[j]) \
            and not is_noise(lines[j]) and not BOILERPLATE_RE.match(caseless(lines[j])):
        return j
    return None


def _lines_above(lines: list[str], i: int, most: int) -> list[int]:
    """Up to `most` non-blank lines just above line i, top first; stops at LinkedIn's own lines and greetings."""
    found: list[int] = []
    k = i - 1
    while k >= 0 and len(found) < most:
        line = lines[k].strip()
        if line:
            n = caseless(line)
            if is_noise(line) or BOILERPLATE_RE.match(n) or GREETING_RE.match(n):
                break
            found.append(k)
        k -= 1
    return found[::-1]


def _block_start(lines: list[str], i: int, loose: bool) -> int:
    """The first line of the card block that ends just above line i: contiguous lines, or across blanks (loose)."""
    j = i
    if not loose:
        while j > 0 and lines[j - 1].strip() and not is_noise(lines[j - 1]):
            j -= 1
        return j
    seen = 0
    k = i - 1
    while k >= 0 and seen < 3:
        line = lines[k].strip()
        if line:
            n = caseless(line)
            if is_noise(line) or BOILERPLATE_RE.match(n) or GREETING_RE.match(n) or line[-1] in ".!?:":
                break
            j, seen = k, seen + 1
        k -= 1
    return j
