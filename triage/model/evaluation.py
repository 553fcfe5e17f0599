"""How a model is judged: reports, hard cases, the cost of mistakes, and everything said about a held-out set.

Kept apart from training (triage.model.training: fitting, cross-validation,
thresholds, the shipped build) so that `triage eval` and the benchmarks score
a model without the training code, and so that one definition of "right"
serves cross-validation, the held-out sets and the user's own corrections.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..items import LABELS, MODEL_VERDICTS
from ..parse.linkedin import has_no_note
from ..text import normalize
from .classify import Classifier
from .features import CALL_TO_ACTION, COMMERCIAL
from .invariance import FAMILIES, label_changes

HELDOUT_NAMES = {"test": "old held-out batches", "independent": "independent held-out batches"}


# What a mistake costs the mailbox owner (rows: true label, columns: verdict).
# A personal note hidden among pitches is the worst; a pitch at the top of the
# summary is next; "unsure" costs one look in the review folder.
COSTS = {
    "personal": {"personal": 0.0, "generic": 8.0, "pitch": 10.0, "unsure": 1.0},
    "generic": {"personal": 2.0, "generic": 0.0, "pitch": 0.5, "unsure": 1.0},
    "pitch": {"personal": 4.0, "generic": 0.5, "pitch": 0.0, "unsure": 1.0},
}


# What the shipped model must reach on both held-out sets (issue 14).
HELDOUT_TARGETS = {"macro_f1": 0.96, "hard_macro_f1": 0.93, "personal_recall": 0.98, "pitch_precision": 0.97,
                   "max_unsure_rate": 0.05}


# The mutual-connection counts of the counterfactual figures (None: as written).
COUNTERFACTUAL_MUTUALS: tuple[int | None, ...] = (None, 0, 50)


def report_from_labels(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-class precision/recall/F1 and the confusion matrix; "unsure" counts as wrong."""
    index = {label: i for i, label in enumerate(MODEL_VERDICTS)}
    matrix = np.zeros((len(MODEL_VERDICTS), len(MODEL_VERDICTS)), dtype=int)
    for t, p in zip(truth, predicted):
        matrix[index[t], index[p]] += 1
    per_class = {}
    for label in LABELS:
        k = index[label]
        tp, predicted_n, support = matrix[k, k], matrix[:, k].sum(), matrix[k, :].sum()
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(float(precision), 4), "recall": round(float(recall), 4),
                            "f1": round(float(f1), 4), "support": int(support)}
    n = len(truth)
    return {
        "macro_f1": round(float(np.mean([per_class[k]["f1"] for k in LABELS])), 4),
        "per_class": per_class,
        "confusion": {"labels": list(MODEL_VERDICTS), "matrix": matrix.tolist()},
        "unsure_rate": round(float(matrix[:, index["unsure"]].sum() / n), 4) if n else 0.0,
        "n": n,
    }


def evaluate(classifier: Classifier, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The classifier's verdicts on labeled rows, scored against their labels (hard cases apart when rows say which)."""
    verdicts = classifier.classify_records(rows)
    return report_with_hard_cases(rows, [v.label for v in verdicts])


def report_with_hard_cases(rows: Sequence[dict[str, Any]], predicted: Sequence[str]) -> dict[str, Any]:
    """report_from_labels, plus macro-F1 over the rows marked difficulty "hard" when there are any."""
    truth = [r["label"] for r in rows]
    report = report_from_labels(truth, predicted)
    hard = [i for i, r in enumerate(rows) if r.get("difficulty") == "hard"]
    if hard:
        report["hard"] = {"macro_f1": report_from_labels([truth[i] for i in hard], [predicted[i] for i in hard])["macro_f1"],
                          "n": len(hard)}
    return report


def item_verdicts(classifier: Classifier, rows: Sequence[dict[str, Any]], sources: Sequence[str]) -> list[dict[str, Any]]:
    """One line per row for `triage eval --items`: where it is (its id, else file:line), its label, the verdict."""
    out = []
    for row, source, verdict in zip(rows, sources, classifier.classify_records(rows)):
        out.append({"item": str(row["id"]) if row.get("id") not in (None, "") else source, "label": row["label"],
                    "verdict": verdict.label, "confidence": round(verdict.confidence, 4),
                    "correct": verdict.label == row["label"]})
    return out


def format_report(report: dict[str, Any]) -> str:
    """A report as the text table people read: per-class scores, then the confusion matrix."""
    hard = (f"  hard cases (n={report['hard']['n']}) macro-F1={report['hard']['macro_f1']:.3f}"
            if "hard" in report else "")
    lines = [f"n={report['n']}  macro-F1={report['macro_f1']:.3f}{hard}  unsure={report['unsure_rate']:.1%}",
             "",
             f"{'label':<10}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"]
    for label, m in report["per_class"].items():
        lines.append(f"{label:<10}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['support']:>9}")
    labels = report["confusion"]["labels"]
    lines += ["", "confusion (rows: true label, columns: verdict)",
              f"{'':<10}" + "".join(f"{label:>10}" for label in labels)]
    for label, counts in zip(labels, report["confusion"]["matrix"]):
        if label in report["per_class"]:
            lines.append(f"{label:<10}" + "".join(f"{c:>10}" for c in counts))
    return "\n".join(lines)


def rule_baseline(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The obvious rules, for comparison: no note -> generic, commercial words -> pitch, else personal."""
    out = []
    for row in rows:
        text = normalize(row.get("text") or "")
        if has_no_note(row):
            out.append("generic")
        elif CALL_TO_ACTION.search(text) or COMMERCIAL.search(text):
            out.append("pitch")
        else:
            out.append("personal")
    return out


def cost_per_item(truth: Sequence[str], predicted: Sequence[str]) -> float:
    return round(sum(COSTS[t][p] for t, p in zip(truth, predicted)) / max(1, len(truth)), 4)


def figure(figures: dict[str, Any], key: str) -> Any:
    """One headline figure of a held-out report: macro_f1, hard_macro_f1, personal_recall, pitch_precision, unsure_rate."""
    report = figures["report"]
    return {"macro_f1": report["macro_f1"], "hard_macro_f1": report.get("hard", {}).get("macro_f1", float("nan")),
            "personal_recall": report["per_class"]["personal"]["recall"],
            "pitch_precision": report["per_class"]["pitch"]["precision"], "unsure_rate": report["unsure_rate"]}[key]


def heldout_targets_met(figures: dict[str, Any]) -> bool:
    return (figure(figures, "macro_f1") >= HELDOUT_TARGETS["macro_f1"]
            and figure(figures, "hard_macro_f1") >= HELDOUT_TARGETS["hard_macro_f1"]
            and figure(figures, "personal_recall") >= HELDOUT_TARGETS["personal_recall"]
            and figure(figures, "pitch_precision") >= HELDOUT_TARGETS["pitch_precision"]
            and figure(figures, "unsure_rate") <= HELDOUT_TARGETS["max_unsure_rate"])


def mutual_name(value: int | None) -> str:
    """How a counterfactual mutual-connection count is named in tables and the log."""
    return "as written" if value is None else str(value)


def with_mutual_connections(rows: Sequence[dict[str, Any]], value: int) -> list[dict[str, Any]]:
    """The rows with every mutual-connection count set to value: the counterfactual the guide says changes nothing."""
    return [{**row, "mutual_connections": value} for row in rows]


def score_heldout(classifier: Classifier, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Everything reported for one held-out set: the report, cost, counterfactual macro-F1s and label changes."""
    report = evaluate(classifier, rows)
    verdicts = [v.label for v in classifier.classify_records(rows)]
    counterfactual = {mutual_name(m): (report["macro_f1"] if m is None
                                        else evaluate(classifier, with_mutual_connections(rows, m))["macro_f1"])
                      for m in COUNTERFACTUAL_MUTUALS}
    changes = {}
    for family, variants in FAMILIES.items():
        changed = len(label_changes(classifier, rows, variants))
        changes[family] = {"changed": changed, "share": round(changed / max(1, len(rows)), 4)}
    return {"report": report, "cost_per_item": cost_per_item([r["label"] for r in rows], verdicts),
            "counterfactual_macro_f1": counterfactual, "label_changes": changes}


def heldout_summary(figures: dict[str, Any]) -> str:
    """One line of figures for the log and the terminal."""
    changes = ", ".join(f"{family} {c['changed']}/{figures['report']['n']}" for family, c in figures["label_changes"].items())
    counterfactual = ", ".join(f"{k} {v:.3f}" for k, v in figures["counterfactual_macro_f1"].items())
    return (f"n={figures['report']['n']} macro-F1 {figure(figures, 'macro_f1'):.3f}, hard {figure(figures, 'hard_macro_f1'):.3f}, "
            f"personal recall {figure(figures, 'personal_recall'):.3f}, pitch precision {figure(figures, 'pitch_precision'):.3f}, "
            f"unsure {figure(figures, 'unsure_rate'):.1%}, cost/item {figures['cost_per_item']:.3f}; macro-F1 with mutual "
            f"connections {counterfactual}; label changes: {changes}")

