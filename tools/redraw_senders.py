"""Redraw the sender fields of the seed corpus so that they no longer give the label away.

The first writers drew each sender to fit the note they had just written: the
personal notes came from people sharing a median of 21 connections with the
owner, the generic and pitch notes from people sharing 1, and a pitch usually
came with a salesy headline. A model trained on that learns the number and the
headline instead of the note (measured on outside mail: macro-F1 0.98 with the
count set to 0, 0.84 with it set to 50). This script, run once, keeps every
text as written and:

- redraws `mutual_connections` for every row from one heavy-tailed
  distribution, the same for all labels (`draw_senders._mutual`);
- shuffles the headlines of a random 60% of each batch's rows among those
  rows, so a batch keeps its owner's world of headlines but a "Crypto Educator"
  may now send a warm note and a "Retired Teacher" a pitch.

Locations are left as written: per label they were already alike (`tools/audit_corpus.py`).
Deterministic (seeded by batch name), so a rerun on the original files gives the same result.

    python tools/redraw_senders.py corpus/b*.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from draw_senders import _mutual, _rng  # noqa: E402  (a sibling script, not a package)

SHUFFLED_SHARE = 0.6


def redraw(rows: list[dict], batch: str) -> list[dict]:
    rng = _rng("redraw:" + batch)
    out = [dict(r) for r in rows]
    for row in out:
        row["mutual_connections"] = _mutual(rng)
    chosen = [i for i in range(len(out)) if rng.random() < SHUFFLED_SHARE]
    headlines = [out[i]["sender_headline"] for i in chosen]
    rng.shuffle(headlines)
    for i, headline in zip(chosen, headlines):
        out[i]["sender_headline"] = headline
    return out


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = redraw(rows, path.stem)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path}: {len(rows)} rows redrawn")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
