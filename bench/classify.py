"""Benchmark the shipped classifier: items/second on 10,000 items in one batch, load time, model size.

Run from the repository root:  python -m bench.classify
Pinned to one core; targets: >= 5,000 items/s, load < 1 s, model < 5 MB (the repository refuses larger files).
"""

from __future__ import annotations

import os

# One core: set before numpy/scipy load their thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

from triage.model.classify import MODEL_FILE, load_model, shipped_model_dir  # noqa: E402
from triage.model.corpus import corpus_files, load_corpus  # noqa: E402

N_ITEMS = 10_000
SUFFIXES = ("", " Thanks!", " Best, Alex", " Cheers.", "\n\nSent from my phone", " :)")


def varied_rows(n: int, seed: int = 0) -> list[dict]:
    """n rows drawn from the corpus with small changes, so no two runs of the model see only cached text."""
    rng = random.Random(seed)
    rows = load_corpus(corpus_files())
    out = []
    for i in range(n):
        row = dict(rng.choice(rows))
        text = row["text"]
        if text and rng.random() < 0.5:
            words = text.split()
            head = words[:3]
            rng.shuffle(head)
            text = " ".join(head + words[3:])
        row["text"] = text + rng.choice(SUFFIXES) if text else text
        row["mutual_connections"] = rng.randint(0, 500)
        out.append(row)
    return out


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    directory = shipped_model_dir()
    size = (directory / MODEL_FILE).stat().st_size
    loads = []
    for _ in range(5):
        started = time.perf_counter()
        classifier = load_model()
        loads.append(time.perf_counter() - started)
    rows = varied_rows(N_ITEMS)
    classifier.classify_records(rows[:100])  # warm-up
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        verdicts = classifier.classify_records(rows)
        runs.append(time.perf_counter() - started)
    assert len(verdicts) == N_ITEMS
    best = min(runs)
    print(f"model {classifier.version}: {size / 1e6:.2f} MB ({directory / MODEL_FILE})")
    print(f"load incl. SHA-256 check: median {statistics.median(loads) * 1000:.0f} ms over {len(loads)} loads")
    print(f"classify {N_ITEMS:,} items in one batch, one core: best {best:.2f} s of {len(runs)} "
          f"-> {N_ITEMS / best:,.0f} items/s (median {N_ITEMS / statistics.median(runs):,.0f} items/s)")


if __name__ == "__main__":
    main()
