"""The image, run for real: the demo, passes over IMAP from inside it, the health check red then green.

`.ci/container.sh` builds the image with podman and runs this file with TRIAGE_CONTAINER_IMAGE
naming it (and CONTAINERS_CONF holding the runtime and ulimits these machines need); without
that variable the tests are skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from testkit.imap import append, where
from testkit.layouts import invitation_email
from testkit.mailboxes import EXPECTED_FOLDER, labeled_mailbox, message_id
from testkit.people import Person

IMAGE = os.environ.get("TRIAGE_CONTAINER_IMAGE", "")
pytestmark = pytest.mark.skipif(not IMAGE, reason="the container checks run from .ci/container.sh")

UID = 10001          # the image's unprivileged user (Dockerfile)
PASSWORD_ENV = "TRIAGE_IMAP_PASSWORD"
ROOT = Path(__file__).resolve().parent.parent


def podman(*args: str, check: bool = True, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(["podman", *args], capture_output=True, text=True, timeout=timeout, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result


def in_image(*args: str, entrypoint: str = "") -> str:
    """Run the image once (as its own user) and return what it printed."""
    ep = ["--entrypoint", entrypoint] if entrypoint else []
    return podman("run", "--rm", "--no-healthcheck", *ep, IMAGE, *args).stdout


def healthcheck(container: str) -> int:
    """The image's own HEALTHCHECK command, run once by podman: 0 healthy, 1 unhealthy."""
    return podman("healthcheck", "run", container, check=False).returncode


def wait_for(condition, timeout: float, what: str, container: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout:.0f} s still not {what}; the service said:\n{logs(container)[-3000:]}\n"
                                 + podman("inspect", "--format", "{{json .State.Health}}", container, check=False).stdout)
        time.sleep(1)


@pytest.fixture
def volumes(imap) -> Iterator[tuple[str, str]]:
    """Named config and data volumes; the config as a user writes it (IMAPS with the server's CA, no
    password), put in the way docs/deploy.md says."""
    token = uuid.uuid4().hex[:8]
    config, data = f"triage-test-config-{token}", f"triage-test-data-{token}"
    for volume in (config, data):
        podman("volume", "create", volume)
    put(config, "ca.pem", imap.cert_file.read_bytes())
    put(config, "config.toml", (
        f'[imap]\nhost = "127.0.0.1"\nport = {imap.tls_port}\nsecurity = "tls"\nca_file = "/config/ca.pem"\n'
        f'username = "{imap.user}"\npassword_env = "{PASSWORD_ENV}"\n').encode())
    yield config, data
    podman("volume", "rm", "--force", config, data, check=False)


def put(volume: str, name: str, content: bytes) -> None:
    """docs/deploy.md's way into a volume: the image's own user writes the file, mode 600."""
    subprocess.run(["podman", "run", "--rm", "-i", "--no-healthcheck", "-v", f"{volume}:/config",
                    "--entrypoint", "sh", IMAGE, "-c", f"cat > /config/{name} && chmod 600 /config/{name}"],
                   input=content, check=True, capture_output=True, timeout=60)


def run_args(config: str, data: str) -> list[str]:
    """compose.yaml's settings, spelled for podman: the volumes (config read-only), a read-only root
    with a /tmp of its own, no capabilities, the password by name only, the host network."""
    return ["--network", "host", "-v", f"{config}:/config:ro", "-v", f"{data}:/data", "-e", PASSWORD_ENV,
            "--read-only", "--read-only-tmpfs=false", "--tmpfs", "/tmp", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges"]


def test_image_is_what_the_dockerfile_says():
    info = json.loads(podman("image", "inspect", IMAGE).stdout)[0]
    assert info["User"] == "triage" or info["Config"]["User"] == "triage"
    assert info["Healthcheck"]["Test"] == ["CMD", "triage", "status", "--check"]
    assert set(info["Config"]["Volumes"]) == {"/config", "/data"}
    assert info["Config"]["Entrypoint"] == ["triage"]
    assert in_image("-u", entrypoint="id").strip() == str(UID)


def test_image_installs_exactly_the_pins():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    listing = in_image("-c", "import importlib.metadata as m; "
                             "print('\\n'.join(d.metadata['Name'] + '==' + d.version for d in m.distributions()))",
                       entrypoint="python")
    installed = {re.sub(r"[-_.]+", "-", n).lower(): v for n, v in (line.split("==") for line in listing.split())}
    assert installed.pop("triage") == "0.1.0"
    assert installed == pins


def test_demo_in_the_image_sorts_as_outside_it():
    outside = subprocess.run([sys.executable, "-m", "triage", "demo"], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
    inside = in_image("demo")
    assert "unparseable 0" in inside
    assert folders(inside) == folders(outside)


def folders(demo_output: str) -> list[tuple[str, list[str]]]:
    """The demo's output as (heading, its lines) per paragraph: the Maildir's temporary path left out,
    and each folder's lines sorted, since the demo lists them in Maildir key order (time-based names)."""
    text = re.sub(r"/tmp/\S+/Maildir", "DIR", demo_output)
    return [(lines[0], sorted(lines[1:])) for lines in (p.splitlines() for p in text.strip().split("\n\n"))]


def test_service_files_mail_and_health_goes_red_then_green(imap, volumes, monkeypatch):
    config, data = volumes
    mails = labeled_mailbox()
    append(imap, list(mails.values()))
    monkeypatch.setenv(PASSWORD_ENV, imap.password)
    name = f"triage-test-{uuid.uuid4().hex[:8]}"
    # The server is down while the service starts, so no pass can succeed before the first check.
    imap.stop()
    try:
        # --health-interval disable: no systemd here to schedule the check; it stays defined, and is run below.
        podman("run", "-d", "--name", name, "--health-interval", "disable", *run_args(config, data), IMAGE, "run")
        wait_for(lambda: "pass failed" in logs(name), 60, "trying and failing to reach the server", name)
        assert healthcheck(name) == 1
        # Red for the right reason: the service inside runs, its one account has no good pass yet.
        code, lines = check_lines(name)
        assert code == 1 and len(lines) == 1, lines
        assert lines[0].startswith("account default: no successful pass yet (last error: "), lines

        imap.start()
        wait_for(lambda: healthcheck(name) == 0, 90, "healthy once the server is back", name)
        assert check_lines(name) == (0, ["healthy: default"])
        places = where(imap)
        for label, raw in mails.items():
            assert places[message_id(raw)] == EXPECTED_FOLDER[label], label
        # The state lives in the data volume, the service's own and private.
        mode, _, owner = podman("exec", name, "ls", "-ln", "/data/triage/triage.db").stdout.split()[:3]
        assert (mode, owner) == ("-rw-------", str(UID))
        assert imap.password not in logs(name)

        # SIGTERM (what `docker stop` sends) ends the service cleanly.
        podman("stop", "--time", "30", name)
        assert podman("inspect", "--format", "{{.State.ExitCode}}", name).stdout.strip() == "0"
    finally:
        if imap.process is None:
            imap.start()
        podman("rm", "--force", "--time", "0", name, check=False)

    # The documented one-shot run (the image's default command is `once`) keeps its state in the
    # data volume: only the new mail is filed.
    new = invitation_email(Person("Noor Haddad", "Sales Lead at Brightwave", "Leeds, England"), "")
    append(imap, [new])
    out = podman("run", "--rm", "--no-healthcheck", *run_args(config, data), IMAGE).stdout
    assert out.strip().startswith("personal 0 · generic 1 · pitch 0 · unsure 0 · suspicious 0"), out
    assert where(imap)[message_id(new)] == "LinkedIn/Generic"


def check_lines(container: str) -> tuple[int, list[str]]:
    """`triage status --check` inside the running container, as the HEALTHCHECK runs it: exit code, lines."""
    result = podman("exec", container, "triage", "status", "--check", check=False)
    return result.returncode, (result.stdout + result.stderr).splitlines()


def logs(container: str) -> str:
    result = podman("logs", container, check=False)
    return result.stdout + result.stderr
