"""Hashed character n-grams of a batch of texts, with numpy alone.

One function computes them for both readers of a model: the scikit-learn step
that training fits (`steps.CharNgrams`) and the arrays the pass classifies
with (`compiled`), which never import scikit-learn or scipy. The batch becomes
one array of code points and each n-gram a rolling hash, so there is no Python
loop per n-gram.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..text import normalize

MULTIPLIER = np.uint64(0x100000001B3)   # FNV-1a 64-bit prime
SEPARATOR = 0                           # code point between texts; no n-gram spans it
# A note longer than this adds little to its n-gram profile; the word features still see all of it.
MAX_CHARS = 1500


def prepare(text: str) -> str:
    """What the n-grams are taken over: lowercase, accents off, whitespace runs as one space, padded."""
    return " " + " ".join(normalize(text).replace("\x00", " ").split()) + " "


def hashed_cells(texts: Sequence[str], ngram_range: tuple[int, int], n_features: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(row, column) of every n-gram occurrence in `texts`, repeats included, in no particular order."""
    prepared = [prepare(t[:MAX_CHARS]) for t in texts]
    joined = "\x00".join(prepared) + "\x00"
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_sep = codes == SEPARATOR
    doc_of = np.cumsum(is_sep) - is_sep          # which text each position belongs to
    seps_before = np.concatenate(([0], np.cumsum(is_sep)))
    rows, cols = [], []
    low, high = ngram_range
    with np.errstate(over="ignore"):
        rolling = np.zeros(len(codes), dtype=np.uint64)
        for n in range(1, high + 1):
            count = len(codes) - n + 1
            if count <= 0:
                break
            rolling = rolling[:count] * MULTIPLIER + codes[n - 1:n - 1 + count] + np.uint64(n)
            if n < low:
                continue
            clean = (seps_before[n:n + count] - seps_before[:count]) == 0
            mixed = rolling[clean] ^ (rolling[clean] >> np.uint64(29))
            cols.append((mixed % np.uint64(n_features)).astype(np.int64))
            rows.append(doc_of[:count][clean])
    row = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return row, col


def column_of(gram: str, n_features: int) -> int:
    """The column one n-gram lands in (the same hash as hashed_cells, one gram at a time)."""
    h = np.uint64(0)
    with np.errstate(over="ignore"):
        for i, ch in enumerate(gram):
            h = h * MULTIPLIER + np.uint64(ord(ch)) + np.uint64(i + 1)
        mixed = h ^ (h >> np.uint64(29))
    return int(mixed % np.uint64(n_features))


def ngrams_by_column(text: str, ngram_range: tuple[int, int], n_features: int) -> dict[int, str]:
    """Which n-grams of this text land in which column: names for `triage classify --explain`."""
    prepared = prepare(text)
    out: dict[int, str] = {}
    low, high = ngram_range
    for n in range(low, high + 1):
        for i in range(len(prepared) - n + 1):
            gram = prepared[i:i + n]
            out.setdefault(column_of(gram, n_features), gram)
    return out
