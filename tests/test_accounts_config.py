"""[[accounts]]: several mailboxes in one file, each inheriting the top-level sections."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from triage.cli import main
from triage.config import DEFAULT_ACCOUNT, ConfigError, load_config

TWO = '''
[imap]
host = "imap.example.com"
password_env = "TRIAGE_TEST_PW"

[folders]
pitch = "Sales"

[parse]
owner_names = ["Sam Rivera"]

[[accounts]]
name = "work"
[accounts.imap]
username = "sam@work.example"
[accounts.summary]
to = "sam@work.example"

[[accounts]]
name = "personal"
[accounts.maildir]
path = "/tmp/personal-maildir"
[accounts.folders]
pitch = "Pitches"
[accounts.classifier]
model = "shared"
'''


def write(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text)
    path.chmod(0o600)
    return path


def test_single_account_file_is_the_default_account(tmp_path):
    config = load_config(write(tmp_path, '[imap]\nhost = "h"\nusername = "u"\npassword_env = "X"\n'))
    assert config.account == DEFAULT_ACCOUNT == "default"
    assert config.accounts == (config,)
    assert config.select(None, default_all=False) == (config,)


def test_accounts_inherit_the_top_level_and_override_key_by_key(tmp_path):
    config = load_config(write(tmp_path, TWO))
    work, personal = config.accounts
    assert config.account_names == ("work", "personal")
    assert work.imap.host == "imap.example.com" and work.imap.username == "sam@work.example"
    assert work.folders["pitch"] == "Sales" and work.folders["generic"] == "LinkedIn/Generic"
    assert work.owner_names == ("Sam Rivera",) and work.summary.to == "sam@work.example"
    assert work.model_shared is False and personal.model_shared is True and personal.model_dir is None
    # an account's [maildir] replaces the inherited [imap]
    assert personal.imap is None and str(personal.maildir) == "/tmp/personal-maildir"
    assert personal.folders["pitch"] == "Pitches" and personal.summary.to == ""
    assert work.state_path == personal.state_path


def test_select(tmp_path):
    config = load_config(write(tmp_path, TWO))
    assert [a.account for a in config.select(None, default_all=True)] == ["work", "personal"]
    assert [a.account for a in config.select("personal", default_all=False)] == ["personal"]
    with pytest.raises(ConfigError, match=r"has 2 accounts: give --account work \| personal"):
        config.select(None, default_all=False)
    with pytest.raises(ConfigError, match=r"no account 'home' \(accounts: work, personal\)"):
        config.select("home", default_all=True)


@pytest.mark.parametrize("change, message", [
    (("[accounts.summary]\nto", "[accounts.summary]\ncolour = 1\nto"), "account 'work': unknown key [summary] colour"),
    (('name = "personal"', 'name = "work"'), "[[accounts]] name 'work' is used twice"),
    (('name = "personal"', 'name = "Per sonal"'), "[[accounts]] name must be"),
    (("[accounts.summary]\nto", "[accounts.smtp]\npassword = 'hunter2'\n[accounts.summary]\nto"), None),
    (("[accounts.summary]\nto", "[accounts.service]\npoll_minutes = 1\n[accounts.summary]\nto"),
     "account 'work': unknown section [accounts.service]"),
    (('username = "sam@work.example"', 'port = 143'), "account 'work': [imap] username is required"),
    (("[accounts.summary]\nto", "[accounts.summary]\ncombine = true\nto"), "combine belongs to the top level"),
    (('[accounts.maildir]\npath = "/tmp/personal-maildir"', '[accounts.imap]\nusername = "sam@work.example"'),
     "accounts 'work' and 'personal' read the same mailbox"),
])
def test_account_mistakes_are_one_line_naming_the_key_and_the_file(tmp_path, change, message):
    old, new = change
    path = write(tmp_path, TWO.replace(old, new, 1))
    with pytest.raises(ConfigError) as err:
        load_config(path)
    text = str(err.value)
    assert str(path) in text and "\n" not in text and "hunter2" not in text
    assert (message or "secrets do not belong in the config file") in text


def test_a_secret_at_the_account_level_is_refused(tmp_path):
    path = write(tmp_path, TWO.replace('name = "work"', 'name = "work"\ntoken = "abc"'))
    with pytest.raises(ConfigError, match="account 'work': token: secrets do not belong"):
        load_config(path)


def test_a_command_on_one_of_several_accounts_names_the_choices(tmp_path):
    path = write(tmp_path, TWO)
    result = CliRunner().invoke(main, ["label", "--list", "-c", str(path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {path} has 2 accounts: give --account work | personal"
    result = CliRunner().invoke(main, ["label", "--list", "--account", "nope", "-c", str(path)])
    assert result.exit_code == 2 and "no account 'nope' (accounts: work, personal)" in result.output
