"""The seed corpus: labeled JSONL batches (corpus/FORMAT.md), read strictly, split by whole batches.

Four whole batches (new writers, new mailbox owners) are the held-out test
set, fixed before any model was trained; everything else is training data.
corpus/independent/ holds the second held-out set, read only to report on.
A user's own labeled file (`triage eval`) is read more leniently: load_labeled.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import EXIT_USAGE, TriageError
from ..items import LABELED_KINDS, LABELS

# The checkout's corpus/ (installed with the package as triage.seed_corpus, see `seed_corpus_paths`).
CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"
# Whole batches held out as the test set, fixed before any model was trained.
TEST_BATCHES = ("b04-law-marta", "b07-recruit-sven", "b10-cfo-hana", "b13-architect-luca")
# The second held-out set: batches by writers who never saw the rest of the corpus,
# never trained on and never used to choose anything (corpus_files() does not read it).
INDEPENDENT_DIR = CORPUS_DIR / "independent"
REQUIRED_FIELDS = ("id", "batch", "kind", "label", "text")
# What a user's own labeled file needs (`triage eval`); the rest is read when present.
LABELED_FIELDS = ("kind", "label", "text")
OPTIONAL_TEXT_FIELDS = ("subject", "sender_name", "sender_headline", "sender_location")


class CorpusError(TriageError):
    """A corpus file that cannot be read: one line naming file:line."""

    exit_code = EXIT_USAGE


def load_corpus(paths: Iterable[Path | str]) -> list[dict[str, Any]]:
    """Rows of the given corpus files (a directory means its b*.jsonl files), in file order; every row has an id and a batch."""
    return [row for _, row in _read_labeled(paths, REQUIRED_FIELDS)]


def load_labeled(paths: Iterable[Path | str]) -> tuple[list[dict[str, Any]], list[str]]:
    """A user's labeled rows, which need only kind, label and text, and where each came from ("file:line").

    `triage eval` reads these: a plain file of the user's own mail has no
    corpus ids or batches. Sender fields and subject are read when present.
    """
    pairs = list(_read_labeled(paths, LABELED_FIELDS))
    return [row for _, row in pairs], [source for source, _ in pairs]


def _read_labeled(paths: Iterable[Path | str], required: Sequence[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in _expand(paths):
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{path}: cannot be read ({exc})") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: bad JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}")
            missing = [f for f in required if f not in row]
            if missing:
                raise CorpusError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
            if row["label"] not in LABELS:
                raise CorpusError(f"{path}:{number}: label {row['label']!r} is not one of {', '.join(LABELS)}")
            if row["kind"] not in LABELED_KINDS:
                raise CorpusError(f"{path}:{number}: kind {row['kind']!r} is not one of {', '.join(LABELED_KINDS)}")
            for field in ("text",) + OPTIONAL_TEXT_FIELDS:
                if field in row and not isinstance(row[field], str) and not (field != "text" and row[field] is None):
                    raise CorpusError(f"{path}:{number}: {field} must be a string")
            mutual = row.get("mutual_connections")
            if mutual is not None and (isinstance(mutual, bool) or not isinstance(mutual, int) or mutual < 0):
                raise CorpusError(f"{path}:{number}: mutual_connections must be a whole number or null")
            yield f"{path}:{number}", row


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """The batch files of a corpus folder, sorted by name."""
    return sorted(Path(directory).glob("b*.jsonl"))


def independent_files(directory: Path = INDEPENDENT_DIR) -> list[Path]:
    """The batch files of the independent held-out set, sorted by name."""
    return sorted(Path(directory).glob("h*.jsonl"))


def heldout_sets(corpus_dir: Path = CORPUS_DIR) -> dict[str, list[dict[str, Any]]]:
    """The two held-out sets: the old batches of corpus/ ("test") and the batches of corpus/independent/."""
    _, test = split_corpus(load_corpus(corpus_files(corpus_dir)))
    return {"test": test, "independent": load_corpus(independent_files(Path(corpus_dir) / "independent"))}


def _expand(paths: Iterable[Path | str]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        out.extend(corpus_files(path) if path.is_dir() else [path])
    return out


def corpus_sha256(paths: Iterable[Path | str]) -> str:
    """SHA-256 over the files' contents, concatenated in file-name order: which data a model saw."""
    digest = hashlib.sha256()
    for path in sorted(_expand(paths), key=lambda p: p.name):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def is_test_batch(batch: str) -> bool:
    """Held-out batches match by their number (b04, b07, b10, b13), so a renamed slug cannot leak them into training."""
    return batch.split("-")[0] in {b.split("-")[0] for b in TEST_BATCHES}


def split_corpus(rows: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(train, test) by the fixed held-out batches."""
    train = [r for r in rows if not is_test_batch(str(r.get("batch", "")))]
    test = [r for r in rows if is_test_batch(str(r.get("batch", "")))]
    return train, test


def checkout_root() -> Path | None:
    """The source checkout this package runs from (PYTHONPATH or an editable install), else None.

    A checkout's own models/ and corpus/ come first: an editable install of
    another checkout maps the package data (triage.shipped_model,
    triage.seed_corpus) to *that* checkout's folders.
    """
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "models").is_dir() else None


def seed_corpus_paths() -> list[Path]:
    """The seed batches shipped with triage: the checkout's corpus/ when running from one, else the package data.

    Only b*.jsonl: the independent held-out set in corpus/independent/ is never
    trained on, not even by a user's retrain.
    """
    root = checkout_root()
    if root is not None and corpus_files(root / "corpus"):
        return corpus_files(root / "corpus")
    try:
        folder = resources.files("triage.seed_corpus")
        paths = sorted(Path(str(p)) for p in folder.iterdir() if p.name.startswith("b") and p.name.endswith(".jsonl"))
        if paths:
            return paths
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    return corpus_files(CORPUS_DIR)
