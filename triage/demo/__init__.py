"""`triage demo`: the real pass over a built-in sample mailbox, in a temporary Maildir."""

from __future__ import annotations

import email.parser
import email.policy
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ..config import parse_config
from ..mail.errors import MailError
from ..mail.maildir import MaildirClient
from ..passes import run_once

_HEADERS = email.parser.BytesHeaderParser(policy=email.policy.default)
DEMO_OWNER = "sam@example.org"     # whom the demo mail is addressed to


def demo_messages() -> list[tuple[str, bytes]]:
    """The shipped sample notifications, by file name."""
    folder = resources.files("triage.demo")
    return sorted((p.name, p.read_bytes()) for p in folder.iterdir() if p.name.endswith(".eml"))


def build_demo_maildir(path: Path) -> int:
    client = MaildirClient(path, create=True)
    messages = demo_messages()
    for _, raw in messages:
        client.root.add(raw)
    client.close()
    return len(messages)


def run_demo(keep: Path | None = None) -> Iterator[str]:
    """Build the demo Maildir, sort it with the shipped model, describe the result."""
    with tempfile.TemporaryDirectory(prefix="triage-demo-") as tmp:
        root = keep or Path(tmp)
        maildir = root / "Maildir"
        if keep is not None and maildir.exists():
            raise MailError(f"{maildir} exists already; give --keep an empty or new directory")
        root.mkdir(parents=True, exist_ok=True)
        count = build_demo_maildir(maildir)
        config = parse_config({"maildir": {"path": str(maildir)},
                               "state": {"path": str(root / "triage.db")},
                               "summary": {"to": DEMO_OWNER}})
        yield f"demo mailbox: {count} messages in {maildir}"
        result = run_once(config)
        yield ""
        for folder in ["", *sorted({f for f in config.folders.values() if f})]:
            lines = list(_folder_lines(maildir, folder))
            yield f"{folder or 'INBOX'} ({len(lines)})"
            yield from lines
            yield ""
        yield result.summary_line()
        if keep is not None:
            # A config for the kept mailbox, so the other commands can be tried on it.
            path = root / "config.toml"
            path.write_text(f'[maildir]\npath = "{maildir}"\n\n[state]\npath = "{root / "triage.db"}"\n\n'
                            f'[summary]\nto = "{DEMO_OWNER}"   # the summary\'s reply links write to this address\n')
            path.chmod(0o600)
            yield f"kept in {root}; try: triage summary --print -c {path}"


def _folder_lines(maildir: Path, folder: str) -> Iterator[str]:
    client = MaildirClient(maildir)
    try:
        box = client.root if folder == "" else client.root.get_folder(folder.replace("/", "."))
    except Exception:
        return
    for key in sorted(box.keys()):
        message = box.get_message(key)
        with box.get_file(key) as f:
            headers = _HEADERS.parse(f)
        mark = "*" if "F" in message.get_flags() else " "
        sender = str(headers.get("From", ""))[:42]
        yield f"  {mark} {sender:<42} {str(headers.get('Subject', ''))[:58]}"

