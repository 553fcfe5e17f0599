"""`triage train`: a new model from the seed corpus plus the user's corrections.

The new version is compared with the active one on what matters to this
user (how many of their corrections each gets right) and on the held-out
seed test batches; it is activated only if it does not lose more than 0.02
macro-F1 there, unless forced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..config import Config
from ..corrections import training_rows
from ..store import Store
from .classify import Classifier, load_model
from .corpus import load_corpus, seed_corpus_paths, split_corpus
from .registry import new_version_dir, prune, use
from .evaluation import evaluate
from .training import save_model, train_model

MAX_F1_DROP = 0.02


@dataclass
class RetrainReport:
    version: str
    directory: Path
    corrections: int
    old_version: str
    old_correct: int
    new_correct: int
    old_macro_f1: float
    new_macro_f1: float
    activated: bool
    reason: str

    def lines(self) -> list[str]:
        n = self.corrections
        return [
            f"trained {self.version} on the seed corpus + {n} corrections -> {self.directory}",
            f"{'':24}{'old (' + self.old_version + ')':>34}{'new':>10}",
            f"{'your corrections right':<24}{self.old_correct:>30}/{n:<3}{self.new_correct:>6}/{n}",
            f"{'seed test macro-F1':<24}{self.old_macro_f1:>34.3f}{self.new_macro_f1:>10.3f}",
            ("activated: " if self.activated else "not activated: ") + self.reason,
        ]


def _correct(classifier: Classifier, rows: list[dict]) -> int:
    if not rows:
        return 0
    verdicts = classifier.classify_records(rows)
    return sum(v.label == r["label"] for v, r in zip(verdicts, rows))


def retrain(config: Config, store: Store, current: Classifier, *, data: list[Path] | None = None,
            out: Path | None = None, force: bool = False, version: str | None = None) -> RetrainReport:
    seed = load_corpus(data or seed_corpus_paths())
    train_rows, test_rows = split_corpus(seed)
    if not test_rows:
        train_rows, test_rows = seed, []
    corrections = training_rows(store, config.model_group or None)
    version = version or "user-" + datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    pipeline, card = train_model(train_rows, extra_rows=corrections, version=version,
                                 thresholds=load_model(None).thresholds)
    directory = out or new_version_dir(config, version)
    save_model(pipeline, card, directory)
    new = load_model(directory)
    old_f1 = evaluate(current, test_rows)["macro_f1"] if test_rows else 0.0
    new_f1 = evaluate(new, test_rows)["macro_f1"] if test_rows else 0.0
    report = RetrainReport(version, directory, len(corrections), current.version,
                           _correct(current, corrections), _correct(new, corrections),
                           old_f1, new_f1, False, "")
    if out is not None:
        report.reason = f"written to {out} (--out models are not activated)"
    elif new_f1 < old_f1 - MAX_F1_DROP and not force:
        report.reason = (f"seed test macro-F1 dropped by {old_f1 - new_f1:.3f} (> {MAX_F1_DROP}); "
                         f"use --force to activate anyway")
    else:
        use(config, version)
        prune(config)
        report.activated = True
        report.reason = "the service picks it up without a restart"
    return report
