"""Seeded random streams and the random-looking tokens LinkedIn mail is full of.

A mail is built from a stream seeded by its builder's arguments (`seeded`), so
the same call gives the same bytes in every process and different calls give
different Message-IDs, links and tracking tokens.
"""

from __future__ import annotations

import base64
import hashlib
import random


def seeded(*parts: object) -> random.Random:
    """A generator seeded from the arguments, stable across processes (no hash randomisation)."""
    digest = hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def b64(rng: random.Random, nbytes: int, urlsafe: bool = True) -> str:
    raw = rng.getrandbits(8 * nbytes).to_bytes(nbytes, "big")
    encode = base64.urlsafe_b64encode if urlsafe else base64.b64encode
    return encode(raw).decode("ascii").rstrip("=")


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(rng: random.Random, n: int) -> str:
    value = rng.getrandbits(6 * n)
    out = []
    for _ in range(n):
        value, r = divmod(value, 36)
        out.append(_BASE36[r])
    return "".join(out)


def digits(rng: random.Random, n: int) -> str:
    return str(rng.randrange(10 ** (n - 1), 10 ** n))
