"""The IMAP backend: one connection, commands in batches, nothing expunged that triage did not move.

It moves with MOVE, or UID COPY + \\Deleted + UID EXPUNGE of exactly the moved
UIDs where the server lacks MOVE (and refuses without UIDPLUS). A pass with
nothing new costs one LIST-STATUS; the LinkedIn prefilter runs on the server
(Gmail's own search where it has one). Every failure of the connection is one
MailError line for the pass and the service to retry on.
"""

from __future__ import annotations

import logging
import socket
import ssl
import types
from collections.abc import Callable, Sequence
from datetime import date

import imapclient
from imapclient import imap_utf7
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.response_parser import parse_response

from ..errors import one_line
from ..items import message_id_of
from .client import SENT, Fetched, InboxState, MailClient, Ref
from .errors import LoginRefused, MailError
from .tls import tls_context

log = logging.getLogger(__name__)

# A server-side prefilter: anything that mentions LinkedIn anywhere, or whose
# From looks like it (lookalikes such as "linkedln" still contain "linked").
LINKEDIN_CRITERIA = ["OR", "OR", "FROM", "linked", "FROM", "lnkd", "TEXT", "linkedin"]
# The same for Gmail (X-GM-EXT-1), in its search syntax ({a b} is "a OR b").
GMAIL_LINKEDIN_QUERY = '{from:linkedin.com from:linkedln from:lnkd linkedin}'
# Message-IDs per SEARCH when the repair looks many up at once (locate_many): a command of a few KB.
LOCATE_CHUNK = 100



class _QuietIMAPClient(imapclient.IMAPClient):
    """IMAPClient with imaplib's debug tracing off.

    IMAPClient sets imaplib's debug level to 5, which makes imaplib format a
    text copy of every command and literal for a logger nobody reads: bulk
    FETCH is several times slower, and message bodies end up in debug logs.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        self.commands = 0
        super().__init__(*args, **kwargs)
        self._imap.debug = 0
        command = self._imap._command
        client = self

        def counted(_imap: object, *cargs: object, **ckwargs: object) -> object:
            client.commands += 1
            return command(*cargs, **ckwargs)

        # Every command imaplib sends; a bound method, since imaplib tells literals from callbacks by type.
        self._imap._command = types.MethodType(counted, self._imap)

    def _raw_command(self, *args: object, **kwargs: object) -> object:
        # SEARCH (and a few others) are sent by IMAPClient itself, past imaplib's _command: counted here.
        self.commands += 1
        return super()._raw_command(*args, **kwargs)


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
                 timeout: float = 60.0, batch_size: int = 500, prefilter: bool = True,
                 use_move: bool | None = None, oauth2_token: Callable[[bool], str] | None = None) -> None:
        """With oauth2_token (auth = "oauth2") the login is XOAUTH2 and `password` is unused.

        prefilter: ask the server which new mail mentions LinkedIn at all, so the rest is never fetched."""
        self.inbox = inbox
        self.host = host
        self.batch_size = batch_size
        self.prefilter = prefilter
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
        self.can_special_use = b"SPECIAL-USE" in caps
        self._surveyed_sent: str | None = None    # the \Sent folder as the last survey named it ("" = none)
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
        self._surveyed_sent = None
        if not self.can_list_status:
            return
        imap = self._c._imap
        # With SPECIAL-USE the same command also names the Sent folder (RFC 6154), for the reply commands.
        special = "SPECIAL-USE " if self.can_special_use else ""
        typ, data = imap._simple_command("LIST", '""', '"*"', "RETURN", f"({special}STATUS (UIDVALIDITY UIDNEXT))")
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
        for i, line in enumerate(_joined(lists)):
            try:
                flags, delimiter, name = parse_response([line])[:3]
            except Exception:
                continue
            if i == 0 and delimiter:
                self._delimiter = delimiter.decode() if isinstance(delimiter, bytes) else str(delimiter)
            if SENT.lower() in _flags(flags) and self._surveyed_sent is None:
                self._surveyed_sent = _folder_name(name)
        if special and self._surveyed_sent is None:
            self._surveyed_sent = ""       # asked, and no folder is marked \Sent
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

    def new_refs(self, after_uid: int, state: InboxState) -> tuple[list[Ref], int]:
        # An explicit upper bound: "UID n:*" always matches the last message.
        if state.uidnext and after_uid + 1 > state.uidnext - 1:
            return [], 0
        self._ensure_selected("")
        upper = str(state.uidnext - 1) if state.uidnext else "*"
        uid_range = ["UID", f"{after_uid + 1}:{upper}"]
        if not self.prefilter:
            return sorted(self._c.search(uid_range)), 0
        candidates = sorted(self._c.search(uid_range + self.linkedin_criteria()))
        skipped = len(self._c.search(uid_range)) - len(candidates)
        return candidates, skipped

    def linkedin_criteria(self) -> list[str]:
        """The server-side prefilter: Gmail's own search where it has one (fast on huge mailboxes)."""
        if b"X-GM-EXT-1" in self._c.capabilities():
            return ["X-GM-RAW", GMAIL_LINKEDIN_QUERY]
        return LINKEDIN_CRITERIA

    def fetch(self, refs: Sequence[Ref], max_bytes: int) -> list[Fetched]:
        return self._fetch(refs, max_bytes, "")

    def _fetch(self, refs: Sequence[Ref], max_bytes: int, folder: str) -> list[Fetched]:
        if not refs:
            return []
        self._ensure_selected(folder)
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

    def move(self, refs: Sequence[Ref], target: str, folder: str = "") -> None:
        if not refs:
            return
        self._ensure_selected(folder)
        target = self.server_name(target)
        if self.can_move:
            self._c.move(list(refs), target)
            return
        if not self.can_uid_expunge:
            raise MailError(f"{self.host} supports neither MOVE nor UIDPLUS; triage will not EXPUNGE mail it did not move")
        self._c.copy(list(refs), target)
        self._c.add_flags(list(refs), [b"\\Deleted"], silent=True)
        self._c.uid_expunge(list(refs))

    def add_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None:
        if refs and flags:
            self._ensure_selected(folder)
            self._c.add_flags(list(refs), [f.encode() for f in flags], silent=True)

    def locate(self, message_id: str, folder: str) -> list[Ref]:
        if folder and not self._c.folder_exists(self.server_name(folder)):
            return []
        self._ensure_selected(folder)
        return sorted(self._c.search(["HEADER", "Message-ID", message_id]))

    def locate_many(self, message_ids: Sequence[str], folder: str) -> dict[str, list[Ref]]:
        wanted = list(dict.fromkeys(m for m in message_ids if m))
        if not wanted or (folder and not self._c.folder_exists(self.server_name(folder))):
            return {}
        self._ensure_selected(folder)
        hits: set[int] = set()
        for start in range(0, len(wanted), LOCATE_CHUNK):
            chunk = wanted[start:start + LOCATE_CHUNK]
            criteria: list[str] = []
            for i, message_id in enumerate(chunk):   # OR a OR b c: prefix notation, one OR per pair
                if i < len(chunk) - 1:
                    criteria.append("OR")
                criteria += ["HEADER", "Message-ID", message_id]
            hits.update(self._c.search(criteria))
        # SEARCH HEADER matches a substring: each hit's own Message-ID says which mail it is.
        by_id = {m.lower(): m for m in wanted}
        found: dict[str, list[Ref]] = {}
        for uid, message_id in self._message_ids(sorted(hits)).items():
            if message_id.lower() in by_id:
                found.setdefault(by_id[message_id.lower()], []).append(uid)
        return found

    def _message_ids(self, uids: Sequence[int]) -> dict[int, str]:
        """The selected folder's messages' Message-IDs, as the parser reads them, a FETCH per 1,000."""
        out: dict[int, str] = {}
        for start in range(0, len(uids), 1000):
            response = self._c.fetch(uids[start:start + 1000], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for uid, data in response.items():
                # The key echoes the request, as the server spells it (some quote the field name).
                raw = next((v for k, v in data.items() if k.startswith(b"BODY[HEADER")), b"")
                message_id = message_id_of(raw.partition(b":")[2].decode("ascii", "replace"))
                if message_id:
                    out[uid] = message_id
        return out

    def remove_flags(self, refs: Sequence[Ref], flags: Sequence[str], folder: str = "") -> None:
        if refs and flags:
            self._ensure_selected(folder)
            self._c.remove_flags(list(refs), [f.encode() for f in flags], silent=True)

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
        return mark, list(self._message_ids(uids).values())

    def append(self, raw: bytes, folder: str = "") -> None:
        self._c.append(self.server_name(folder), raw)

    def sent_folder(self, configured: str = "") -> str | None:
        if self._marks is not None:            # the pass's survey has answered already: no command
            if configured:
                return configured if self.server_name(configured) in self._marks else None
            if self._surveyed_sent is not None:
                return self._config_name(self._surveyed_sent) if self._surveyed_sent else None
        if configured:
            return configured if self._c.folder_exists(self.server_name(configured)) else None
        listed = self._c.list_folders()
        if self.can_special_use and not any(SENT.lower() in _flags(f) for f, _, _ in listed):
            listed = self._special_use_folders()   # servers that name them only when asked (RFC 6154)
        for flags, _, name in listed:
            if SENT.lower() in _flags(flags) and "\\noselect" not in _flags(flags):
                return self._config_name(_folder_name(name))
        return None

    def _special_use_folders(self) -> list:
        typ, _ = self._c._imap._simple_command("LIST", "(SPECIAL-USE)", '""', '"*"')
        lines = self._c._imap.untagged_responses.pop("LIST", [])
        if typ != "OK":
            return []
        found = []
        for line in _joined(lines):
            try:
                found.append(tuple(parse_response([line])[:3]))
            except Exception:  # an odd line names no folder we could use
                continue
        return found

    def _config_name(self, server_name: str) -> str:
        return "" if server_name == self.inbox else server_name.replace(self.delimiter, "/")

    def new_messages(self, folder: str, since: tuple[int, int] | None, *, mentioning: Sequence[str],
                     not_before: date | None, max_bytes: int) -> tuple[tuple[int, int], list[Fetched]]:
        name = self.server_name(folder)
        if self._marks is not None:             # from the pass's survey: nothing new costs no command
            if name not in self._marks:
                return since or (0, 0), []
            mark = self._marks[name]
        else:
            if folder and not self._c.folder_exists(name):
                return since or (0, 0), []
            status = self._c.folder_status(name, [b"UIDVALIDITY", b"UIDNEXT"])
            mark = (int(status[b"UIDVALIDITY"]), int(status[b"UIDNEXT"]))
        if since == mark:
            return mark, []
        if since is not None and since[0] == mark[0]:
            if since[1] >= mark[1]:
                return mark, []
            criteria: list = ["UID", f"{since[1]}:{mark[1] - 1}"]
        elif not_before is not None:
            criteria = ["SINCE", not_before]
        else:
            return mark, []
        mentions = [[key, *field, word] for word in mentioning
                    for key, *field in (("SUBJECT",), ("BODY",), ("HEADER", "In-Reply-To"), ("HEADER", "References"))]
        for one in mentions[:-1]:
            criteria += ["OR", *one]
        criteria += mentions[-1] if mentions else []
        self._ensure_selected(folder)
        uids = sorted(self._c.search(criteria))
        return mark, self._fetch(uids, max_bytes, folder)

    @property
    def round_trips(self) -> int:
        return self._c.commands

    def supports_idle(self) -> bool:
        return b"IDLE" in self._c.capabilities()

    def idle_start(self) -> None:
        self._select("")
        self._c.idle()

    def idle_wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds in IDLE; True when the server announced new mail."""
        return _announces_mail(self._c.idle_check(timeout=timeout))

    def idle_keepalive(self, timeout: float) -> bool:
        """Leave IDLE, NOOP and IDLE again, each answer awaited at most `timeout` seconds; True on new mail.

        A connection that died without a FIN (a NAT that forgot it, a proxy that
        stopped forwarding) looks idle forever; only a command that must be
        answered shows it, and then this raises a MailError."""
        sock = self._c.socket()
        previous = sock.gettimeout()
        sock.settimeout(timeout)
        try:
            _, during = self._c.idle_done()
            _, meanwhile = self._c.noop()
            self._c.idle()
        finally:
            sock.settimeout(previous)
        return _announces_mail(list(during) + list(meanwhile))

    def idle_stop(self) -> None:
        self._c.idle_done()

    def remove_copies(self, refs: Sequence[Ref]) -> None:
        if not refs:
            return
        if not self.can_uid_expunge:
            raise MailError(f"{self.host} lacks UIDPLUS; triage will not EXPUNGE, remove the duplicate by hand")
        self._ensure_selected("")
        self._c.add_flags(list(refs), [b"\\Deleted"], silent=True)
        self._c.uid_expunge(list(refs))

    def _ensure_selected(self, folder: str) -> None:
        """Select the folder the handles belong to, unless it is selected already (no command then)."""
        if self._selected != self.server_name(folder):
            self._select(folder)

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



def _announces_mail(responses: list) -> bool:
    return any(isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses)

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


def _flags(flags: Sequence[object]) -> set[str]:
    """Mailbox attributes, lowercased: servers differ in case (\\Noselect, \\NoSelect)."""
    return {(f.decode() if isinstance(f, bytes) else str(f)).lower() for f in flags}


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
