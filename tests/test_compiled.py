"""The model compiled to arrays: the same probabilities as the pipeline, without scikit-learn."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from triage.model.classify import HASH_FILE, ModelError, decide, load_model, shipped_model_dir
from triage.model.compiled import ARRAYS_FILE
from triage.model.corpus import corpus_files, load_corpus, split_corpus

ROOT = Path(__file__).resolve().parent.parent


def test_the_arrays_give_the_pipelines_probabilities_on_the_whole_training_corpus() -> None:
    train, _ = split_corpus(load_corpus(corpus_files()))
    compiled, pickled = load_model(), load_model(compiled=False)
    assert compiled.compiled and not pickled.compiled
    a, b = compiled.engine.predict_proba(train), pickled.engine.predict_proba(train)
    assert a.shape == b.shape == (len(train), 3)
    assert np.abs(a - b).max() < 1e-5
    assert decide(a, compiled.classes, compiled.thresholds) == decide(b, pickled.classes, pickled.thresholds)


def test_odd_texts_score_the_same_both_ways() -> None:
    rows = [{"kind": "message", "text": t} for t in
            ("", " ", "ok", "Ünïcödé ß naïve café — 🎉🎉", "a" * 5000, "x\x00y", "\n\n\t", "? ! % $ € £ [ ]",
             "Hi Sam. Hi Sam. Hi Sam.", "https://example.com/a?b=c mail me: a@b.co")]
    rows.append({"kind": "inmail", "subject": "Quick question", "text": "15 minutes next week for a demo?"})
    a = load_model().engine.predict_proba(rows)
    b = load_model(compiled=False).engine.predict_proba(rows)
    assert np.abs(a - b).max() < 1e-5


def test_classifying_with_the_arrays_imports_no_scikit_learn() -> None:
    code = ("import sys; from triage.model.classify import load_model; from triage.items import Item; "
            "v = load_model().classify([Item(kind='message', text='Could we book a 15-minute demo next week?')]); "
            "print(v[0].label, 'sklearn' in sys.modules, 'scipy' in sys.modules, 'joblib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    label, *imported = out.stdout.split()
    assert label in ("pitch", "unsure", "generic", "personal") and imported == ["False", "False", "False"]


def test_changed_arrays_are_refused(tmp_path: Path) -> None:
    directory = tmp_path / "model"
    shutil.copytree(shipped_model_dir(), directory, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
    data = bytearray((directory / ARRAYS_FILE).read_bytes())
    data[len(data) // 3] ^= 0x01
    (directory / ARRAYS_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="SHA-256 does not match"):
        load_model(directory)
    (directory / ARRAYS_FILE).unlink()
    with pytest.raises(ModelError, match="missing"):
        load_model(directory)


def test_a_model_saved_without_arrays_is_classified_by_its_pickle(tmp_path: Path) -> None:
    directory = tmp_path / "model"
    shutil.copytree(shipped_model_dir(), directory, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
    (directory / ARRAYS_FILE).unlink()
    (directory / HASH_FILE).write_text((directory / HASH_FILE).read_text().split()[0] + "\n")  # the old format
    model = load_model(directory)
    assert not model.compiled and model.classes == load_model().classes


def test_a_model_saved_by_train_has_its_arrays(tmp_path: Path) -> None:
    from triage.model.training import train_model, save_model

    train, _ = split_corpus(load_corpus(corpus_files()))
    small = train[::6]
    pipeline, card = train_model(small, version="user-test", folds=3,
                                 thresholds={"personal": 0.4, "generic": 0.5, "pitch": 0.5})
    save_model(pipeline, card, tmp_path)
    model = load_model(tmp_path)
    assert model.compiled
    assert np.abs(model.engine.predict_proba(small) - pipeline.predict_proba(small)).max() < 1e-5
