"""The one text normaliser: accents folded the same way everywhere, in the two forms text is compared in.

`fold` is the accent folding: NFKD with the combining diacritics
(U+0300-U+036F) dropped, curly apostrophes made straight. Only that block is
dropped, not every combining mark: the Japanese voicing marks stay, so "が"
does not become "か" (the shipped model was trained on text folded this way).
On top of it:
- `normalize`: lowercase, apostrophes removed, punctuation and spacing kept:
  what the classifier's phrase lists and LinkedIn's default notes match against;
- `caseless`: casefolded, apostrophes kept, one space between words: how the
  parser compares a line with LinkedIn's button words or a sender's name.

`vocabulary` turns a phrase list into one pattern matched at word starts, on
`normalize`d text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_DIACRITICS_RE = re.compile("[\u0300-\u036f]")
SPACES_RE = re.compile(r"[ \t\f\v]+")
# A word: letters and digits, as the phrase lists see one.
TOKEN_RE = re.compile(r"[^\W_]+")
# Where a word starts: a lookbehind instead of a leading \b (same matches, scanned faster).
WORD_START = r"(?<![^\W_])"


def fold(text: str) -> str:
    """Accents off and curly apostrophes straight; ASCII text comes back as it is."""
    if text.isascii():
        return text
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return _DIACRITICS_RE.sub("", unicodedata.normalize("NFKD", text))


def normalize(text: str) -> str:
    """Lowercase, accents and apostrophes removed, punctuation kept: what the keyword patterns match against."""
    if not text.isascii():
        text = fold(text.replace("ß", "ss"))
    return text.lower().replace("'", "")


@lru_cache(maxsize=8192)
def caseless(text: str) -> str:
    """Casefolded, accents off, one space between words, ends stripped: what two equal-reading lines share.

    The parser asks it of the same lines many times (is this a button, a footer, the sender's name?):
    the answers are kept for the most recent 8,192 lines."""
    text = fold(text.strip()).casefold()
    if "  " in text or "\t" in text or "\f" in text or "\v" in text:
        text = SPACES_RE.sub(" ", text)
    return text


def vocabulary(phrases: Sequence[str]) -> re.Pattern[str]:
    """One pattern for a phrase list, matched at word starts.

    Python's engine tries every alternative in turn at every word start, so the
    phrases are grouped by their first letter: a word start costs one check per
    letter instead of one per phrase (about 1.5x faster on the longer lists).
    """
    by_letter: dict[str, list[str]] = {}
    others: list[str] = []
    for phrase in phrases:
        if phrase[0].isalpha() and phrase[0].isascii() and (len(phrase) == 1 or phrase[1] not in "?*+{|"):
            by_letter.setdefault(phrase[0], []).append(phrase[1:])
        else:
            others.append(phrase)
    branches = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in sorted(by_letter.items())] + others
    return re.compile(WORD_START + "(?:" + "|".join(branches) + ")")
