"""The Maildir backend: a local Maildir as mbsync or offlineimap keep it; folders are Maildir++ subfolders.

A Maildir has no UIDs: the inbox's new mail is all of it (known mail is
recognised by Message-ID in the state), and `arrivals` reports every message
of a folder. A move adds the message to its target before removing it from
its folder, so a crash in between leaves a duplicate the next pass repairs,
never a lost message.
"""

from __future__ import annotations

import email.parser
import email.policy
import mailbox as stdlib_mailbox
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path

from .client import FLAGGED, SEEN, Fetched, InboxState, MailClient, Ref
from .errors import MailError

_HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)
_MAILDIR_FLAGS = {FLAGGED: "F", SEEN: "S"}


class MaildirClient(MailClient):
    """A local Maildir; `create` makes it when it does not exist (the demo)."""

    delimiter = "."

    def __init__(self, path: Path, create: bool = False) -> None:
        if not create and not (path / "cur").is_dir():
            raise MailError(f"{path} is not a Maildir (no cur/ folder)")
        self.root = stdlib_mailbox.Maildir(str(path), factory=None, create=create)

    def _folder(self, folder: str) -> stdlib_mailbox.Maildir:
        if folder == "":
            return self.root
        return self.root.get_folder(folder.replace("/", self.delimiter))

    def open_inbox(self) -> InboxState:
        return InboxState(0, 0)

    def new_refs(self, after_uid: int, state: InboxState) -> tuple[list[Ref], int]:
        return sorted(self.root.keys()), 0

    def fetch(self, refs: Sequence[Ref], max_bytes: int) -> list[Fetched]:
        out = []
        for key in refs:
            try:
                with self.root.get_file(str(key)) as f:
                    raw = f.read(max_bytes)
                letters = _maildir_flags(self.root, str(key))
            except (KeyError, OSError):
                continue
            flags = frozenset(name for name, letter in _MAILDIR_FLAGS.items() if letter in letters)
            out.append(Fetched(key, raw, flags))
        return out

    def ensure_folder(self, folder: str) -> None:
        name = folder.replace("/", self.delimiter)
        if name not in self.root.list_folders():
            self.root.add_folder(name)

    def move(self, refs: Sequence[Ref], target: str, folder: str = "") -> None:
        box, to = self._folder(folder), self._folder(target)
        for key in refs:
            message = box.get_message(str(key))
            to.add(message)
            box.discard(str(key))

    def add_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None:
        self._change_flags(refs, flags, folder, add=True)

    def remove_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None:
        self._change_flags(refs, flags, folder, add=False)

    def locate(self, message_id: str, folder: str) -> list[Ref]:
        return [key for key, mid in self._message_ids(folder) if mid == message_id]

    def locate_many(self, message_ids: Sequence[str], folder: str) -> dict[str, list[Ref]]:
        wanted = set(message_ids)
        found: dict[str, list[Ref]] = {}
        for key, mid in self._message_ids(folder):   # one reading of the folder, not one per Message-ID
            if mid in wanted:
                found.setdefault(mid, []).append(key)
        return found

    def remove_copies(self, refs: Sequence[Ref]) -> None:
        for key in refs:
            self.root.discard(str(key))

    def arrivals(self, folder: str, since: tuple[int, int] | None) -> tuple[tuple[int, int], list[str]]:
        # No UIDs: every look reports every message; callers ignore known ones.
        return (0, 0), [mid for _, mid in self._message_ids(folder) if mid]

    def append(self, raw: bytes, folder: str = "") -> None:
        self._folder(folder).add(raw)

    def sent_folder(self, configured: str = "") -> str | None:
        # A Maildir has no special-use flags; mbsync and offlineimap keep "Sent" as a subfolder by that name.
        name = configured or "Sent"
        return name if name.replace("/", self.delimiter) in self.root.list_folders() else None

    def new_messages(self, folder: str, since: tuple[int, int] | None, *, mentioning: Sequence[str],
                     not_before: date | None, max_bytes: int) -> tuple[tuple[int, int], list[Fetched]]:
        # No UIDs: every look sees every message from `not_before` on (by file time); callers skip known ones.
        if not_before is None:
            return (0, 0), []
        try:
            box = self._folder(folder)
        except stdlib_mailbox.NoSuchMailboxError:
            return (0, 0), []
        oldest = datetime(not_before.year, not_before.month, not_before.day, tzinfo=timezone.utc).timestamp()
        words = [w.lower().encode() for w in mentioning]
        found = []
        for key in sorted(box.keys()):
            try:
                path = Path(box._path) / box._lookup(key)   # the stdlib's own key -> file table
                if path.stat().st_mtime < oldest:
                    continue
                raw = path.read_bytes()[:max_bytes]
            except (KeyError, OSError):
                continue
            if any(w in raw.lower() for w in words):
                found.append(Fetched(key, raw, frozenset()))
        return (0, 0), found

    def close(self) -> None:
        self.root.close()

    def _change_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str, *, add: bool) -> None:
        letters = "".join(_MAILDIR_FLAGS[f] for f in flags if f in _MAILDIR_FLAGS)
        if not letters:
            return
        box = self._folder(folder)
        for key in refs:
            message = box.get_message(str(key))
            if add:
                message.add_flag(letters)
                if message.get_subdir() == "new" and "S" in letters:
                    message.set_subdir("cur")   # seen mail belongs in cur/
            else:
                message.remove_flag(letters)
            box[str(key)] = message

    def _message_ids(self, folder: str) -> list[tuple[str, str]]:
        """(key, Message-ID) of every message in a folder; none for a folder that does not exist."""
        try:
            box = self._folder(folder)
        except stdlib_mailbox.NoSuchMailboxError:
            return []
        out = []
        for key in box.keys():
            try:
                with box.get_file(key) as f:
                    out.append((key, (_HEADER_PARSER.parse(f).get("Message-ID") or "").strip()))
            except (KeyError, OSError):
                continue
        return out


def _maildir_flags(box: stdlib_mailbox.Maildir, key: str) -> str:
    """The flag letters from the file name (Maildir.get_flags only exists from Python 3.13)."""
    name = box._lookup(key)  # the stdlib's own key -> file-name table
    return name.rsplit(":2,", 1)[1] if ":2," in name else ""
