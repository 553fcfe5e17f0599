"""Where the IMAP password comes from: the environment, a file, or a command.

The password never lives in the config file, and nothing here logs it or puts
it into an exception message. A command covers the system keyring
(`secret-tool lookup ...`, `keyring get ...`) and password managers (`pass show ...`).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Protocol

from ..config import ConfigError, ImapSettings


class _HasPasswordSource(Protocol):
    password_env: str
    password_file: str
    password_command: str


def imap_password(settings: ImapSettings, where: str = "config") -> str:
    """The IMAP password the config names ("" with auth = "oauth2": connect() fetches a token instead)."""
    if settings.auth == "oauth2":
        return ""
    return password(settings, "imap", where)


def password(settings: _HasPasswordSource, section: str, where: str = "config") -> str:
    """The password a config section names; raises ConfigError naming the source, never the secret."""
    if settings.password_env:
        value = os.environ.get(settings.password_env)
        if not value:
            raise ConfigError(
                f"{where}: [{section}] password_env: the environment variable {settings.password_env} is not set")
        return value
    if settings.password_file:
        path = Path(settings.password_file).expanduser()
        try:
            value = path.read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise ConfigError(f"{where}: [{section}] password_file: cannot read {path}: {exc.strerror}") from None
        if not value:
            raise ConfigError(f"{where}: [{section}] password_file: {path} is empty")
        return value
    try:
        result = subprocess.run(
            shlex.split(settings.password_command), capture_output=True, text=True, timeout=30)
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"{where}: [{section}] password_command could not run: {type(exc).__name__}") from None
    if result.returncode != 0:
        raise ConfigError(f"{where}: [{section}] password_command exited with {result.returncode}")
    value = result.stdout.strip("\r\n")
    if not value:
        raise ConfigError(f"{where}: [{section}] password_command printed nothing")
    return value
