"""What the pass, the corrections, the summary and the service need from a mail store: one interface, two backends.

The callers never know which backend they talk to (testkit's Maildir makes
tests and the demo cheap). A handle (`Ref`: an IMAP UID, a Maildir key)
belongs to one folder, which every call that takes handles names ('' = the
inbox), so no call depends on what another one selected. Folder names are
written with "/" and translated to the backend's own delimiter inside it.
Neither backend ever deletes mail it did not move itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

FLAGGED = "\\Flagged"
SEEN = "\\Seen"
SENT = "\\Sent"          # RFC 6154 special-use attribute of the Sent folder

Ref = int | str


@dataclass(frozen=True)
class Fetched:
    """One message as fetched: a backend handle (IMAP UID or Maildir key) and its bytes."""

    ref: Ref
    raw: bytes
    flags: frozenset[str]


@dataclass(frozen=True)
class InboxState:
    uidvalidity: int
    uidnext: int


class MailClient(ABC):
    """A mail store, as the rest of triage sees it.

    Backend-specific settings are given when the client is made (see
    `triage.mail.connect`): `inbox` names the inbox (also the key its
    checkpoint is kept under), `batch_size` how many messages a pass fetches at
    once; an IMAP client also knows whether to prefilter on the server.
    """

    inbox: str = "INBOX"
    batch_size: int = 500
    delimiter: str = "/"

    # -- the pass ---------------------------------------------------------

    @abstractmethod
    def open_inbox(self) -> InboxState:
        """The inbox's UIDVALIDITY/UIDNEXT (zeros where the backend has no UIDs)."""

    @abstractmethod
    def new_refs(self, after_uid: int, state: InboxState) -> tuple[list[Ref], int]:
        """Handles of the new candidate messages in the inbox, and how many new messages a
        server-side prefilter ruled out as not LinkedIn (0 without one)."""

    @abstractmethod
    def fetch(self, refs: Sequence[Ref], max_bytes: int) -> list[Fetched]:
        """Inbox messages, at most `max_bytes` of each, in one round trip, without marking them read."""

    @abstractmethod
    def ensure_folder(self, folder: str) -> None: ...

    @abstractmethod
    def move(self, refs: Sequence[Ref], target: str, folder: str = "") -> None:
        """Move messages of `folder` to `target`."""

    @abstractmethod
    def add_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None: ...

    @abstractmethod
    def remove_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None: ...

    @abstractmethod
    def locate(self, message_id: str, folder: str) -> list[Ref]:
        """Handles of messages with this Message-ID in a folder ('' = inbox)."""

    def locate_many(self, message_ids: Sequence[str], folder: str) -> dict[str, list[Ref]]:
        """`locate` for many Message-IDs at once: each found one mapped to its handles.

        The repair after a crash looks up every mail the pass had recorded but
        not yet moved, in the inbox and in each destination; one by one that is
        two searches per mail (half a minute for a batch of 1,000 in a large
        inbox). Backends answer it in a few commands; this default asks one by one."""
        found = {}
        for message_id in dict.fromkeys(message_ids):
            refs = self.locate(message_id, folder)
            if refs:
                found[message_id] = refs
        return found

    @abstractmethod
    def remove_copies(self, refs: Sequence[Ref]) -> None:
        """Remove inbox copies left by a move that was cut short (its target copy exists)."""

    # -- corrections and the summary ----------------------------------------

    @abstractmethod
    def arrivals(self, folder: str, since: tuple[int, int] | None) -> tuple[tuple[int, int], list[str]]:
        """Message-IDs that arrived in a folder since a (uidvalidity, uidnext) mark, and the new mark.

        This is how moves made in another mail client are noticed: cheaply, by
        looking only at UIDs the folder has handed out since the last look."""

    @abstractmethod
    def append(self, raw: bytes, folder: str = "") -> None:
        """Put a message (the summary) into a folder, unread."""

    # -- reply commands: what the user sent back from the summary --------------

    @abstractmethod
    def sent_folder(self, configured: str = "") -> str | None:
        """The folder the owner's mail client files sent mail in ("/"-separated), or None when there is none.

        `configured` when it is set and exists; else the folder the server marks
        \\Sent (RFC 6154). Names are never guessed: only the owner can put mail in
        that folder, which is what makes reading commands from it safe."""

    @abstractmethod
    def new_messages(self, folder: str, since: tuple[int, int] | None, *, mentioning: Sequence[str],
                     not_before: date | None, max_bytes: int) -> tuple[tuple[int, int], list[Fetched]]:
        """Messages that arrived in a folder since a (uidvalidity, uidnext) mark and mention one of
        `mentioning` (in the Subject, the body, In-Reply-To or References), fetched whole, left unread.

        With no mark yet (or a new UIDVALIDITY) it looks at those dated `not_before`
        or later, and at none when that is None. Returns the new mark too."""

    def relocate(self, message_id: str, source: str, target: str, *,
                 add: Sequence[str] = (), remove: Sequence[str] = ()) -> bool:
        """Move one message between folders ('' = inbox) and adjust its flags; False if it is not in `source`."""
        refs = self.locate(message_id, source)
        if not refs:
            return False
        self.remove_flags(refs, remove, source)
        self.add_flags(refs, add, source)
        if source != target:
            if target:
                self.ensure_folder(target)
            self.move(refs, target, source)
        return True

    # -- the service: waiting for new mail ----------------------------------

    @property
    def round_trips(self) -> int:
        """Commands sent to the server so far on this connection (0 for a local Maildir)."""
        return 0

    def supports_idle(self) -> bool:
        """Whether `idle_wait` can tell the service about new mail as it arrives (IMAP IDLE)."""
        return False

    def idle_start(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} cannot wait for new mail")

    def idle_wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds; True when new mail was announced."""
        raise NotImplementedError(f"{type(self).__name__} cannot wait for new mail")

    def idle_keepalive(self, timeout: float) -> bool:
        """Prove the waiting connection is alive (an answer within `timeout` s) and keep waiting; True on new mail."""
        raise NotImplementedError(f"{type(self).__name__} cannot wait for new mail")

    def idle_stop(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} cannot wait for new mail")

    # -- lifecycle ------------------------------------------------------------

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "MailClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
