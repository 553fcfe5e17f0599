"""Is each account being kept in sync, and is the service alive? Facts for status, alerts and metrics.

A process that exists proves nothing: an account is healthy when the server
recently confirmed it is in sync (a pass that succeeded, or an answered
keepalive on its IDLE connection while its last pass was good), its sign-in
still works, and the service that does the work is running (its heartbeat,
written to the state database, is fresh and its pid alive).
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from .store import Store, now

HEARTBEAT_SECONDS = 30.0          # how often the service writes its heartbeat
HEARTBEAT_STALE = 3 * HEARTBEAT_SECONDS + 30   # older than this: the service is not running
HEARTBEAT_KEY = "service_heartbeat"

# Kinds of pass failure, for status, alerts and the errors metric.
LOGIN, SIGN_IN, TIMEOUT, CONNECTION, CONFIG, INTERNAL = "login", "sign-in", "timeout", "connection", "config", "internal"


def error_kind(exc: BaseException) -> str:
    """What kind of failure this is: a wrong password and an expired sign-in need the user, the rest time."""
    from .config import ConfigError
    from .mail.errors import LoginRefused, MailError
    from .mail.oauth import SignInExpired

    if isinstance(exc, SignInExpired):
        return SIGN_IN
    if isinstance(exc, LoginRefused):
        return LOGIN
    if isinstance(exc, ConfigError):
        return CONFIG
    if isinstance(exc, (MailError, OSError)):
        return TIMEOUT if "timed out" in str(exc) or isinstance(exc, TimeoutError) else CONNECTION
    return INTERNAL


def write_heartbeat(store: Store, started_at: str, accounts: list[str]) -> None:
    beat = {"pid": os.getpid(), "host": socket.gethostname(), "at": now(), "started_at": started_at,
            "accounts": accounts}
    with store.transaction():
        store.set_meta(HEARTBEAT_KEY, json.dumps(beat))


def clear_heartbeat(store: Store) -> None:
    """A clean stop: `status --check` says "stopped", not "not responding"."""
    with store.transaction():
        store.set_meta(HEARTBEAT_KEY, json.dumps({"stopped_at": now(), "pid": os.getpid()}))


def service_state(store: Store, at: datetime | None = None) -> tuple[bool, str]:
    """(running, what to say): from the heartbeat the service writes every HEARTBEAT_SECONDS."""
    at = at or datetime.now(timezone.utc)
    try:
        beat = json.loads(store.get_meta(HEARTBEAT_KEY, "{}"))
    except ValueError:
        beat = {}
    if "stopped_at" in beat:
        return False, f"the service is not running (stopped {beat['stopped_at']})"
    if "at" not in beat:
        return False, "the service is not running (it never started on this state database)"
    age = (at - datetime.fromisoformat(beat["at"])).total_seconds()
    if beat.get("host") == socket.gethostname() and not _alive(int(beat.get("pid", 0))):
        return False, f"the service is not running (pid {beat.get('pid')} is gone)"
    if age > HEARTBEAT_STALE:
        return False, f"the service is not responding (last heartbeat {age:.0f} s ago, pid {beat.get('pid')})"
    return True, f"running, pid {beat['pid']} since {beat.get('started_at', '?')}"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class AccountHealth:
    """One account's health as the state database tells it."""

    account: str
    last_pass: dict[str, Any] | None
    last_ok: dict[str, Any] | None
    idle: dict[str, Any] | None
    last_synced: str | None         # the latest proof that the account was in sync
    problems: list[tuple[str, str]]  # (kind, one line): stale | sign-in | login

    @property
    def healthy(self) -> bool:
        return not self.problems


def account_health(store: Store, stale_after: timedelta, at: datetime | None = None) -> AccountHealth:
    """The account's proofs of work and what is wrong with it, if anything."""
    at = at or datetime.now(timezone.utc)
    last = store.last_pass()
    last_ok = store.last_pass(ok_only=True)
    idle = store.idle_state()
    proofs = [last_ok["finished_at"]] if last_ok else []
    if idle and idle["state"] == "connected" and idle.get("checked_at") and last and last["ok"]:
        proofs.append(idle["checked_at"])
    synced = max(proofs, key=datetime.fromisoformat) if proofs else None
    problems: list[tuple[str, str]] = []
    failed = last is not None and not last["ok"]
    if failed and last.get("error_kind") == SIGN_IN:
        problems.append((SIGN_IN, f"its sign-in has expired: {last['error']}"))
    elif failed and last.get("error_kind") == LOGIN:
        problems.append((LOGIN, f"login refused: {last['error']}"))
    if synced is None:
        problems.append(("stale", "no successful pass yet" + (f" (last error: {last['error']})" if failed else "")))
    else:
        age = at - datetime.fromisoformat(synced)
        if age > stale_after:
            problems.append(("stale", f"last in sync {_ago(age)} ago, at {synced} (limit {_ago(stale_after)})"
                             + (f"; last error: {last['error']}" if failed else "")))
    return AccountHealth(store.account, last, last_ok, idle, synced, problems)


def _ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds / 3600:.1f} h"
