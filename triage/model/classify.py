"""Label items personal / generic / pitch with the shipped (or a retrained) model, or say "unsure".

The model is a verified scikit-learn Pipeline (see `triage.model.training`); the
decision policy on top of its probabilities uses thresholds from the model
card, chosen on out-of-fold validation predictions, never constants in code.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib
import io
import json
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import TriageError
from ..items import LABELS, Item, Verdict
from ..parse.linkedin import has_no_note
from .compiled import ARRAYS_FILE, CompiledModel, NotCompilable
from .corpus import checkout_root
from .features import HAND_FEATURE_NAMES, model_text

MODEL_FILE = "model.joblib"
CARD_FILE = "model-card.json"
HASH_FILE = "model.sha256"
FIX = "run `triage train` to rebuild it"

# Kinds whose empty text means the parser found no words, not that the sender wrote none.
TEXT_KINDS = ("message", "inmail")
# The rule verdict for an invitation without a note of its own (the guide: "generic, nothing written").
NO_NOTE_CONFIDENCE = 0.99


class ModelError(TriageError):
    """The model files are missing, changed or built for another scikit-learn: one readable line."""


def item_record(item: Item) -> dict[str, Any]:
    """The row dict the model reads for one item."""
    return {
        "text": item.text,
        "kind": item.kind,
        "subject": item.subject,
        "sender_name": item.sender_name,
        "sender_headline": item.sender_headline,
        "sender_location": item.sender_location,
        "mutual_connections": item.mutual_connections,
    }


def decide(probabilities: np.ndarray, classes: Sequence[str], thresholds: dict[str, float]) -> list[str]:
    """The decision policy over model probabilities (one row per item), shared by prediction and threshold search.

    Personal is checked first with its own, low threshold: hiding a personal note
    is the costliest mistake. Otherwise the likelier of generic and pitch wins if
    it clears its threshold; anything else is "unsure" and goes to review.
    """
    column = {label: list(classes).index(label) for label in LABELS}
    p_personal = probabilities[:, column["personal"]]
    p_generic = probabilities[:, column["generic"]]
    p_pitch = probabilities[:, column["pitch"]]
    pitch_wins = p_pitch >= p_generic
    labels = np.where(pitch_wins, "pitch", "generic").astype(object)
    clears = np.where(pitch_wins, p_pitch >= thresholds["pitch"], p_generic >= thresholds["generic"])
    labels[~clears] = "unsure"
    labels[p_personal >= thresholds["personal"]] = "personal"
    return [str(label) for label in labels]


def rule_verdict(row: dict[str, Any]) -> tuple[str, str] | None:
    """(label, reason) when the guide decides without the model, else None."""
    kind = row.get("kind") or ""
    text = (row.get("text") or "").strip()
    if kind in TEXT_KINDS and not text:
        return "unsure", "no text"
    if kind == "invitation" and has_no_note(row):
        return "generic", "no note" if not text else "LinkedIn default note"
    return None


class Classifier:
    """A verified model with its card: turns items into verdicts.

    `engine` gives the probabilities: the fitted scikit-learn pipeline, or the
    same model compiled to arrays (`compiled.CompiledModel`), which classifies
    without importing scikit-learn. With the arrays, the pipeline itself is
    unpickled only when something asks for it (`pipeline`: explaining a verdict).
    """

    def __init__(self, engine: Any, card: dict[str, Any], pipeline: Callable[[], Any] | None = None) -> None:
        self.engine = engine
        self._load_pipeline = pipeline
        self.card = card
        self.version: str = str(card.get("version", ""))
        self.thresholds: dict[str, float] = {k: float(v) for k, v in card["thresholds"].items()}
        self.classes: list[str] = [str(c) for c in engine.classes_]
        if sorted(self.classes) != sorted(LABELS):
            raise ModelError(f"model classes {self.classes} are not {list(LABELS)}; {FIX}")

    @property
    def pipeline(self) -> Any:
        """The fitted scikit-learn pipeline (unpickled on first use when the engine is the compiled arrays)."""
        if self._load_pipeline is not None:
            self.engine, self._load_pipeline = self._load_pipeline(), None
        return self.engine

    @property
    def compiled(self) -> bool:
        return isinstance(self.engine, CompiledModel)

    def classify(self, items: Sequence[Item]) -> list[Verdict]:
        """One verdict per item, in order."""
        return self.classify_records([item_record(item) for item in items])

    def classify_records(self, rows: Sequence[dict[str, Any]]) -> list[Verdict]:
        """One verdict per row dict; the model sees the whole batch in one predict_proba call."""
        verdicts: list[Verdict | None] = [None] * len(rows)
        for i, row in enumerate(rows):
            rule = rule_verdict(row)
            if rule is not None:
                verdicts[i] = self._rule(*rule)
        todo = [i for i, v in enumerate(verdicts) if v is None]
        if todo:
            probabilities = self.engine.predict_proba([rows[i] for i in todo])
            labels = decide(probabilities, self.classes, self.thresholds)
            for i, label, probs in zip(todo, labels, probabilities):
                verdicts[i] = self._verdict(label, probs)
        return [v for v in verdicts if v is not None]

    def explain(self, row: dict[str, Any], top: int = 8) -> dict[str, Any]:
        """The verdict and the features that pushed it: coefficient x value per class for linear models."""
        verdict = self.classify_records([row])[0]
        out: dict[str, Any] = {"label": verdict.label, "confidence": round(verdict.confidence, 4),
                               "probabilities": {k: round(v, 4) for k, v in verdict.probabilities.items()}}
        if verdict.reason:
            out["reason"] = verdict.reason
        features = self.pipeline[:-1].transform([row])
        weights = linear_weights(self.pipeline[-1])
        names = self.feature_names(model_text([row])[0])
        if weights is None:
            hand = features[:, -len(HAND_FEATURE_NAMES):]
            hand = hand.toarray() if hasattr(hand, "toarray") else np.asarray(hand)
            out["features"] = {n: round(float(v), 4) for n, v in zip(HAND_FEATURE_NAMES, hand[0]) if v}
            return out
        x = features.tocsr()[0] if hasattr(features, "tocsr") else np.asarray(features)[0]
        idx = x.indices if hasattr(x, "indices") else np.flatnonzero(x)
        values = x.data if hasattr(x, "data") else x[idx]
        contributions: dict[str, dict[str, float]] = {}
        for c, label in enumerate(self.classes):
            contrib = weights[c, idx] * values
            order = np.argsort(-np.abs(contrib), kind="stable")[:top]
            contributions[label] = {str(names[idx[j]]): round(float(contrib[j]), 4) for j in order if contrib[j]}
        out["contributions"] = contributions
        # For "unsure" (or a rule verdict) show what pushed towards the model's likeliest label.
        pushed = verdict.label if verdict.label in contributions else max(
            (label for label in self.classes), key=lambda label: verdict.probabilities.get(label, 0.0))
        out["pushed_by"] = [name for name, value in contributions[pushed].items() if value > 0]
        return out

    def feature_names(self, text: str = "") -> np.ndarray:
        """Names of the model's input columns: "words:…", "chars:…", "hand:…".

        Character n-grams are hashed, so their columns are named from the
        n-grams of `text` (the item being explained); other columns are "chars:#N"."""
        union = self.pipeline[:-1][-1]
        names: list[str] = []
        for name, part in union.transformer_list:
            steps = dict(part.steps) if hasattr(part, "steps") else {}
            hasher = steps.get("ngrams")
            if hasher is not None:
                column = np.array([f"{name}:#{i}" for i in range(hasher.n_features)], dtype=object)
                for index, gram in hasher.ngrams_by_column(text).items():
                    column[index] = f"{name}:{gram!r}"
                names.extend(column)
                continue
            last = part[-1] if hasattr(part, "steps") else part
            names.extend(f"{name}:{n}" for n in last.get_feature_names_out())
        return np.asarray(names, dtype=object)

    def _rule(self, label: str, reason: str) -> Verdict:
        if label == "unsure":
            return Verdict("unsure", 0.0, {}, self.version, reason)
        rest = (1.0 - NO_NOTE_CONFIDENCE) / (len(LABELS) - 1)
        probabilities = {k: (NO_NOTE_CONFIDENCE if k == label else rest) for k in LABELS}
        return Verdict(label, NO_NOTE_CONFIDENCE, probabilities, self.version, reason)

    def _verdict(self, label: str, probs: np.ndarray) -> Verdict:
        probabilities = {c: float(p) for c, p in zip(self.classes, probs)}
        if label == "unsure":
            return Verdict("unsure", max(probabilities.values()), probabilities, self.version, "low confidence")
        return Verdict(label, probabilities[label], probabilities, self.version, "")


def linear_weights(estimator: Any) -> np.ndarray | None:
    """Per-class weights (classes x features) of a linear model, averaged over calibration folds; None if not linear."""
    if hasattr(estimator, "calibrated_classifiers_"):
        parts = [linear_weights(c.estimator) for c in estimator.calibrated_classifiers_]
        if any(p is None for p in parts):
            return None
        return np.mean(parts, axis=0)
    if hasattr(estimator, "estimators_"):  # a soft vote: explain by its linear members, averaged
        parts = [w for w in (linear_weights(e) for e in estimator.estimators_) if w is not None]
        if not parts:
            return None
        return np.mean([p / (np.abs(p).max() or 1.0) for p in parts], axis=0)
    for attribute in ("coef_", "feature_log_prob_"):
        weights = getattr(estimator, attribute, None)
        if weights is not None:
            return np.asarray(weights)
    return None


def shipped_model_dir() -> Path:
    """The models/ folder: the checkout's when running from one, else the installed package triage.shipped_model."""
    root = checkout_root()
    if root is not None and (root / "models" / MODEL_FILE).exists():
        return root / "models"
    try:
        path = Path(str(resources.files("triage.shipped_model")))
        if (path / MODEL_FILE).exists():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "models"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_model(directory: Path | None = None, *, compiled: bool = True) -> Classifier:
    """Verify and load a model directory (None: the shipped model).

    Every file is hashed and checked against model.sha256, and the card's
    scikit-learn version against the installed one, before anything is
    unpickled: a pickle can run code, so an unverified one is never opened.
    When the directory has the model compiled to arrays (model.arrays.npz,
    written beside the pickle by `save_model`) those classify, with numpy
    alone; `compiled=False`, or a directory without them (a model saved by an
    older triage), unpickles the pipeline.
    """
    directory = Path(directory) if directory is not None else shipped_model_dir()
    model_path, card_path, hash_path = (directory / MODEL_FILE, directory / CARD_FILE, directory / HASH_FILE)
    for path in (model_path, card_path, hash_path):
        if not path.is_file():
            raise ModelError(f"{path}: missing; {FIX}")
    hashes = read_hashes(_read_text(hash_path))
    # Each file is read once into memory, hashed, and loaded from those same bytes.
    data = _verified(model_path, hashes, hash_path)
    try:
        card = json.loads(_read_text(card_path))
    except ValueError as exc:
        raise ModelError(f"{card_path}: not valid JSON ({exc}); {FIX}") from None
    trained_with, installed = str(card.get("sklearn_version", "")), _sklearn_version()
    if _major_minor(trained_with) != _major_minor(installed):
        raise ModelError(f"{card_path}: model built with scikit-learn {trained_with or '?'}, "
                         f"installed is {installed}; {FIX}")
    if card.get("hand_features", list(HAND_FEATURE_NAMES)) != list(HAND_FEATURE_NAMES):
        raise ModelError(f"{card_path}: model built for other hand-made features than this version of triage; {FIX}")
    if not isinstance(card.get("thresholds"), dict) or not set(LABELS) <= set(card["thresholds"]):
        raise ModelError(f"{card_path}: no thresholds for {', '.join(LABELS)}; {FIX}")
    arrays_path = directory / ARRAYS_FILE
    if compiled and ARRAYS_FILE in hashes:
        if not arrays_path.is_file():
            raise ModelError(f"{arrays_path}: missing; {FIX}")
        arrays = _verified(arrays_path, hashes, hash_path)
        try:
            engine = CompiledModel(arrays)
        except NotCompilable as exc:
            raise ModelError(f"{arrays_path}: could not be loaded ({exc}); {FIX}") from None
        return Classifier(engine, card, pipeline=lambda: _unpickle(model_path, data))
    return Classifier(_unpickle(model_path, data), card)


def read_hashes(text: str) -> dict[str, str]:
    """model.sha256: one "<sha256>  <file>" line per file; a bare hash on the first line is model.joblib's."""
    hashes: dict[str, str] = {}
    for i, line in enumerate(text.splitlines()):
        fields = line.split()
        if fields:
            hashes[fields[1] if len(fields) > 1 else (MODEL_FILE if i == 0 else "")] = fields[0].lower()
    return hashes


def _verified(path: Path, hashes: dict[str, str], hash_path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot be read ({exc}); {FIX}") from None
    expected = hashes.get(path.name, "")
    if not expected or not hmac.compare_digest(expected, file_sha256(data)):
        raise ModelError(f"{path}: SHA-256 does not match {hash_path.name} (changed or corrupt); {FIX}")
    return data


def _unpickle(model_path: Path, data: bytes) -> Any:
    import joblib  # with scikit-learn: only where the pipeline itself is needed

    try:
        with _legacy_module_names():
            pipeline = joblib.load(io.BytesIO(data))
    except Exception as exc:  # a verified file that still fails to load: report it as one line
        raise ModelError(f"{model_path}: could not be loaded ({type(exc).__name__}: {exc}); {FIX}") from None
    if not hasattr(pipeline, "predict_proba"):
        raise ModelError(f"{model_path}: not a classifier pipeline; {FIX}")
    return pipeline


def _sklearn_version() -> str:
    """The installed scikit-learn's version, read from its metadata: importing it costs a second."""
    from importlib import metadata

    try:
        return metadata.version("scikit-learn")
    except metadata.PackageNotFoundError:
        return ""


# Where the code a model pickle refers to lived before triage.model existed (triage 0.1.0). A user's
# trained models were pickled with these names; they stay loadable after the upgrade.
LEGACY_MODULES = {"triage.features": "triage.model.features"}
_LEGACY_LOCK = threading.Lock()


@contextmanager
def _legacy_module_names() -> Iterator[None]:
    """While unpickling a verified model: the old module names answer with the modules that hold that code now."""
    with _LEGACY_LOCK:
        added = [old for old in LEGACY_MODULES if old not in sys.modules]
        for old in added:
            sys.modules[old] = importlib.import_module(LEGACY_MODULES[old])
        try:
            yield
        finally:
            for old in added:
                sys.modules.pop(old, None)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelError(f"{path}: cannot be read ({exc}); {FIX}") from None


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])
