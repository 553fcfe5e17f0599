"""One mail-access interface with two backends: IMAP and a local Maildir.

The pass never knows which one it talks to. Folder names are written with
"/" in the config and translated to the server's own hierarchy delimiter
here. Neither backend ever deletes mail it did not move itself: IMAP uses
MOVE, or UID COPY + \\Deleted + UID EXPUNGE of exactly the moved UIDs.
"""

from __future__ import annotations

import email.parser
import email.policy
import logging
import mailbox as stdlib_mailbox
import socket
import ssl
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import imapclient
from imapclient import imap_utf7
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.response_parser import parse_response

from .config import Config
from .errors import TriageError, one_line

log = logging.getLogger(__name__)

FLAGGED = "\\Flagged"
SEEN = "\\Seen"

# A server-side prefilter: anything that mentions LinkedIn anywhere, or whose
# From looks like it (lookalikes such as "linkedln" still contain "linked").
LINKEDIN_CRITERIA = ["OR", "OR", "FROM", "linked", "FROM", "lnkd", "TEXT", "linkedin"]
# The same for Gmail (X-GM-EXT-1), in its search syntax ({a b} is "a OR b").
GMAIL_LINKEDIN_QUERY = '{from:linkedin.com from:linkedln from:lnkd linkedin}'


class MailError(TriageError):
    """A mail-access failure the user must see as one line (exit code 1)."""


class LoginRefused(MailError):
    """The server said no to the credentials: retrying fast will not help."""


@dataclass(frozen=True)
class Fetched:
    """One message as fetched: a backend handle (IMAP UID or Maildir key) and its bytes."""

    ref: int | str
    raw: bytes
    flags: frozenset[str]


@dataclass(frozen=True)
class InboxState:
    uidvalidity: int
    uidnext: int


class MailClient(ABC):
    """What a pass needs from a mail store."""

    delimiter: str = "/"

    @abstractmethod
    def open_inbox(self) -> InboxState:
        """Select the inbox; IMAP returns UIDVALIDITY/UIDNEXT, Maildir zeros."""

    @abstractmethod
    def new_refs(self, after_uid: int, state: InboxState, prefilter: bool) -> tuple[list[int | str], int]:
        """Handles of new candidate messages (all of them for Maildir), and how many new
        messages the server-side prefilter ruled out as not LinkedIn."""

    @abstractmethod
    def fetch(self, refs: Sequence[int | str]) -> list[Fetched]:
        """The messages, in one round trip, without marking them read."""

    @abstractmethod
    def ensure_folder(self, folder: str) -> None: ...

    @abstractmethod
    def move(self, refs: Sequence[int | str], folder: str) -> None: ...

    @abstractmethod
    def add_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None: ...

    @abstractmethod
    def locate(self, message_id: str, folder: str) -> list[int | str]:
        """Handles of messages with this Message-ID in a folder ('' = inbox)."""

    @abstractmethod
    def remove_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None: ...

    @abstractmethod
    def relocate(self, message_id: str, source: str, target: str, *,
                 add: Sequence[str] = (), remove: Sequence[str] = ()) -> bool:
        """Move one message between folders ('' = inbox) and adjust its flags; False if not found."""

    @abstractmethod
    def arrivals(self, folder: str, since: tuple[int, int] | None) -> tuple[tuple[int, int], list[str]]:
        """Message-IDs that arrived in a folder since a (uidvalidity, uidnext) mark, and the new mark.

        This is how moves made in another mail client are noticed: cheaply, by
        looking only at UIDs the folder has handed out since the last look."""

    @abstractmethod
    def append(self, raw: bytes, folder: str = "") -> None:
        """Put a message (the summary) into a folder, unread."""

    @abstractmethod
    def remove_copies(self, refs: Sequence[int | str]) -> None:
        """Remove inbox copies left by a move that was cut short (its target copy exists)."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "MailClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------------------------------------------------------------- IMAP


class _QuietIMAPClient(imapclient.IMAPClient):
    """IMAPClient with imaplib's debug tracing off.

    IMAPClient sets imaplib's debug level to 5, which makes imaplib format a
    text copy of every command and literal for a logger nobody reads: bulk
    FETCH is several times slower, and message bodies end up in debug logs.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._imap.debug = 0


@lru_cache(maxsize=8)
def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """One verifying TLS context per CA bundle per process (building one costs tens of ms)."""
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=str(Path(ca_file).expanduser()))
    return context


def _as_mail_errors(cls: type) -> type:
    """Every public method of an IMAP client turns connection failures into one-line MailErrors.

    imaplib raises its own abort/error types (and plain socket errors) from deep
    inside any command; the pass and the service only need to know "the mail
    server failed", with the reason, so they can retry."""
    import imaplib
    from functools import wraps

    failures = (imaplib.IMAP4.error, IMAPClientError, OSError)

    def wrap(name: str, method: Callable) -> Callable:
        @wraps(method)
        def wrapper(self: "ImapClient", *args: object, **kwargs: object) -> object:
            try:
                return method(self, *args, **kwargs)
            except MailError:
                raise
            except failures as exc:
                raise MailError(f"{getattr(self, 'host', 'IMAP')}: {name} failed: {_server_reply(exc)}") from None
        return wrapper

    for name, member in list(vars(cls).items()):
        if callable(member) and not name.startswith("_") and name not in ("close",):
            setattr(cls, name, wrap(name, member))
    return cls


@_as_mail_errors
class ImapClient(MailClient):
    def __init__(self, host: str, port: int, username: str, password: str, *,
                 security: str = "tls", ca_file: str = "", inbox: str = "INBOX",
                 timeout: float = 60.0, use_move: bool | None = None,
                 oauth2_token: Callable[[bool], str] | None = None) -> None:
        """With oauth2_token (auth = "oauth2") the login is XOAUTH2 and `password` is unused."""
        self.inbox = inbox
        self.host = host
        try:
            if security == "tls":
                self._c = _QuietIMAPClient(host, port, ssl=True, ssl_context=tls_context(ca_file), timeout=timeout)
            else:
                self._c = _QuietIMAPClient(host, port, ssl=False, timeout=timeout)
                if security == "starttls":
                    if b"STARTTLS" not in self._c.capabilities():
                        raise MailError(f"{host}:{port} does not offer STARTTLS; refusing to log in in clear text")
                    self._c.starttls(tls_context(ca_file))
        except ssl.SSLCertVerificationError as exc:
            raise MailError(f"TLS certificate of {host}:{port} not trusted ({exc.verify_message}); "
                            f"set [imap] ca_file for a self-hosted server") from None
        except ssl.SSLError as exc:
            raise MailError(f"TLS with {host}:{port} failed: {exc.reason or exc}") from None
        except (socket.timeout, TimeoutError):
            raise MailError(f"cannot reach {host}:{port}: timed out") from None
        except OSError as exc:
            raise MailError(f"cannot reach {host}:{port}: {exc.strerror or exc}") from None
        except IMAPClientError as exc:
            raise MailError(f"{host}:{port}: {_server_reply(exc)}") from None
        try:
            if oauth2_token is None:
                self._c.login(username, password)
            else:
                self._oauth2_login(username, oauth2_token)
        except LoginError:
            self._shutdown()
            hint = ("the server refused a freshly refreshed OAuth2 token; check the username and scopes"
                    if oauth2_token else "check the username and password")
            raise LoginRefused(f"{host}: login refused for {username} ({hint})") from None
        except MailError:   # the token could not be had (sign-in expired, token endpoint down)
            self._shutdown()
            raise
        except (IMAPClientError, OSError) as exc:
            self._shutdown()
            raise MailError(f"{host}: login failed: {_server_reply(exc)}") from None
        caps = self._c.capabilities()
        self.can_move = (b"MOVE" in caps) if use_move is None else use_move
        self.can_uid_expunge = b"UIDPLUS" in caps
        self.can_list_status = b"LIST-STATUS" in caps
        self._delimiter: str | None = None
        # Folder name -> (UIDVALIDITY, UIDNEXT), from one LIST-STATUS at the start of a pass.
        self._marks: dict[str, tuple[int, int]] | None = None
        self._selected: str | None = None
        self._known_folders: set[str] = set()

    def _oauth2_login(self, username: str, token: Callable[[bool], str]) -> None:
        try:
            self._c.oauth2_login(username, token(False))
        except LoginError:
            # A provider may expire or revoke an access token before its stated lifetime: one fresh try.
            log.info("XOAUTH2 login refused; refreshing the access token once")
            self._c.oauth2_login(username, token(True))

    @property
    def delimiter(self) -> str:
        if self._delimiter is None:
            self._delimiter = "/"
            try:
                folders = self._c.list_folders("", self.inbox)
                if folders and folders[0][1]:
                    d = folders[0][1]
                    self._delimiter = d.decode() if isinstance(d, bytes) else d
            except IMAPClientError:
                pass
        return self._delimiter

    def survey(self) -> None:
        """Every folder's UIDVALIDITY/UIDNEXT and the hierarchy delimiter in one LIST-STATUS (RFC 5819).

        A pass with nothing new then costs this one command: no SELECT, no SEARCH."""
        self._marks = None
        if not self.can_list_status:
            return
        imap = self._c._imap
        typ, data = imap._simple_command("LIST", '""', '"*"', "RETURN", "(STATUS (UIDVALIDITY UIDNEXT))")
        lists = imap.untagged_responses.pop("LIST", [])
        statuses = imap.untagged_responses.pop("STATUS", [])
        if typ != "OK":
            return
        marks: dict[str, tuple[int, int]] = {}
        for line in _joined(statuses):
            try:
                name, values = parse_response([line])[:2]
            except Exception:  # an odd line: fall back to STATUS for that folder
                continue
            pairs = dict(zip(values[::2], values[1::2]))
            if b"UIDNEXT" in pairs and b"UIDVALIDITY" in pairs:
                marks[_folder_name(name)] = (int(pairs[b"UIDVALIDITY"]), int(pairs[b"UIDNEXT"]))
        for line in _joined(lists)[:1]:
            try:
                delimiter = parse_response([line])[1]
            except Exception:
                continue
            if delimiter:
                self._delimiter = delimiter.decode() if isinstance(delimiter, bytes) else str(delimiter)
        self._marks = marks

    def server_name(self, folder: str) -> str:
        return self.inbox if folder == "" else folder.replace("/", self.delimiter)

    def _select(self, folder: str) -> dict:
        name = self.server_name(folder)
        info = self._c.select_folder(name)
        self._selected = name
        return info

    def open_inbox(self) -> InboxState:
        self.survey()
        mark = (self._marks or {}).get(self.server_name(""))
        if mark is not None:
            return InboxState(*mark)   # selected later, only if there is something to fetch
        info = self._select("")
        return InboxState(int(info.get(b"UIDVALIDITY", 0)), int(info.get(b"UIDNEXT", 0)))

    def new_refs(self, after_uid: int, state: InboxState, prefilter: bool) -> tuple[list[int | str], int]:
        # An explicit upper bound: "UID n:*" always matches the last message.
        if state.uidnext and after_uid + 1 > state.uidnext - 1:
            return [], 0
        self.reselect_inbox()
        upper = str(state.uidnext - 1) if state.uidnext else "*"
        uid_range = ["UID", f"{after_uid + 1}:{upper}"]
        if not prefilter:
            return sorted(self._c.search(uid_range)), 0
        candidates = sorted(self._c.search(uid_range + self.linkedin_criteria()))
        skipped = len(self._c.search(uid_range)) - len(candidates)
        return candidates, skipped

    def linkedin_criteria(self) -> list[str]:
        """The server-side prefilter: Gmail's own search where it has one (fast on huge mailboxes)."""
        if b"X-GM-EXT-1" in self._c.capabilities():
            return ["X-GM-RAW", GMAIL_LINKEDIN_QUERY]
        return LINKEDIN_CRITERIA

    def fetch(self, refs: Sequence[int | str], max_bytes: int = 1_000_000) -> list[Fetched]:
        if not refs:
            return []
        part = f"BODY.PEEK[]<0.{max_bytes}>"
        response = self._c.fetch(list(refs), [part, "FLAGS"])
        out = []
        for uid in refs:
            data = response.get(uid)
            if not data:
                continue  # expunged meanwhile by another client
            raw = data.get(b"BODY[]<0>") or data.get(b"BODY[]") or b""
            flags = frozenset(f.decode() if isinstance(f, bytes) else f for f in data.get(b"FLAGS", ()))
            out.append(Fetched(uid, raw, flags))
        return out

    def ensure_folder(self, folder: str) -> None:
        name = self.server_name(folder)
        if name in self._known_folders or (self._marks is not None and name in self._marks):
            return  # seen in this connection already: no LIST per batch
        self._known_folders.add(name)
        if not self._c.folder_exists(name):
            self._c.create_folder(name)
            try:
                self._c.subscribe_folder(name)
            except IMAPClientError:
                pass

    def move(self, refs: Sequence[int | str], folder: str) -> None:
        if not refs:
            return
        target = self.server_name(folder)
        if self.can_move:
            self._c.move(list(refs), target)
            return
        if not self.can_uid_expunge:
            raise MailError(f"{self.host} supports neither MOVE nor UIDPLUS; triage will not EXPUNGE mail it did not move")
        self._c.copy(list(refs), target)
        self._c.add_flags(list(refs), [b"\\Deleted"], silent=True)
        self._c.uid_expunge(list(refs))

    def add_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None:
        if refs and flags:
            self._c.add_flags(list(refs), [f.encode() for f in flags], silent=True)

    def locate(self, message_id: str, folder: str) -> list[int | str]:
        name = self.server_name(folder)
        if folder and not self._c.folder_exists(name):
            return []
        if self._selected != name:
            self._select(folder)
        return sorted(self._c.search(["HEADER", "Message-ID", message_id]))

    def remove_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None:
        if refs and flags:
            self._c.remove_flags(list(refs), [f.encode() for f in flags], silent=True)

    def relocate(self, message_id: str, source: str, target: str, *,
                 add: Sequence[str] = (), remove: Sequence[str] = ()) -> bool:
        refs = self.locate(message_id, source)
        if not refs:
            return False
        self.remove_flags(refs, remove)
        self.add_flags(refs, add)
        if source != target:
            if target:
                self.ensure_folder(target)
            self.move(refs, target)
        return True

    def arrivals(self, folder: str, since: tuple[int, int] | None) -> tuple[tuple[int, int], list[str]]:
        name = self.server_name(folder)
        if self._marks is not None:
            if name not in self._marks:
                return since or (0, 0), []
            mark = self._marks[name]
        else:
            if not self._c.folder_exists(name):
                return since or (0, 0), []
            status = self._c.folder_status(name, [b"UIDVALIDITY", b"UIDNEXT"])
            mark = (int(status[b"UIDVALIDITY"]), int(status[b"UIDNEXT"]))
        if since is None or since == mark:
            return mark, []
        start = since[1] if since[0] == mark[0] else 1
        if start >= mark[1]:
            return mark, []
        self._select(folder)
        uids = sorted(self._c.search(["UID", f"{start}:{mark[1] - 1}"]))
        ids = []
        for chunk in range(0, len(uids), 1000):
            response = self._c.fetch(uids[chunk:chunk + 1000], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for data in response.values():
                raw = data.get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]", b"")
                value = raw.split(b":", 1)[1] if b":" in raw else b""
                mid = b" ".join(value.split()).decode("ascii", "replace")
                if mid:
                    ids.append(mid)
        return mark, ids

    def append(self, raw: bytes, folder: str = "") -> None:
        self._c.append(self.server_name(folder), raw)

    def supports_idle(self) -> bool:
        return b"IDLE" in self._c.capabilities()

    def idle_start(self) -> None:
        self._select("")
        self._c.idle()

    def idle_wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds in IDLE; True when the server announced new mail."""
        responses = self._c.idle_check(timeout=timeout)
        return any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)

    def idle_stop(self) -> None:
        self._c.idle_done()

    def remove_copies(self, refs: Sequence[int | str]) -> None:
        if not refs:
            return
        if not self.can_uid_expunge:
            raise MailError(f"{self.host} lacks UIDPLUS; triage will not EXPUNGE, remove the duplicate by hand")
        self._c.add_flags(list(refs), [b"\\Deleted"], silent=True)
        self._c.uid_expunge(list(refs))

    def reselect_inbox(self) -> None:
        if self._selected != self.server_name(""):
            self._select("")

    def _shutdown(self) -> None:
        try:
            self._c.shutdown()
        except Exception:  # the connection is already broken; nothing to save
            pass

    def close(self) -> None:
        try:
            self._c.logout()
        except Exception:
            self._shutdown()


def _joined(lines: list) -> list[bytes]:
    """imaplib hands a line with a literal as (prefix, literal) then its rest: make one quoted line of it."""
    out: list[bytes] = []
    after_literal = False
    for item in lines:
        if isinstance(item, tuple):
            literal = item[1].replace(b"\\", b"\\\\").replace(b'"', b'\\"')
            out.append(item[0].rsplit(b"{", 1)[0] + b'"' + literal + b'"')
            after_literal = True
        elif isinstance(item, bytes):
            if after_literal and out:
                out[-1] += item
            else:
                out.append(item)
            after_literal = False
    return out


def _folder_name(name: object) -> str:
    if isinstance(name, bytes):
        return imap_utf7.decode(name)
    return str(name)


def _server_reply(exc: BaseException) -> str:
    """imapclient's errors print the server's reply as bytes (b'...'): the reply alone, on one line."""
    text = str(exc)
    if isinstance(exc, IMAPClientError) and text.startswith("b'"):
        text = text[2:-1]
    return one_line(text or type(exc).__name__, 300)


# ---------------------------------------------------------------- Maildir

_HEADER_PARSER = email.parser.BytesHeaderParser(policy=email.policy.compat32)
_MAILDIR_FLAGS = {FLAGGED: "F", SEEN: "S"}


class MaildirClient(MailClient):
    """A local Maildir (as mbsync or offlineimap keep it); folders are Maildir++ subfolders."""

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

    def new_refs(self, after_uid: int, state: InboxState, prefilter: bool) -> tuple[list[int | str], int]:
        return sorted(self.root.keys()), 0

    def fetch(self, refs: Sequence[int | str], max_bytes: int = 1_000_000) -> list[Fetched]:
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

    def move(self, refs: Sequence[int | str], folder: str) -> None:
        target = self._folder(folder)
        for key in refs:
            message = self.root.get_message(str(key))
            # Add first, then remove: a crash in between leaves a duplicate
            # that the next pass repairs, never a lost message.
            target.add(message)
            self.root.discard(str(key))

    def add_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None:
        letters = "".join(_MAILDIR_FLAGS[f] for f in flags if f in _MAILDIR_FLAGS)
        for key in refs:
            message = self.root.get_message(str(key))
            message.add_flag(letters)
            if message.get_subdir() == "new" and "S" in letters:
                message.set_subdir("cur")
            self.root[str(key)] = message

    def locate(self, message_id: str, folder: str) -> list[int | str]:
        try:
            box = self._folder(folder)
        except stdlib_mailbox.NoSuchMailboxError:
            return []
        found = []
        for key in box.keys():
            try:
                with box.get_file(key) as f:
                    headers = _HEADER_PARSER.parse(f)
            except (KeyError, OSError):
                continue
            if (headers.get("Message-ID") or "").strip() == message_id:
                found.append(key)
        return found

    def remove_flags(self, refs: Sequence[int | str], flags: Sequence[str]) -> None:
        letters = "".join(_MAILDIR_FLAGS[f] for f in flags if f in _MAILDIR_FLAGS)
        for key in refs:
            message = self.root.get_message(str(key))
            message.remove_flag(letters)
            self.root[str(key)] = message

    def relocate(self, message_id: str, source: str, target: str, *,
                 add: Sequence[str] = (), remove: Sequence[str] = ()) -> bool:
        keys = self.locate(message_id, source)
        if not keys:
            return False
        src = self._folder(source)
        if target:
            self.ensure_folder(target)
        dst = self._folder(target)
        add_letters = "".join(_MAILDIR_FLAGS[f] for f in add if f in _MAILDIR_FLAGS)
        remove_letters = "".join(_MAILDIR_FLAGS[f] for f in remove if f in _MAILDIR_FLAGS)
        for key in keys:
            message = src.get_message(str(key))
            message.remove_flag(remove_letters)
            message.add_flag(add_letters)
            if source == target:
                src[str(key)] = message
            else:
                dst.add(message)
                src.discard(str(key))
        return True

    def arrivals(self, folder: str, since: tuple[int, int] | None) -> tuple[tuple[int, int], list[str]]:
        # Maildir has no UIDs: every look reports every message; callers ignore known ones.
        try:
            box = self._folder(folder)
        except stdlib_mailbox.NoSuchMailboxError:
            return (0, 0), []
        ids = []
        for key in box.keys():
            try:
                with box.get_file(key) as f:
                    mid = (_HEADER_PARSER.parse(f).get("Message-ID") or "").strip()
            except (KeyError, OSError):
                continue
            if mid:
                ids.append(mid)
        return (0, 0), ids

    def append(self, raw: bytes, folder: str = "") -> None:
        self._folder(folder).add(raw)

    def remove_copies(self, refs: Sequence[int | str]) -> None:
        for key in refs:
            self.root.discard(str(key))

    def close(self) -> None:
        self.root.close()


def _maildir_flags(box: stdlib_mailbox.Maildir, key: str) -> str:
    """The flag letters from the file name (Maildir.get_flags only exists from Python 3.13)."""
    name = box._lookup(key)  # the stdlib's own key -> file-name table
    return name.rsplit(":2,", 1)[1] if ":2," in name else ""


def maildir_folder_messages(path: Path, folder: str) -> Iterator[bytes]:
    """Raw messages of one Maildir folder; for the demo's report and for tests."""
    client = MaildirClient(path)
    box = client._folder(folder)
    for key in sorted(box.keys()):
        with box.get_file(key) as f:
            yield f.read()


def connect(config: Config, password: str) -> MailClient:
    """The backend the config names."""
    if config.maildir is not None:
        return MaildirClient(config.maildir)
    s = config.imap
    assert s is not None
    token = None
    if s.auth == "oauth2":
        from .oauth import access_token_source
        token = access_token_source(config)
    return ImapClient(s.host, s.port, s.username, password, security=s.security,
                      ca_file=s.ca_file, inbox=s.inbox, timeout=s.timeout, oauth2_token=token)

