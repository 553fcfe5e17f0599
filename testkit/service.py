"""Running `triage run` as a real process in tests and benchmarks, and reading what it left in state."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def wait_for(condition: Callable[[], T], timeout: float, step: float = 0.1) -> T:
    """Poll until `condition()` is truthy or the time is up; returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


def start_service(config: Path, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "triage", "run", "-c", str(config), *args],
                            stdout=subprocess.DEVNULL, stderr=open(log, "ab"), env={**os.environ})


def stop_service(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15) -> int:
    proc.send_signal(sig)
    return proc.wait(timeout)


def state_rows(state: Path, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a query on the state database; [] while it does not exist yet or is being created."""
    if not state.exists():
        return []
    try:
        with sqlite3.connect(state, timeout=5) as db:
            return db.execute(sql, args).fetchall()
    except sqlite3.OperationalError:
        return []


def passes(state: Path, account: str, ok: bool | None = None) -> int:
    """How many passes of an account finished (good ones only with ok=True, failed with ok=False)."""
    sql = "SELECT count(*) FROM passes WHERE account=? AND finished_at IS NOT NULL"
    if ok is not None:
        sql += f" AND ok={int(ok)}"
    rows = state_rows(state, sql, (account,))
    return rows[0][0] if rows else 0
