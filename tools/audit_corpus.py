"""Which fields other than the note give the label away? A check on the corpus's writers, not on LinkedIn.

For every field a row carries besides its text (mutual connections, location,
headline, kind, subject, length, language, sender name), this prints the
field's distribution per label and how well the field *alone* predicts the
label: macro-F1 of a small model that sees only that field, cross-validated by
batch (GroupKFold), against the 0.33 of guessing. A field that predicts the
label by itself is a stereotype the writers put in (pitchers share no
connections, friends share dozens), not a fact a model may learn: the labeling
guide says the numbers and the headline never decide.

    python tools/audit_corpus.py corpus/            # the training corpus and its held-out batches
    python tools/audit_corpus.py corpus/independent # the second held-out set
    python tools/audit_corpus.py corpus/ --markdown # the tables for models/README.md
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder
from sklearn.tree import DecisionTreeClassifier

LABELS = ("personal", "generic", "pitch")
# Above this, a field alone sorts the labels far better than chance: a giveaway.
GIVEAWAY_F1 = 0.45


def load(paths: list[Path]) -> list[dict[str, Any]]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def _country(location: str) -> str:
    return (location or "(none)").split(",")[-1].strip() or "(none)"


def _numbers(rows: list[dict], key: Callable[[dict], float]) -> np.ndarray:
    return np.array([[key(r)] for r in rows], dtype=float)


# field -> (what the single-field model reads, the model, how a value is shown in the table)
FIELDS: dict[str, tuple[Callable[[list[dict]], Any], Callable[[], Any], Callable[[dict], Any]]] = {
    "mutual_connections": (lambda rows: _numbers(rows, lambda r: math.log1p(r.get("mutual_connections") or 0)),
                           lambda: DecisionTreeClassifier(max_depth=3, random_state=0),
                           lambda r: r.get("mutual_connections") or 0),
    "location (country)": (lambda rows: np.array([[_country(r.get("sender_location", ""))] for r in rows]),
                           lambda: make_pipeline(OneHotEncoder(handle_unknown="ignore"), LogisticRegression(max_iter=2000)),
                           lambda r: _country(r.get("sender_location", ""))),
    "headline": (lambda rows: [r.get("sender_headline") or "" for r in rows],
                 lambda: make_pipeline(TfidfVectorizer(min_df=2), LogisticRegression(max_iter=2000)),
                 lambda r: r.get("sender_headline") or "(none)"),
    "kind": (lambda rows: np.array([[r["kind"]] for r in rows]),
             lambda: make_pipeline(OneHotEncoder(handle_unknown="ignore"), LogisticRegression(max_iter=2000)),
             lambda r: r["kind"]),
    "subject": (lambda rows: [r.get("subject") or "" for r in rows],
                lambda: make_pipeline(TfidfVectorizer(min_df=2, token_pattern=r"(?u)\b\w+\b|^$"),
                                      LogisticRegression(max_iter=2000)),
                lambda r: "(none)" if not r.get("subject") else "(some)"),
    "length": (lambda rows: _numbers(rows, lambda r: math.log1p(len(r.get("text") or ""))),
               lambda: DecisionTreeClassifier(max_depth=3, random_state=0),
               lambda r: len(r.get("text") or "")),
    "language": (lambda rows: np.array([[r.get("lang") or "?"] for r in rows]),
                 lambda: make_pipeline(OneHotEncoder(handle_unknown="ignore"), LogisticRegression(max_iter=2000)),
                 lambda r: r.get("lang") or "?"),
    "sender name": (lambda rows: [r.get("sender_name") or "" for r in rows],
                    lambda: make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), min_df=2),
                                          LogisticRegression(max_iter=2000)),
                    lambda r: (r.get("sender_name") or "?").split()[0]),
}
NUMERIC = {"mutual_connections", "length"}


def single_field_f1(rows: list[dict], field: str) -> float:
    """Macro-F1 of predicting the label from this field alone, by GroupKFold over batches."""
    read, model, _ = FIELDS[field]
    x = read(rows)
    y = np.array([r["label"] for r in rows])
    groups = np.array([r.get("batch", "?") for r in rows])
    n_splits = min(6, len(set(groups)))
    if n_splits < 2:
        return float("nan")
    predicted = np.empty(len(rows), dtype=object)
    for train, valid in GroupKFold(n_splits=n_splits).split(x, y, groups):
        take = (lambda idx: [x[i] for i in idx]) if isinstance(x, list) else (lambda idx: x[idx])
        fitted = model().fit(take(train), y[train])
        predicted[valid] = fitted.predict(take(valid))
    return float(f1_score(y, predicted.astype(str), average="macro"))


def describe(rows: list[dict], field: str) -> dict[str, str]:
    show = FIELDS[field][2]
    out = {}
    for label in LABELS:
        values = [show(r) for r in rows if r["label"] == label]
        if not values:
            out[label] = "-"
        elif field in NUMERIC:
            q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
            zero = sum(v == 0 for v in values) / len(values)
            out[label] = f"median {statistics.median(values):g} (IQR {q[0]:g}-{q[2]:g}), zero {zero:.0%}"
        else:
            top = Counter(values).most_common(3)
            out[label] = ", ".join(f"{v} {n / len(values):.0%}" for v, n in top)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="JSONL files or folders of them")
    parser.add_argument("--markdown", action="store_true", help="print one Markdown table")
    args = parser.parse_args(argv)
    rows = load(args.paths)
    if not rows:
        print("no rows", file=sys.stderr)
        return 2
    counts = Counter(r["label"] for r in rows)
    print(f"{len(rows)} rows from {len({r.get('batch') for r in rows})} batches: "
          + ", ".join(f"{k} {counts[k]}" for k in LABELS))
    if args.markdown:
        print("\n| field | personal | generic | pitch | label from this field alone (macro-F1) |")
        print("| --- | --- | --- | --- | ---: |")
    for field in FIELDS:
        d = describe(rows, field)
        f1 = single_field_f1(rows, field)
        flag = "  <- gives the label away" if f1 > GIVEAWAY_F1 else ""
        if args.markdown:
            cells = [d[label].replace("|", "\\|") for label in LABELS]
            print(f"| {field} | {' | '.join(cells)} | {f1:.2f}{' **giveaway**' if flag else ''} |")
        else:
            print(f"\n{field}: macro-F1 from this field alone {f1:.2f} (chance 0.33){flag}")
            for label in LABELS:
                print(f"  {label:<9} {d[label]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
