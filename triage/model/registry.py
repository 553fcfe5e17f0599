"""Model versions the user trained, beside the state database.

The shipped model in `models/` stays read-only; each `triage train` writes a
new version directory here, the last five are kept, and one is active. An
activation history makes `triage model rollback` exact.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..config import DEFAULT_ACCOUNT, Config
from ..errors import TriageError
from .classify import Classifier, load_model, shipped_model_dir

KEEP = 5
SHIPPED = "shipped"


@dataclass(frozen=True)
class ModelInfo:
    version: str
    directory: Path | None          # None: the shipped model
    card: dict
    active: bool


class RegistryError(TriageError):
    """A model version that does not exist, or nothing to roll back to."""


def root(config: Config) -> Path:
    """models/ beside the state: the default account's and the shared model's; models/NAME/ an account's own."""
    base = config.state_path.parent / "models"
    return base if config.model_shared or config.account == DEFAULT_ACCOUNT else base / config.account


def _history_file(config: Config) -> Path:
    return root(config) / "history.json"


def _history(config: Config) -> list[str]:
    path = _history_file(config)
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return []


def _write_history(config: Config, history: list[str]) -> None:
    path = _history_file(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".history")
    with os.fdopen(fd, "w") as f:
        json.dump(history[-50:], f)
    os.replace(tmp, path)


def active_version(config: Config) -> str:
    history = _history(config)
    return history[-1] if history else SHIPPED


def active_model_dir(config: Config) -> Path | None:
    """The model to load: the config's explicit choice, else the active trained one, else shipped (None)."""
    if config.model_dir is not None:
        return config.model_dir
    version = active_version(config)
    if version == SHIPPED:
        return None
    directory = root(config) / version
    return directory if directory.is_dir() else None


def model_in_use(config: Config | None) -> Classifier:
    """The one model every command and the service answer with: the config's explicit choice, else the
    active trained version, else the shipped model (also without a config); verified before unpickling."""
    return load_model(active_model_dir(config) if config is not None else None)


def model_version(config: Config) -> str:
    """The active model's version from its card, without unpickling it (for `triage status`)."""
    directory = active_model_dir(config)
    return str(_card(directory if directory is not None else shipped_model_dir()).get("version", "?"))


def new_version_dir(config: Config, version: str) -> Path:
    directory = root(config) / version
    if directory.exists():
        raise RegistryError(f"model version {version} exists already")
    directory.parent.mkdir(parents=True, exist_ok=True)
    return directory


def versions(config: Config) -> list[ModelInfo]:
    """Shipped first, then trained versions oldest first."""
    active = active_version(config)
    out = [ModelInfo(SHIPPED, None, _card(shipped_model_dir()), active == SHIPPED)]
    base = root(config)
    if base.is_dir():
        dirs = sorted((d for d in base.iterdir() if d.is_dir() and (d / "model-card.json").exists()),
                      key=lambda d: _card(d).get("trained_at", ""))
        out += [ModelInfo(d.name, d, _card(d), d.name == active) for d in dirs]
    return out


def _card(directory: Path) -> dict:
    try:
        return json.loads((directory / "model-card.json").read_text())
    except (OSError, ValueError):
        return {}


def use(config: Config, version: str) -> None:
    if version != SHIPPED and not (root(config) / version / "model-card.json").exists():
        known = ", ".join(m.version for m in versions(config))
        raise RegistryError(f"no model version {version} (known: {known})")
    history = _history(config)
    if not history or history[-1] != version:
        _write_history(config, history + [version])


def rollback(config: Config) -> str:
    """Activate the version that was active before the current one."""
    history = _history(config)
    if not history:
        raise RegistryError("nothing to roll back: the shipped model is active")
    current = history.pop()
    while history and (history[-1] == current or
                       (history[-1] != SHIPPED and not (root(config) / history[-1]).is_dir())):
        history.pop()
    _write_history(config, history or [SHIPPED])
    return history[-1] if history else SHIPPED


def prune(config: Config, keep: int = KEEP) -> list[str]:
    """Delete all but the newest `keep` trained versions (never the active one)."""
    trained = [m for m in versions(config) if m.directory is not None]
    doomed = [m for m in trained[:-keep] if not m.active] if len(trained) > keep else []
    for m in doomed:
        shutil.rmtree(m.directory, ignore_errors=True)
    return [m.version for m in doomed]
