"""Secrets stay secret, transport is checked, and a tampered model is never unpickled."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from testkit.imap import PASSWORD_ENV, append, write_config
from testkit.mailboxes import labeled_mailbox, message_id
from testkit.proxy import Cut, CuttingProxy
from triage.cli import main
from triage.model.classify import ModelError, load_model, shipped_model_dir

MARKER = "MARKER-7f3a9c1e"


def triage(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "triage", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def test_the_password_appears_nowhere(imap, tmp_path):
    assert MARKER in imap.password
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    state = tmp_path / "state.db"
    config = str(write_config(tmp_path / "c.toml", imap, state))
    eml = tmp_path / "one.eml"
    eml.write_bytes(mails["personal"])
    outputs = []
    for args in (["-vv", "once", "-c", config], ["-vv", "once", "--dry-run", "-c", config],
                 ["-vv", "status", "-c", config], ["status", "--json", "-c", config],
                 ["-vv", "summary", "--print", "-c", config], ["-vv", "summary", "--send", "-c", config],
                 ["-vv", "label", "--list", "--json", "-c", config],
                 ["-vv", "label", "--set", message_id(mails["generic"]), "pitch", "-c", config],
                 ["-vv", "parse", str(eml)], ["-vv", "classify", str(eml), "-c", config],
                 ["-vv", "model", "list", "-c", config]):
        result = triage(*args)
        assert result.returncode == 0, (args, result.stderr[-1500:])
        outputs.append(result.stdout + result.stderr)
    # A failed login (wrong user) and a server error (connection cut mid-pass).
    wrong_user = tmp_path / "wrong.toml"
    wrong_user.write_text(Path(config).read_text().replace(imap.user, "nobody@example.org"))
    wrong_user.chmod(0o600)
    result = triage("-vv", "once", "-c", str(wrong_user))
    assert result.returncode == 1
    outputs.append(result.stdout + result.stderr)
    proxy = CuttingProxy(imap.port, Cut(command=rb"SELECT"))
    cut = tmp_path / "cut.toml"
    cut.write_text(Path(config).read_text().replace(f"port = {imap.port}", f"port = {proxy.port}"))
    cut.chmod(0o600)
    result = triage("-vv", "once", "-c", str(cut))
    proxy.close()
    outputs.append(result.stdout + result.stderr)
    # The service at debug level, JSON logs, stopped with SIGTERM.
    service = tmp_path / "svc.toml"
    service.write_text(Path(config).read_text() + '[service]\npoll_minutes = 60\nsummary_at = "03:00"\n')
    service.chmod(0o600)
    process = subprocess.Popen([sys.executable, "-m", "triage", "run", "--debug", "--log-format", "json",
                                "-c", str(service)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err[-1500:]
    assert '"level"' in err
    outputs.append(out + err)

    for text in outputs:
        assert MARKER not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path


def test_a_password_in_the_config_is_refused(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[imap]\nhost = "imap.example.com"\nusername = "u"\npassword = "hunter2"\n')
    config.chmod(0o600)
    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert result.exit_code == 2
    assert "[imap] password" in result.output and "hunter2" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_readable_config_and_state_warn(imap, tmp_path):
    state = tmp_path / "state.db"
    config = write_config(tmp_path / "c.toml", imap, state)
    assert triage("once", "-c", str(config)).returncode == 0
    config.chmod(0o644)
    state.chmod(0o644)
    result = triage("status", "-c", str(config))
    assert "c.toml is readable by other users" in result.stderr
    assert "state.db is readable by other users" in result.stderr


def test_self_signed_certificate_needs_ca_file(imap, tmp_path):
    untrusted = write_config(tmp_path / "u.toml", imap, tmp_path / "s.db", tls=True)
    result = triage("once", "-c", str(untrusted))
    assert result.returncode == 1 and "certificate" in result.stderr


def test_plain_imap_is_refused_for_remote_hosts(tmp_path, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "x")
    config = tmp_path / "c.toml"
    config.write_text(f'[imap]\nhost = "imap.example.com"\nsecurity = "none"\nusername = "u"\n'
                      f'password_env = "{PASSWORD_ENV}"\n')
    config.chmod(0o600)
    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    assert result.exit_code == 2 and "security" in result.output


class _NoStartTLS(socketserver.StreamRequestHandler):
    """An IMAP greeting whose CAPABILITY lacks STARTTLS; records whether a password ever arrived."""

    seen: list[bytes] = []

    def handle(self) -> None:
        self.wfile.write(b"* OK IMAP4rev1 ready\r\n")
        for line in self.rfile:
            self.seen.append(line)
            tag = line.split(b" ", 1)[0]
            if b"CAPABILITY" in line.upper():
                self.wfile.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
            elif b"LOGOUT" in line.upper():
                self.wfile.write(b"* BYE\r\n" + tag + b" OK bye\r\n")
                return
            else:
                self.wfile.write(tag + b" BAD no\r\n")


def test_starttls_missing_stops_instead_of_plain_text(tmp_path, monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _NoStartTLS)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(PASSWORD_ENV, "secret-" + MARKER)
    config = tmp_path / "c.toml"
    config.write_text(f'[imap]\nhost = "127.0.0.1"\nport = {server.server_address[1]}\nsecurity = "starttls"\n'
                      f'username = "u"\npassword_env = "{PASSWORD_ENV}"\n[state]\npath = "{tmp_path / "s.db"}"\n')
    config.chmod(0o600)
    result = CliRunner().invoke(main, ["once", "-c", str(config)])
    server.shutdown()
    assert result.exit_code == 1 and "STARTTLS" in result.output
    assert not any(MARKER.encode() in line for line in _NoStartTLS.seen)


def _copy_model(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(shipped_model_dir(), target, ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
    return target


def test_one_changed_byte_is_refused(tmp_path):
    directory = _copy_model(tmp_path)
    data = bytearray((directory / "model.joblib").read_bytes())
    data[len(data) // 2] ^= 0x01
    (directory / "model.joblib").write_bytes(bytes(data))
    try:
        load_model(directory)
    except ModelError as exc:
        assert "SHA-256 does not match" in str(exc)
    else:
        raise AssertionError("a changed model was loaded")


class _Payload:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def test_a_swapped_malicious_pickle_is_never_executed(tmp_path, monkeypatch):
    directory = _copy_model(tmp_path)
    witness = tmp_path / "pwned"
    (directory / "model.joblib").write_bytes(pickle.dumps(_Payload(str(witness))))
    config = tmp_path / "c.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path / "Maildir"}"\n[classifier]\nmodel = "{directory}"\n'
                      f'[state]\npath = "{tmp_path / "s.db"}"\n')
    config.chmod(0o600)

    result = CliRunner().invoke(main, ["classify", "--text", "hello there", "-c", str(config)])

    assert result.exit_code == 1
    assert "SHA-256 does not match" in result.output and "Traceback" not in result.output
    assert not witness.exists()
