"""Benchmark retraining: the seed corpus plus 1,000 synthetic corrections, on one core.

Run from the repository root:  python -m bench.train
Target: < 30 s. A retrain keeps the seed model's CV thresholds, so it is one fit.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import random  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

from triage.model.classify import load_model  # noqa: E402
from triage.model.corpus import corpus_files, load_corpus, split_corpus  # noqa: E402
from triage.model.training import train_model  # noqa: E402

N_CORRECTIONS = 1_000


def synthetic_corrections(rows: list[dict], n: int, seed: int = 1) -> list[dict]:
    """Corrections as a user would make them: corpus-like items with their (right) label, slightly reworded."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        row = dict(rng.choice(rows))
        row["id"] = f"correction-{i:04d}"
        if row["text"]:
            row["text"] = row["text"] + rng.choice(("", " Thanks!", " Best, Alex", " (sent again)"))
        out.append(row)
    return out


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rows, _ = split_corpus(load_corpus(corpus_files()))   # what `triage train` trains on
    corrections = synthetic_corrections(rows, N_CORRECTIONS)
    started = time.perf_counter()
    _, card = train_model(rows, extra_rows=corrections, version="bench", thresholds=load_model().thresholds)
    elapsed = time.perf_counter() - started
    print(f"retrain (`triage train`) on {len(rows)} seed training rows + {len(corrections)} corrections, "
          f"one core, thresholds kept from the seed CV: {elapsed:.1f} s")


if __name__ == "__main__":
    main()
