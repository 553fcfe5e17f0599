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
from triage.store import StateBusy


@pytest.mark.parametrize("error, code", [
    (ConfigError, EXIT_USAGE), (CorpusError, EXIT_USAGE), (MailError, EXIT_RUNTIME), (LoginRefused, EXIT_RUNTIME),
    (StateBusy, EXIT_RUNTIME), (ModelError, EXIT_RUNTIME), (RegistryError, EXIT_RUNTIME),
    (CorrectionError, EXIT_RUNTIME)])
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
