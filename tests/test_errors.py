"""One error type with an exit code, caught once by the CLI; one one-line formatter."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import main
from triage.config import ConfigError
from triage.corrections import CorrectionError
from triage.errors import EXIT_RUNTIME, EXIT_USAGE, TriageError, one_line
from triage.mail.errors import LoginRefused, MailError
from triage.model.classify import ModelError
from triage.model.corpus import CorpusError
from triage.model.registry import RegistryError
from triage.store import StateBusy, StateUnusable, Store


@pytest.mark.parametrize("error, code", [
    (ConfigError, EXIT_USAGE), (CorpusError, EXIT_USAGE), (MailError, EXIT_RUNTIME), (LoginRefused, EXIT_RUNTIME),
    (StateBusy, EXIT_RUNTIME), (ModelError, EXIT_RUNTIME), (RegistryError, EXIT_RUNTIME),
    (CorrectionError, EXIT_RUNTIME), (StateUnusable, EXIT_USAGE)])
def test_every_user_facing_error_is_a_triage_error_with_its_exit_code(error: type[TriageError], code: int) -> None:
    assert issubclass(error, TriageError) and error.exit_code == code


def test_one_line() -> None:
    assert one_line("a\n  b\tc") == "a b c"
    assert one_line(OSError()) == "OSError"
    cut = one_line("x" * 300, 20)
    assert len(cut) == 20 and cut.endswith("…")


def test_the_cli_shows_one_line_and_the_error_s_exit_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = CliRunner().invoke(main, ["eval", "--data", str(bad)])
    assert result.exit_code == EXIT_USAGE
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1 and "bad JSON" in result.output
    config = tmp_path / "c.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path}"\n\n[state]\npath = "{tmp_path / "s.db"}"\n')
    result = CliRunner().invoke(main, ["model", "use", "no-such-version", "-c", str(config)])
    assert result.exit_code == EXIT_RUNTIME and "no model version no-such-version" in result.output


@pytest.mark.parametrize("where, says", [
    ("missing-parent", "No such file or directory"),   # under a regular file: no folder can be made
    ("a-folder", "Is a directory"),
    ("not-sqlite", "file is not a database"),
])
def test_a_state_path_that_cannot_hold_a_database_is_one_line_not_a_traceback(
        tmp_path: Path, where: str, says: str) -> None:
    (tmp_path / "plain-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "not-sqlite").write_text("these are notes, not a database\n" * 40)
    path = {"missing-parent": tmp_path / "plain-file" / "sub" / "s.db",
            "a-folder": tmp_path / "a-folder", "not-sqlite": tmp_path / "not-sqlite"}[where]
    with pytest.raises(StateUnusable) as raised:
        Store(path)
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)
    if where != "missing-parent":
        assert says in str(raised.value)
    config = tmp_path / "c.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path}"\n\n[state]\npath = "{path}"\n')
    result = CliRunner().invoke(main, ["status", "-c", str(config)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert result.output.splitlines()[-1].startswith("Error: state ") and "Traceback" not in result.output


def test_a_new_state_database_is_private_from_its_first_byte(tmp_path: Path, monkeypatch) -> None:
    """Not chmod-ed after the fact: before SQLite writes its first byte (the switch to WAL) the file is 0600."""
    import os
    seen: list[tuple[int, int]] = []
    real_use_wal = Store._use_wal

    def use_wal(self, *args, **kwargs):
        info = os.stat(self.path)
        seen.append((info.st_mode & 0o777, info.st_size))
        return real_use_wal(self, *args, **kwargs)

    monkeypatch.setattr(Store, "_use_wal", use_wal)
    old = os.umask(0o022)
    try:
        Store(tmp_path / "fresh.db").close()
    finally:
        os.umask(old)
    assert seen == [(0o600, 0)]
    assert {(tmp_path / name).stat().st_mode & 0o777 for name in os.listdir(tmp_path)} == {0o600}
