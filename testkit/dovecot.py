"""A throwaway Dovecot IMAP server for the integration tests and benchmarks.

It runs from its own config in a short temporary directory, listens on
127.0.0.1 only (plain IMAP on one port, IMAPS with a self-signed certificate
on another) and never touches the system's Dovecot service. Running as root,
the mail belongs to the unprivileged `mail` user, because Dovecot refuses to
hand out mail as uid 0.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

USER = "sam@example.org"
# Unique, so a leak into any output, log or state file can be searched for.
PASSWORD = "pw-MARKER-7f3a9c1e-horse"

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u:LAYOUT=fs
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 1
first_valid_gid = 1
{user_settings}
namespace inbox {{
  inbox = yes
  separator = {separator}
  mailbox Sent {{
    special_use = \\Sent
  }}
}}
{passdb_extra}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = home={root}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
protocol imap {{
  mail_max_userip_connections = 50
{imap_extra}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Dovecot:
    """A running throwaway server; `stop`/`start` simulate a restart."""

    root: Path
    port: int
    tls_port: int
    process: subprocess.Popen | None = None
    user: str = USER
    password: str = PASSWORD
    host: str = "127.0.0.1"

    @property
    def cert_file(self) -> Path:
        return self.root / "cert.pem"

    @property
    def config_file(self) -> Path:
        return self.root / "dovecot.conf"

    def start(self, timeout: float = 15.0) -> None:
        self.process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.config_file)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out = self.process.stdout.read().decode(errors="replace") if self.process.stdout else ""
                raise RuntimeError(f"dovecot exited with {self.process.returncode}: {out.strip()} {self.log()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"dovecot did not answer on port {self.port}: {self.log()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert_file))

    def add_user(self, user: str, password: str) -> "Dovecot":
        """Another mailbox on this server; a view logged in as it (see add_users)."""
        return self.add_users([(user, password)])[0]

    def add_users(self, pairs: list[tuple[str, str]]) -> list["Dovecot"]:
        """More mailboxes on this server (user, password), and a view logged in as each.

        The views share the running process: use them with append/where/write_config, never to stop the server."""
        users = self.root / "users"
        names = {user for user, _ in pairs}
        lines = [line for line in users.read_text().splitlines() if line.split(":", 1)[0] not in names]
        lines += [f"{user}:{{PLAIN}}{password}" for user, password in pairs]
        # Dovecot re-reads the file when its mtime or size changed, and looks at most once per second:
        # give it a later mtime than any before, and let the second turn.
        stamp = max(time.time(), users.stat().st_mtime + 1)
        users.write_text("\n".join(lines) + "\n")
        os.utime(users, (stamp, stamp))
        time.sleep(1.05 - time.time() % 1)
        return [replace(self, user=user, password=password) for user, password in pairs]

    def wipe_mail(self) -> None:
        """Remove every mailbox, so that the next login starts empty (new UIDVALIDITY)."""
        shutil.rmtree(self.root / "mail", ignore_errors=True)
        (self.root / "mail").mkdir()
        _chown_tree(self.root / "mail")


def _chown_tree(path: Path) -> None:
    if os.geteuid() != 0:
        return
    mail = pwd.getpwnam("mail")
    for p in [path, *path.rglob("*")]:
        os.chown(p, mail.pw_uid, mail.pw_gid)


def make_certificate(directory: Path) -> None:
    """A self-signed certificate for 127.0.0.1 and localhost."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(directory / "key.pem"), "-out", str(directory / "cert.pem")],
        check=True, capture_output=True,
    )


def create(separator: str = "/", imap_extra: str = "", passdb_extra: str = "") -> Dovecot:
    """Write a config into a new short temp dir and start Dovecot from it.

    passdb_extra goes before the password passdb (and may override auth_mechanisms), e.g. an oauth2 passdb."""
    if shutil.which("dovecot") is None:
        raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
    # Unix socket paths are limited to ~100 bytes, so keep the directory short.
    root = Path(tempfile.mkdtemp(prefix="tdc", dir="/tmp"))
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    make_certificate(root)
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    if os.geteuid() == 0:
        mail = pwd.getpwnam("mail")
        uid, gid = mail.pw_uid, mail.pw_gid
        user_settings = ""
        _chown_tree(root / "mail")
        _chown_tree(root / "home")
    else:
        uid, gid = os.getuid(), os.getgid()
        me = pwd.getpwuid(uid).pw_name
        user_settings = f"default_login_user = {me}\ndefault_internal_user = {me}\ndefault_internal_group = {me}"
    os.chmod(root, 0o755)
    server = Dovecot(root=root, port=free_port(), tls_port=free_port())
    server.config_file.write_text(CONFIG.format(
        root=root, uid=uid, gid=gid, port=server.port, tls_port=server.tls_port,
        separator=separator, user_settings=user_settings, imap_extra=imap_extra,
        passdb_extra=passdb_extra,
    ))
    server.start()
    return server


def destroy(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)
