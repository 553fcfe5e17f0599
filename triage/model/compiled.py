"""The trained pipeline as plain arrays: what classifying needs, without scikit-learn.

Why: importing scikit-learn (and the scipy it pulls in) costs the pass about a
second of CPU and 100 MB of memory, more than classifying a whole backlog.
Every model triage trains is a linear read of three feature blocks (word
n-grams with TF-IDF, hashed character n-grams with TF-IDF, the hand-made
features), weighted and summed by a logistic regression, a complement naive
Bayes or a soft vote of the two. So when a model is saved, its vocabulary,
IDF weights and per-class weights are also written as numpy arrays
(`model.arrays.npz`, hashed beside the pickle). The pass loads those with
numpy alone, computes the same features (the same `features` functions and
the same character hashing, `ngrams`) and the same probabilities; a test holds
them equal to the pipeline's on the whole corpus.

An npz is read with allow_pickle=False: arrays and strings only, nothing that
runs code. A pipeline of another shape (a candidate of the comparison, a
future model) is simply not compiled; it is then loaded as the pickle it is.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import ngrams
from .features import hand_features, model_text

ARRAYS_FILE = "model.arrays.npz"
FORMAT = 1
# Texts per numpy pass, as the character step reads them: memory stays flat for any batch.
CHUNK = 1000


class NotCompilable(ValueError):
    """The pipeline has a step this reader does not know; the pickle serves instead."""


# ------------------------------------------------------------------ compile (needs the fitted pipeline)


def compile_pipeline(pipeline: Any) -> bytes:
    """The bytes of model.arrays.npz for a fitted pipeline (raises NotCompilable for other shapes)."""
    steps = dict(getattr(pipeline, "named_steps", {}))
    union, estimator = steps.get("features"), steps.get("model")
    if union is None or estimator is None or not hasattr(union, "transformer_list"):
        raise NotCompilable("not a features + model pipeline")
    weights = union.transformer_weights or {}
    meta: dict[str, Any] = {"format": FORMAT, "blocks": [], "members": []}
    arrays: dict[str, np.ndarray] = {}
    width = 0
    for name, part in union.transformer_list:
        block = _block(name, part)
        block["weight"] = float(weights[name]) if weights.get(name) is not None else 1.0
        block["offset"] = width
        width += block.pop("width")
        for key in [k for k in block if isinstance(block[k], np.ndarray)]:
            arrays[f"{name}.{key}"] = block.pop(key)
        meta["blocks"].append(block)
    meta["width"] = width
    members, member_weights = _members(estimator)
    classes = [str(c) for c in estimator.classes_]
    for i, (kind, member) in enumerate(members):
        if kind == "logreg":
            matrix, bias = np.asarray(member.coef_), np.asarray(member.intercept_)
            multi = getattr(member, "multi_class", "deprecated")
            ovr = multi == "ovr" or (multi in ("auto", "deprecated", "warn") and
                                      (len(classes) <= 2 or member.solver == "liblinear"))
            if len(classes) <= 2 or matrix.shape[0] != len(classes):
                raise NotCompilable("a binary logistic regression")
            member_meta = {"kind": "logreg", "link": "ovr" if ovr else "softmax"}
        elif kind == "cnb":
            matrix = np.asarray(member.feature_log_prob_)
            bias = (np.asarray(member.class_log_prior_) if len(classes) == 1 else np.zeros(len(classes)))
            member_meta = {"kind": "cnb", "link": "softmax"}
        else:
            raise NotCompilable(f"model {kind}")
        if matrix.shape != (len(classes), width):
            raise NotCompilable(f"weights of shape {matrix.shape}, features {width}")
        arrays[f"member{i}.weights"] = matrix.astype(np.float32)
        arrays[f"member{i}.bias"] = bias.astype(np.float64)
        meta["members"].append(member_meta)
    meta["member_weights"] = member_weights
    meta["classes"] = classes
    arrays["meta"] = np.array(json.dumps(meta))
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def _block(name: str, part: Any) -> dict[str, Any]:
    steps = list(part.steps) if hasattr(part, "steps") else [("only", part)]
    first = steps[0][1]
    func = getattr(first, "func", None)
    func_name = f"{getattr(func, '__module__', '')}.{getattr(func, '__name__', '')}"
    if func_name.endswith("features.hand_feature_matrix") or func_name.endswith("features.hand_features"):
        if len(steps) != 1:
            raise NotCompilable(f"block {name}: steps after the hand features")
        from .features import HAND_FEATURE_NAMES

        return {"name": name, "type": "hand", "keep": None, "width": len(HAND_FEATURE_NAMES)}
    if func_name.endswith("training._hand_columns"):
        keep = [int(k) for k in (first.kw_args or {}).get("keep", [])]
        return {"name": name, "type": "hand", "keep": keep, "width": len(keep)}
    if not func_name.endswith("features.model_text"):
        raise NotCompilable(f"block {name}: reads {func_name}")
    rest = [step for _, step in steps[1:]]
    if len(rest) == 1 and type(rest[0]).__name__ == "TfidfVectorizer":
        return _words(name, rest[0])
    if (len(rest) == 2 and type(rest[0]).__name__ == "CharNgrams" and type(rest[1]).__name__ == "TfidfTransformer"):
        return _chars(name, rest[0], rest[1])
    raise NotCompilable(f"block {name}: {[type(s).__name__ for s in rest]}")


def _words(name: str, vectorizer: Any) -> dict[str, Any]:
    from ..text import normalize

    if (vectorizer.analyzer != "word" or vectorizer.preprocessor is not normalize or vectorizer.tokenizer is not None
            or vectorizer.stop_words is not None or vectorizer.binary or vectorizer.strip_accents is not None
            or vectorizer.norm not in ("l2", None) or vectorizer.input != "content"):
        raise NotCompilable(f"block {name}: a word vectorizer with other settings")
    vocabulary = vectorizer.vocabulary_
    terms = sorted(vocabulary, key=vocabulary.get)
    if any("\n" in t for t in terms) or [vocabulary[t] for t in terms] != list(range(len(terms))):
        raise NotCompilable(f"block {name}: vocabulary")
    return {"name": name, "type": "words", "token_pattern": vectorizer.token_pattern,
            "ngram_range": list(vectorizer.ngram_range), "sublinear_tf": bool(vectorizer.sublinear_tf),
            "norm": vectorizer.norm, "use_idf": bool(vectorizer.use_idf),
            "terms": np.array("\n".join(terms)),
            "idf": np.asarray(vectorizer.idf_, dtype=np.float64) if vectorizer.use_idf else np.zeros(0),
            "width": len(terms)}


def _chars(name: str, hasher: Any, tfidf: Any) -> dict[str, Any]:
    if tfidf.norm not in ("l2", None):
        raise NotCompilable(f"block {name}: norm {tfidf.norm}")
    return {"name": name, "type": "chars", "ngram_range": [int(x) for x in hasher.ngram_range],
            "n_features": int(hasher.n_features), "sublinear_tf": bool(tfidf.sublinear_tf), "norm": tfidf.norm,
            "use_idf": bool(tfidf.use_idf),
            "idf": np.asarray(tfidf.idf_, dtype=np.float64) if tfidf.use_idf else np.zeros(0),
            "width": int(hasher.n_features)}


def _members(estimator: Any) -> tuple[list[tuple[str, Any]], list[float] | None]:
    def kind(member: Any) -> str:
        return {"LogisticRegression": "logreg", "ComplementNB": "cnb"}.get(type(member).__name__, type(member).__name__)

    if type(estimator).__name__ == "VotingClassifier":
        if estimator.voting != "soft":
            raise NotCompilable("a hard vote")
        weights = getattr(estimator, "_weights_not_none", None)
        return [(kind(m), m) for m in estimator.estimators_], (None if weights is None else [float(w) for w in weights])
    return [(kind(estimator), estimator)], None


# ------------------------------------------------------------------ load and classify (numpy only)


class CompiledModel:
    """predict_proba over row dicts, from the arrays of model.arrays.npz."""

    def __init__(self, data: bytes) -> None:
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                arrays = {key: npz[key] for key in npz.files}
            meta = json.loads(str(arrays.pop("meta")))
        except (ValueError, KeyError, OSError) as exc:
            raise NotCompilable(f"unreadable arrays ({exc})") from None
        if meta.get("format") != FORMAT:
            raise NotCompilable(f"arrays format {meta.get('format')}, this reader knows {FORMAT}")
        self.classes_ = np.array(meta["classes"], dtype=object)
        self.width = int(meta["width"])
        self.blocks = meta["blocks"]
        for block in self.blocks:
            name = block["name"]
            if block["type"] in ("words", "chars"):
                block["idf"] = arrays[f"{name}.idf"]
            if block["type"] == "words":
                block["vocabulary"] = {t: i for i, t in enumerate(str(arrays[f"{name}.terms"]).split("\n"))}
                block["token_re"] = re.compile(block["token_pattern"])
        self.members = [(m, arrays[f"member{i}.weights"], arrays[f"member{i}.bias"])
                        for i, m in enumerate(meta["members"])]
        self.member_weights = meta.get("member_weights")

    def predict_proba(self, rows: Sequence[dict[str, Any]]) -> np.ndarray:
        if not len(rows):
            return np.zeros((0, len(self.classes_)))
        return np.vstack([self._proba(rows[i:i + CHUNK]) for i in range(0, len(rows), CHUNK)])

    def _proba(self, rows: Sequence[dict[str, Any]]) -> np.ndarray:
        n = len(rows)
        cells = self.features(rows)
        scores = []
        for meta, weights, bias in self.members:
            score = np.empty((n, weights.shape[0]))
            for k in range(weights.shape[0]):
                score[:, k] = [0.0] * n if not len(cells[0]) else np.bincount(
                    cells[0], weights=cells[2] * weights[k, cells[1]], minlength=n)
            score += bias
            scores.append(_softmax(score) if meta["link"] == "softmax" else _ovr(score))
        if len(scores) == 1:
            return scores[0]
        return np.average(np.stack(scores), axis=0, weights=self.member_weights)

    def features(self, rows: Sequence[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The rows' feature matrix as (row, column, value) cells, every block weighted and in place."""
        texts: list[str] | None = None
        out = []
        for block in self.blocks:
            if block["type"] == "hand":
                values = hand_features(rows)
                if block["keep"] is not None:
                    values = values[:, block["keep"]]
                row, col = np.nonzero(values)
                cells = (row, col, values[row, col])
            else:
                texts = model_text(rows) if texts is None else texts
                cells = self._words(block, texts) if block["type"] == "words" else self._chars(block, texts)
            row, col, value = cells
            out.append((row.astype(np.int64), col.astype(np.int64) + block["offset"],
                        np.asarray(value, dtype=np.float64) * block["weight"]))
        return (np.concatenate([c[0] for c in out]), np.concatenate([c[1] for c in out]),
                np.concatenate([c[2] for c in out]))

    @staticmethod
    def _words(block: dict[str, Any], texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        from ..text import normalize

        vocabulary, findall = block["vocabulary"], block["token_re"].findall
        low, high = block["ngram_range"]
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        for r, text in enumerate(texts):
            tokens = findall(normalize(text))
            grams: list[str] = list(tokens) if low == 1 else []
            for n in range(max(low, 2), min(high, len(tokens)) + 1):
                grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
            found = Counter(vocabulary[g] for g in grams if g in vocabulary)
            rows.extend([r] * len(found))
            cols.extend(found)
            counts.extend(found.values())
        row, col = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)
        return row, col, _tfidf(block, row, col, np.array(counts, dtype=np.float64), len(texts))

    @staticmethod
    def _chars(block: dict[str, Any], texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n_features = block["n_features"]
        row, col = ngrams.hashed_cells(texts, tuple(block["ngram_range"]), n_features)
        keys, counts = np.unique(row * n_features + col, return_counts=True)
        row, col = keys // n_features, keys % n_features
        return row, col, _tfidf(block, row, col, counts.astype(np.float64), len(texts))


def _tfidf(block: dict[str, Any], row: np.ndarray, col: np.ndarray, counts: np.ndarray, n: int) -> np.ndarray:
    """TF-IDF as scikit-learn's TfidfTransformer computes it: 1 + log(tf), times idf, each row scaled to unit length."""
    values = 1.0 + np.log(counts) if block["sublinear_tf"] else counts
    if block["use_idf"]:
        values = values * block["idf"][col]
    if block["norm"] == "l2" and len(values):
        norms = np.sqrt(np.bincount(row, weights=values * values, minlength=n))
        norms[norms == 0] = 1.0
        values = values / norms[row]
    return values


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


def _ovr(scores: np.ndarray) -> np.ndarray:
    probabilities = 1.0 / (1.0 + np.exp(-scores))
    return probabilities / probabilities.sum(axis=1, keepdims=True)
