"""The same pass over a local Maildir, and the demo built on it."""

from __future__ import annotations

import mailbox

from click.testing import CliRunner

from testkit.mailboxes import EXPECTED_FOLDER, labeled_mailbox, message_id
from triage.cli import main
from triage.demo import demo_messages


def maildir_places(path) -> dict[str, tuple[str, str]]:
    """Message-ID -> (folder, flags), asserting no message is in two places."""
    root = mailbox.Maildir(str(path), create=False)
    found: dict[str, tuple[str, str]] = {}
    boxes = [("INBOX", root)] + [(name.replace(".", "/"), root.get_folder(name)) for name in root.list_folders()]
    for name, box in boxes:
        for key in box.keys():
            msg = box.get_message(key)
            mid = msg["Message-ID"].strip()
            assert mid not in found, f"{mid} in two folders"
            found[mid] = (name, msg.get_flags())
    return found


def make_maildir(path, messages):
    box = mailbox.Maildir(str(path), create=True)
    for raw in messages:
        box.add(raw)
    box.close()


def test_maildir_pass_files_by_label(tmp_path):
    mails = labeled_mailbox()
    make_maildir(tmp_path / "Mail", mails.values())
    config = tmp_path / "c.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path / "Mail"}"\n[state]\npath = "{tmp_path / "s.db"}"\n')
    config.chmod(0o600)

    result = CliRunner().invoke(main, ["once", "-c", str(config)])

    assert result.exit_code == 0, result.output
    places = maildir_places(tmp_path / "Mail")
    for name, raw in mails.items():
        assert places[message_id(raw)][0] == EXPECTED_FOLDER[name], name
    assert "F" in places[message_id(mails["personal"])][1]
    assert "F" not in places[message_id(mails["plain"])][1]

    again = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert again.exit_code == 0
    assert again.output.startswith("personal 0 · generic 0 · pitch 0 · unsure 0 · suspicious 0")
    assert maildir_places(tmp_path / "Mail") == places


def test_demo_sorts_the_builtin_mailbox(tmp_path):
    result = CliRunner().invoke(main, ["demo", "--keep", str(tmp_path)])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"demo mailbox: {len(demo_messages())} messages")
    summary = lines[-2]
    assert lines[-1] == f"kept in {tmp_path}; try: triage summary --print -c {tmp_path / 'config.toml'}"
    counts = {part.rsplit(" ", 1)[0]: int(part.rsplit(" ", 1)[1]) for part in summary.split(" · ")}
    assert sum(counts.values()) == len(demo_messages())
    assert counts["personal"] >= 1 and counts["pitch"] >= 1 and counts["suspicious"] >= 1
    places = maildir_places(tmp_path / "Maildir")
    assert len(places) == len(demo_messages())
    assert "LinkedIn/Pitch (" in result.output
    # The kept mailbox has a config the other commands accept.
    printed = CliRunner().invoke(main, ["summary", "--print", "-c", str(tmp_path / "config.toml")])
    assert printed.exit_code == 0 and "PERSONAL (" in printed.output
