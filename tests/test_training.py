"""Training, saving, evaluating and corpus loading, on small subsets so the file stays fast."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from triage.items import Verdict
from triage.model.classify import Classifier, load_model
from triage.model.corpus import (CorpusError, corpus_files, heldout_sets, independent_files, load_corpus, load_labeled,
                                 seed_corpus_paths, split_corpus)
from triage.model.evaluation import evaluate, format_report, rule_baseline
from triage.model.training import choose_thresholds, save_model, train_model

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def small_rows() -> list[dict]:
    """30 rows from each of four training batches: enough to train, small enough to be quick."""
    train, _ = split_corpus(load_corpus(corpus_files(CORPUS)))
    by_batch: dict[str, list[dict]] = defaultdict(list)
    for row in train:
        by_batch[row["batch"]].append(row)
    # Ten of each label per batch: some batch files are grouped by label.
    return [row for batch in sorted(by_batch)[:4] for label in ("personal", "generic", "pitch")
            for row in [r for r in by_batch[batch] if r["label"] == label][:10]]


@pytest.fixture(scope="module")
def trained(small_rows: list[dict]) -> tuple[object, dict]:
    return train_model(small_rows, version="test-1", folds=2)


def test_train_model_writes_a_complete_card(trained: tuple[object, dict], small_rows: list[dict]) -> None:
    _, card = trained
    assert card["version"] == "test-1"
    assert card["n_train"] == len(small_rows)
    assert card["labels"] == ["personal", "generic", "pitch"]
    assert set(card["thresholds"]) == {"personal", "generic", "pitch"}
    assert 0 <= card["metrics"]["cv"]["macro_f1"] <= 1


def test_save_and_load_round_trip_gives_identical_predictions(trained: tuple[object, dict], small_rows: list[dict],
                                                              tmp_path: Path) -> None:
    pipeline, card = trained
    save_model(pipeline, card, tmp_path)
    before = Classifier(pipeline, card).classify_records(small_rows)
    after = load_model(tmp_path, compiled=False).classify_records(small_rows)
    assert [(v.label, v.probabilities) for v in before] == [(v.label, v.probabilities) for v in after]
    # The arrays saved beside the pickle: the same labels, probabilities equal to float rounding.
    arrays = load_model(tmp_path).classify_records(small_rows)
    assert [v.label for v in arrays] == [v.label for v in before]
    assert max(abs(v.probabilities[k] - w.probabilities[k]) for v, w in zip(arrays, before) for k in v.probabilities) < 1e-6
    assert json.loads((tmp_path / "model-card.json").read_text())["version"] == "test-1"
    assert not list(tmp_path.glob("*.tmp"))


def test_corrections_are_counted_and_weighted(small_rows: list[dict]) -> None:
    corrections = [dict(small_rows[0], id="c1"), dict(small_rows[1], id="c2")]
    _, card = train_model(small_rows[:60] + small_rows[-60:], extra_rows=corrections, version="t", folds=2)
    assert card["n_corrections"] == 2
    assert card["n_train"] == 122
    assert card["correction_weight"] == 8.0


class FixedVerdicts:
    """A stand-in classifier that returns given labels, to check evaluate's arithmetic."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def classify_records(self, rows: list[dict]) -> list[Verdict]:
        return [Verdict(label, 1.0) for label in self.labels]


def test_evaluate_counts_exactly_with_unsure_as_wrong() -> None:
    truth = ["personal", "personal", "personal", "personal", "generic", "generic", "pitch", "pitch"]
    said = ["personal", "personal", "personal", "unsure", "generic", "pitch", "pitch", "personal"]
    report = evaluate(FixedVerdicts(said), [{"label": t} for t in truth])
    personal, generic, pitch = (report["per_class"][k] for k in ("personal", "generic", "pitch"))
    assert (personal["precision"], personal["recall"], personal["support"]) == (0.75, 0.75, 4)
    assert (generic["precision"], generic["recall"]) == (1.0, 0.5)
    assert (pitch["precision"], pitch["recall"]) == (0.5, 0.5)
    assert generic["f1"] == round(2 / 3, 4)
    assert report["macro_f1"] == round((0.75 + 2 / 3 + 0.5) / 3, 4)
    assert report["unsure_rate"] == 0.125 and report["n"] == 8
    assert report["confusion"]["labels"] == ["personal", "generic", "pitch", "unsure"]
    assert report["confusion"]["matrix"][0] == [3, 0, 0, 1]
    assert report["confusion"]["matrix"][2] == [1, 0, 1, 0]
    text = format_report(report)
    assert "personal" in text and "0.750" in text and "unsure" in text


def test_thresholds_meet_personal_recall_on_validation() -> None:
    rng = np.random.default_rng(0)
    truth = ["personal"] * 100 + ["generic"] * 100 + ["pitch"] * 100
    p_personal = np.concatenate([rng.uniform(0.2, 1.0, 100), rng.uniform(0.0, 0.4, 200)])
    rest = 1 - p_personal
    share = np.concatenate([rng.uniform(0, 1, 100), rng.uniform(0.6, 1, 100), rng.uniform(0, 0.4, 100)])
    probs = np.column_stack([rest * share, p_personal, rest * (1 - share)])  # generic, personal, pitch
    rows = [{"label": t, "kind": "message", "text": "x"} for t in truth]
    thresholds, search = choose_thresholds(rows, probs, ["generic", "personal", "pitch"])
    recall = float(np.mean(p_personal[:100] >= thresholds["personal"]))
    assert recall >= 0.98
    assert search["targets_met"] in (True, False)


def test_rule_baseline() -> None:
    rows = [{"kind": "invitation", "text": ""},
            {"kind": "invitation", "text": "I'd like to join your LinkedIn network."},
            {"kind": "message", "text": "Our agency offers SEO services, book a demo"},
            {"kind": "invitation", "text": "Great seeing you at the Leeds meetup on Friday!"}]
    assert rule_baseline(rows) == ["generic", "generic", "pitch", "personal"]


def test_split_holds_out_the_fixed_batches() -> None:
    rows = [{"batch": b} for b in ("b01-a", "b04-law-marta", "b07-recruit-sven", "b10-cfo-hana",
                                   "b13-architect-luca", "b16-z")]
    train, test = split_corpus(rows)
    assert [r["batch"] for r in train] == ["b01-a", "b16-z"]
    assert len(test) == 4


GOOD = {"id": "b99-x-001", "batch": "b99-x", "kind": "invitation", "label": "generic", "text": ""}


def test_load_corpus_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "b99-x.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n   \n" + json.dumps({**GOOD, "id": "b99-x-002"}) + "\n")
    assert [r["id"] for r in load_corpus([path])] == ["b99-x-001", "b99-x-002"]


@pytest.mark.parametrize("line, expected", [
    ('{"id": "b99-x-002", "batch": ', "bad JSON"),
    (json.dumps({k: v for k, v in GOOD.items() if k != "label"}), "missing field(s) label"),
    (json.dumps({**GOOD, "label": "spam"}), "label 'spam'"),
    ("[1, 2]", "expected a JSON object"),
])
def test_corpus_errors_are_one_line_with_file_and_line(tmp_path: Path, line: str, expected: str) -> None:
    path = tmp_path / "b99-x.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + line + "\n")
    with pytest.raises(CorpusError) as error:
        load_corpus([path])
    message = str(error.value)
    assert message.startswith(f"{path}:3: ")
    assert expected in message
    assert "\n" not in message


def test_classify_and_eval_answer_with_the_model_train_activated(small_rows: list[dict], tmp_path: Path) -> None:
    """One model in use for every command: after `triage train` activates a version, classify and eval use it."""
    from click.testing import CliRunner

    from triage.cli import main

    data = tmp_path / "small.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in small_rows[:60]))   # training batches only: fast
    config = tmp_path / "config.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path / "Mail"}"\n\n[state]\npath = "{tmp_path / "triage.db"}"\n')
    config.chmod(0o600)

    def classify() -> dict:
        result = CliRunner().invoke(main, ["classify", "-c", str(config), "--json", "--text",
                                           "Great to meet you at the Bristol ops breakfast, Sam!"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    shipped = load_model(None).version
    assert classify()["model"] == shipped
    trained = CliRunner().invoke(main, ["train", "-c", str(config), "--data", str(data)])
    assert trained.exit_code == 0 and "activated" in trained.output, trained.output
    version = trained.output.split()[1]                      # "trained user-... on the seed corpus ..."
    assert version.startswith("user-") and classify()["model"] == version != shipped
    evaluated = CliRunner().invoke(main, ["eval", "-c", str(config), "--data", str(data)])
    assert evaluated.exit_code == 0 and evaluated.output.startswith(f"model {version},"), evaluated.output


def test_load_labeled_needs_only_kind_label_and_text(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"kind": "message", "label": "pitch", "text": "Book a demo"}) + "\n\n"
                    + json.dumps({"kind": "invitation", "label": "generic", "text": "", "id": "x1",
                                  "mutual_connections": None, "sender_headline": "Nurse"}) + "\n")
    rows, sources = load_labeled([path])
    assert [r["label"] for r in rows] == ["pitch", "generic"]
    assert sources == [f"{path}:1", f"{path}:3"]
    with pytest.raises(CorpusError, match="missing field\\(s\\) id, batch"):
        load_corpus([path])


def test_evaluate_reports_hard_cases_apart() -> None:
    rows = [{"label": "personal", "difficulty": "hard"}, {"label": "pitch", "difficulty": "hard"},
            {"label": "generic", "difficulty": "easy"}, {"label": "pitch", "difficulty": "easy"}]
    report = evaluate(FixedVerdicts(["personal", "personal", "generic", "pitch"]), rows)
    assert report["hard"]["n"] == 2
    assert report["hard"]["macro_f1"] == round((2 / 3 + 0 + 0) / 3, 4)
    assert "hard cases (n=2)" in format_report(report)
    assert "hard" not in evaluate(FixedVerdicts(["pitch"]), [{"label": "pitch"}])


def test_the_independent_set_is_held_out_from_everything_that_trains() -> None:
    independent = {p.name for p in independent_files()}
    assert len(independent) >= 3
    trained_on = {p.name for p in corpus_files()} | {p.name for p in seed_corpus_paths()}
    assert trained_on and not independent & trained_on
    train, _ = split_corpus(load_corpus(corpus_files()))
    sets = heldout_sets()
    assert {r["batch"] for r in sets["independent"]}.isdisjoint({r["batch"] for r in train})
    assert {r["owner"] for r in sets["independent"]}.isdisjoint({r["owner"] for r in train} | {r["owner"] for r in sets["test"]})



def test_counterfactual_command_scores_both_sets_and_logs_each(trained: tuple[object, dict], small_rows: list[dict],
                                                               tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """`python -m triage.model.training --counterfactual`, on a stand-in corpus (the real held-out sets stay unread)."""
    from triage.model.training import print_counterfactual

    pipeline, card = trained
    save_model(pipeline, card, tmp_path / "model")
    corpus = tmp_path / "corpus"
    (corpus / "independent").mkdir(parents=True)
    for name, rows in (("b04-stand-in.jsonl", small_rows[:30]), ("independent/h01-stand-in.jsonl", small_rows[30:60])):
        (corpus / name).write_text("".join(json.dumps({**r, "batch": Path(name).stem}) + "\n" for r in rows))
    log = tmp_path / "log.md"
    print_counterfactual(tmp_path / "model", corpus, heldout_log=log)
    out = capsys.readouterr().out
    assert "| set | mutual connections as written | mutual connections 0 | mutual connections 50 | spread |" in out
    assert "| old held-out batches |" in out and "| independent held-out batches |" in out
    logged = log.read_text().splitlines()
    assert len(logged) == 2 and "--counterfactual" in logged[0] and "n=30 macro-F1" in logged[1]


def test_a_second_build_on_the_same_day_gets_the_next_version(tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from triage.model.training import next_seed_version

    day = datetime(2026, 12, 3, tzinfo=timezone.utc)
    assert next_seed_version(tmp_path, day) == "seed-2026.12.03-1"
    (tmp_path / "model-card.json").write_text(json.dumps({"version": "seed-2026.12.03-2"}))
    assert next_seed_version(tmp_path, day) == "seed-2026.12.03-3"
    assert next_seed_version(tmp_path, datetime(2026, 12, 4, tzinfo=timezone.utc)) == "seed-2026.12.04-1"
    (tmp_path / "model-card.json").write_text("not json")
    assert next_seed_version(tmp_path, day) == "seed-2026.12.03-1"
