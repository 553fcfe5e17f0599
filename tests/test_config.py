"""Config loading: every mistake is one line naming the key and the file, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from triage.cli import main
from triage.config import ConfigError, load_config, parse_config
from triage.mail.credentials import imap_password

GOOD = '[imap]\nhost = "imap.example.com"\nusername = "me@example.com"\npassword_env = "TRIAGE_TEST_PW"\n'


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_defaults(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert config.imap.port == 993 and config.imap.security == "tls"
    assert config.folders["pitch"] == "LinkedIn/Pitch" and config.folders["personal"] == ""
    assert config.flag_labels == ("personal",)
    assert config.state_path.name == "triage.db"
    assert config.warnings == []


@pytest.mark.parametrize("text, message", [
    (GOOD + "colour = 1\n", "unknown key [imap] colour"),
    (GOOD + "[folderz]\n", "unknown section [folderz]"),
    (GOOD.replace('"imap.example.com"', "42"), "[imap] host must be str, not int"),
    (GOOD + "port = true\n", "[imap] port must be int, not bool"),
    (GOOD + 'security = "ssl"\n', "[imap] security must be one of tls, starttls, none"),
    (GOOD + 'security = "none"\n', "allowed for loopback hosts only"),
    (GOOD + 'password = "hunter2"\n', "secrets do not belong in the config file"),
    (GOOD + 'password_file = "/x"\n', "exactly one of password_env, password_file, password_command"),
    (GOOD + '[actions]\nflag = ["personnal"]\n', "unknown label 'personnal'"),
    ("[imap\n", "not valid TOML"),
])
def test_mistakes_name_the_key_and_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert "hunter2" not in str(err.value)


def test_cli_exit_code_2_and_one_line(tmp_path):
    path = write(tmp_path, GOOD + "colour = 1\n")
    result = CliRunner().invoke(main, ["once", "-c", str(path)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [f"Error: {path}: unknown key [imap] colour"]


def test_missing_password_variable_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.delenv("TRIAGE_TEST_PW", raising=False)
    path = write(tmp_path, GOOD)
    result = CliRunner().invoke(main, ["once", "-c", str(path)])
    assert result.exit_code == 2
    assert "environment variable TRIAGE_TEST_PW is not set" in result.output
    assert str(path) in result.output


def test_missing_config_file(tmp_path):
    result = CliRunner().invoke(main, ["once", "-c", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "config file not found" in result.output


def test_config_found_through_environment(tmp_path, monkeypatch):
    path = write(tmp_path, GOOD + "colour = 1\n")
    monkeypatch.setenv("TRIAGE_CONFIG", str(path))
    result = CliRunner().invoke(main, ["once"])
    assert result.exit_code == 2 and str(path) in result.output


def test_world_readable_config_warns(tmp_path):
    path = write(tmp_path, GOOD)
    path.chmod(0o644)
    assert any("readable by other users" in w for w in load_config(path).warnings)


def test_password_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIAGE_TEST_PW", "from-env")
    assert imap_password(parse_config({"imap": {"host": "h", "username": "u", "password_env": "TRIAGE_TEST_PW"}}).imap) == "from-env"
    secret = tmp_path / "pw"
    secret.write_text("from-file\n")
    assert imap_password(parse_config({"imap": {"host": "h", "username": "u", "password_file": str(secret)}}).imap) == "from-file"
    cmd = parse_config({"imap": {"host": "h", "username": "u", "password_command": "printf from-command"}})
    assert imap_password(cmd.imap) == "from-command"
    failing = parse_config({"imap": {"host": "h", "username": "u", "password_command": "false"}})
    with pytest.raises(ConfigError, match="exited with 1"):
        imap_password(failing.imap)


def test_loopback_may_use_plain_imap():
    config = parse_config({"imap": {"host": "127.0.0.1", "username": "u", "password_env": "X", "security": "none"}})
    assert config.imap.security == "none"


def test_example_config_is_valid_and_documents_every_key(monkeypatch):
    """config.example.toml is the user's reference: it must load, and name every knob there is."""
    from triage.config import SCHEMA
    example = Path(__file__).resolve().parent.parent / "config.example.toml"
    monkeypatch.setenv("TRIAGE_IMAP_PASSWORD", "x")
    load_config(example)
    text = example.read_text()
    for section, keys in SCHEMA.items():
        assert f"[{section}]" in text, section
        for key in keys:
            assert f"\n{key} =" in text or f"# {key} =" in text, f"[{section}] {key}"
