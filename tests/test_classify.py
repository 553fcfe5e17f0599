"""The shipped classifier: verified before it is unpickled, and the decision policy the guide asks for."""

from __future__ import annotations

import json
import pickle
import shutil
from pathlib import Path

import joblib
import pytest

from triage.model.compiled import ARRAYS_FILE

from triage.items import Item
from triage.model import classify
from triage.model.classify import CARD_FILE, HASH_FILE, MODEL_FILE, Classifier, ModelError, item_record, load_model

LEGACY_MODEL = Path(__file__).parent / "fixtures" / "models" / "triage-0.1.0"

SHIPPED = Path(__file__).resolve().parent.parent / "models"


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_model()


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped model files to damage."""
    target = tmp_path / "model"
    target.mkdir()
    for name in (MODEL_FILE, ARRAYS_FILE, CARD_FILE, HASH_FILE):
        shutil.copy(SHIPPED / name, target / name)
    return target


@pytest.fixture
def no_unpickling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if load_model gets as far as unpickling."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was unpickled")
    import joblib

    monkeypatch.setattr(joblib, "load", refuse)


def one_line(error: pytest.ExceptionInfo[ModelError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert "triage train" in message
    return message


class Payload:
    """Unpickling this creates a file: stands in for a pickle that runs code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


# ------------------------------------------------------------------ loading


def test_shipped_model_loads_with_its_card(classifier: Classifier) -> None:
    assert classifier.version.startswith("seed-")
    assert set(classifier.thresholds) == {"personal", "generic", "pitch"}
    assert classifier.card["thresholds"] == classifier.thresholds


def test_one_changed_byte_is_refused_before_unpickling(model_copy: Path, no_unpickling: None) -> None:
    data = bytearray((model_copy / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0x01
    (model_copy / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError) as error:
        load_model(model_copy)
    assert MODEL_FILE in one_line(error)


def test_malicious_pickle_with_wrong_hash_never_runs(model_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pickle-ran"
    (model_copy / MODEL_FILE).write_bytes(pickle.dumps(Payload(marker)))
    with pytest.raises(ModelError) as error:
        load_model(model_copy)
    assert MODEL_FILE in one_line(error)
    assert not marker.exists()
    # The payload is live: loading it without the check would have run it.
    joblib.load(model_copy / MODEL_FILE)
    assert marker.exists()


def test_the_shipped_model_refers_to_todays_module_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "LEGACY_MODULES", {})
    assert load_model(None).version


def legacy_named_model(directory: Path) -> Path:
    """A small model saved the way 0.1.0 pickled it, under the old module name triage.features, with today's features."""
    import sys

    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    from triage.model import features
    from triage.model.training import save_model

    rows = [{"kind": "invitation", "text": "Great to meet you at the ops breakfast, Sam!", "label": "personal"},
            {"kind": "invitation", "text": "", "label": "generic"},
            {"kind": "message", "text": "Could we book a 15-minute demo call next week?", "label": "pitch"}] * 3
    pipeline = Pipeline([("hand", FunctionTransformer(features.hand_features)), ("model", LogisticRegression())])
    pipeline.fit(rows, [r["label"] for r in rows])
    card = {"version": "user-20261130-090000", "labels": ["personal", "generic", "pitch"],
            "thresholds": {"personal": 0.5, "pitch": 0.5, "generic": 0.5},
            "sklearn_version": __import__("sklearn").__version__, "hand_features": list(features.HAND_FEATURE_NAMES)}
    sys.modules["triage.features"] = features
    features.hand_features.__module__ = "triage.features"
    try:
        save_model(pipeline, card, directory)
    finally:
        features.hand_features.__module__ = "triage.model.features"
        del sys.modules["triage.features"]
    return directory


def test_a_model_pickled_under_the_old_module_names_still_loads_as_the_active_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0.1.0's save_model pickled triage.features. Such a model, kept in a user's registry, is checked against
    its hash and unpickled with the old module names answering from triage.model; nothing of the alias stays behind."""
    import sys

    from triage.config import parse_config
    from triage.model.registry import model_in_use, root, use

    config = parse_config({"maildir": {"path": str(tmp_path / "Mail")}, "state": {"path": str(tmp_path / "s.db")}})
    directory = legacy_named_model(root(config) / "user-20261130-090000")
    with monkeypatch.context() as patch:
        patch.setattr(classify, "LEGACY_MODULES", {})
        with pytest.raises(ModelError, match="could not be loaded"):
            load_model(directory)   # the pickle really names the old module
    use(config, "user-20261130-090000")
    old = model_in_use(config)
    assert old.version == "user-20261130-090000" and "triage.features" not in sys.modules
    verdicts = old.classify([Item(kind="invitation", text="Great to meet you at the ops breakfast, Sam!"),
                             Item(kind="message", text="Could we book a 15-minute demo call next week?")])
    assert [v.model_version for v in verdicts] == ["user-20261130-090000"] * 2
    (root(config) / "user-20261130-090000" / MODEL_FILE).write_bytes(b"changed")
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        model_in_use(config)


def test_a_model_trained_by_triage_0_1_0_is_refused_in_one_line(tmp_path: Path, no_unpickling: None) -> None:
    """tests/fixtures/models/triage-0.1.0 was written by 0.1.0: it reads the sender's numbers and headline
    (30 hand features), which this version no longer computes. It is refused before unpickling, with the fix."""
    with pytest.raises(ModelError) as error:
        load_model(LEGACY_MODEL)
    assert "other hand-made features" in one_line(error)


def test_sklearn_version_mismatch_is_refused(model_copy: Path, no_unpickling: None) -> None:
    card = json.loads((model_copy / CARD_FILE).read_text())
    card["sklearn_version"] = "0.24.2"
    (model_copy / CARD_FILE).write_text(json.dumps(card))
    with pytest.raises(ModelError) as error:
        load_model(model_copy)
    message = one_line(error)
    assert CARD_FILE in message and "0.24.2" in message


def test_missing_hash_file_is_refused(model_copy: Path, no_unpickling: None) -> None:
    (model_copy / HASH_FILE).unlink()
    with pytest.raises(ModelError) as error:
        load_model(model_copy)
    assert HASH_FILE in one_line(error)


# ------------------------------------------------------------------- policy


def test_invitation_without_a_note_is_generic(classifier: Classifier) -> None:
    headline = "I help CTOs cut cloud costs 40% | DM me"
    empty, default, german = classifier.classify([
        Item(kind="invitation", text="", sender_headline=headline),
        Item(kind="invitation", text="I'd like to join your LinkedIn network.", sender_headline=headline),
        Item(kind="invitation", text="Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen."),
    ])
    for verdict in (empty, default, german):
        assert verdict.label == "generic"
        assert verdict.confidence >= 0.95


def test_message_without_text_is_unsure_never_personal(classifier: Classifier) -> None:
    verdicts = classifier.classify([Item(kind="message", text=""), Item(kind="inmail", text="  ", subject="Hello")])
    assert [(v.label, v.reason) for v in verdicts] == [("unsure", "no text"), ("unsure", "no text")]


PERSONAL = [
    "Ines, it was great sitting next to you at the Porto data meetup on Thursday. Your story about the "
    "broken nightly ETL made my week. Would be good to stay in touch.",
    "How are we not connected yet after two years of standups together on the billing team? Hope the new "
    "flat in Lyon is treating you well!",
    "Hi Marta, I read your article on tenancy law reform for small landlords and the section on deposit "
    "disputes answered a question I'd had for months. Thank you for writing it.",
]
PITCH = [
    "Hi there, my agency helps law firms like yours get 30+ qualified leads a month with done-for-you SEO. "
    "Do you have 15 minutes next Tuesday for a quick call? https://calendly.com/growthpros/15min",
    "Loved your recent post on hiring! By the way, we build offshore development teams at half the cost. "
    "Could I send you our pricing deck?",
    "I just launched my podcast on leadership. Please listen, rate and review it on Spotify and share it "
    "with your network: https://pod.example.com/ep1",
]


@pytest.mark.parametrize("text", PERSONAL)
def test_clear_personal_notes_are_personal(classifier: Classifier, text: str) -> None:
    assert classifier.classify([Item(kind="invitation", text=text[:300], mutual_connections=14)])[0].label == "personal"


@pytest.mark.parametrize("text", PITCH)
def test_clear_pitches_are_pitch(classifier: Classifier, text: str) -> None:
    verdict = classifier.classify([Item(kind="message", text=text, sender_headline="Founder & CEO")])[0]
    assert verdict.label == "pitch"
    assert verdict.confidence >= classifier.thresholds["pitch"]


def test_salesy_headline_alone_does_not_make_a_pitch(classifier: Classifier) -> None:
    item = Item(kind="invitation", text="Great to connect with fellow professionals!",
                sender_headline="I help B2B founders 10x revenue | Lead gen | DM me for a free audit")
    assert classifier.classify([item])[0].label != "pitch"


def test_batch_keeps_order_and_carries_the_model_version(classifier: Classifier) -> None:
    items = [Item(kind="message", text=""), Item(kind="message", text=PITCH[0]),
             Item(kind="invitation", text=PERSONAL[0][:300]), Item(kind="invitation")]
    verdicts = classifier.classify(items)
    assert [v.label for v in verdicts] == ["unsure", "pitch", "personal", "generic"]
    assert all(v.model_version == classifier.version for v in verdicts)
    assert all(abs(sum(v.probabilities.values()) - 1) < 1e-6 for v in verdicts[1:])


def test_explain_shows_what_pushed_the_label(classifier: Classifier) -> None:
    row = item_record(Item(kind="message", text=PITCH[0]))
    explained = classifier.explain(row, top=5)
    assert explained["label"] == "pitch"
    assert set(explained["contributions"]) == {"personal", "generic", "pitch"}
    assert all(len(c) <= 5 for c in explained["contributions"].values())
    assert explained["pushed_by"], "something must push a pitch towards pitch"
    assert all(name.split(":")[0] in ("words", "chars", "hand") for name in explained["contributions"]["pitch"])
    json.dumps(explained)


# ------------------------------------------------------ `triage eval` on a user's file


def plain_file(tmp_path: Path) -> Path:
    """A user's own labeled rows: kind, label and text only, one with a sender count, no ids or batches."""
    rows = [{"kind": "invitation", "label": "personal", "text": PERSONAL[0][:300]},
            {"kind": "message", "label": "pitch", "text": PITCH[0], "mutual_connections": 40},
            {"kind": "invitation", "label": "generic", "text": ""},
            {"kind": "message", "label": "personal", "text": PITCH[2], "id": "my-own-7"}]
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def eval_cli(*args: str, tmp_path: Path) -> "Result":
    from click.testing import CliRunner

    from triage.cli import main

    # No config anywhere: the shipped model answers.
    return CliRunner(env={"TRIAGE_CONFIG": str(tmp_path / "absent.toml")}).invoke(main, ["eval", *args])


def test_eval_reads_a_plain_labeled_file(tmp_path: Path) -> None:
    result = eval_cli("--data", str(plain_file(tmp_path)), tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    assert "4 items" in result.output and "macro-F1=" in result.output


def test_eval_items_say_which_rows_were_wrong(tmp_path: Path) -> None:
    path = plain_file(tmp_path)
    result = eval_cli("--data", str(path), "--json", "--items", tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 4
    items = report["items"]
    assert [i["item"] for i in items] == [f"{path}:1", f"{path}:2", f"{path}:3", "my-own-7"]
    assert [i["label"] for i in items] == ["personal", "pitch", "generic", "personal"]
    assert items[2]["verdict"] == "generic"
    # The last row is a podcast pitch labeled personal on purpose: it must show up as wrong.
    assert items[3]["verdict"] == "pitch" and items[3]["correct"] is False
    assert all(set(i) == {"item", "label", "verdict", "confidence", "correct"} for i in items)
    assert "items" not in json.loads(eval_cli("--data", str(path), "--json", tmp_path=tmp_path).output)


@pytest.mark.parametrize("row, expected", [
    ({"kind": "invitation", "text": "hi"}, "missing field(s) label"),
    ({"kind": "invitation", "label": "spam", "text": "hi"}, "label 'spam'"),
    ({"kind": "invitation", "label": "generic", "text": "hi", "mutual_connections": "many"}, "mutual_connections"),
])
def test_eval_refuses_a_bad_row_in_one_line(tmp_path: Path, row: dict, expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    result = eval_cli("--data", str(path), tmp_path=tmp_path)
    assert result.exit_code == 2
    assert expected in result.output and f"{path}:1" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
