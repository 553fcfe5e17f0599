"""Shared fixtures: a real Dovecot for the whole session, a clean mailbox per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from testkit import dovecot
from testkit.imap import PASSWORD_ENV


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--long", action="store_true", help="run the long fault-injection iterations")


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[dovecot.Dovecot]:
    """One throwaway server for the session. If it cannot start, the tests fail with the reason."""
    server = dovecot.create()
    yield server
    dovecot.destroy(server)


@pytest.fixture
def imap(dovecot_server: dovecot.Dovecot, monkeypatch: pytest.MonkeyPatch) -> dovecot.Dovecot:
    """The server with an empty mailbox and the password in the environment."""
    dovecot_server.wipe_mail()
    monkeypatch.setenv(PASSWORD_ENV, dovecot_server.password)
    return dovecot_server
