"""An idle `triage once` (nothing new) stays cheap: no scikit-learn, no model, no corpus; the model loads only for work.

What it costs in time is measured by `python -m bench.poll`, beside a bare
interpreter; here the behaviour behind it is checked in a real process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from testkit import mailboxes
from testkit.imap import PASSWORD_ENV, append, write_config

ROOT = Path(__file__).resolve().parent.parent

# `triage once` in a child process, then which heavy modules it imported and which files it opened.
CHILD = """
import builtins, io, json, sys
opened = []
_open = io.open
def spy(file, *args, **kwargs):
    opened.append(str(file))
    return _open(file, *args, **kwargs)
builtins.open = io.open = spy
from triage.cli import main
try:
    main(["once", "-c", sys.argv[1]])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(m for m in ("sklearn", "numpy", "scipy", "joblib", "lxml",
                  "rich", "jinja2", "selectolax", "triage.parse", "triage.people", "triage.summary",
                                                "triage.mail.maildir") if m in sys.modules),
                  "opened": opened}))
"""


def run_child(config: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, str(config)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_pass_with_nothing_new_imports_no_model(imap, tmp_path: Path) -> None:
    append(imap, mailboxes.mixed_mailbox(30, seed=4))
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    os.environ[PASSWORD_ENV] = imap.password

    first = run_child(config)
    assert first["code"] == 0
    # There was something to classify: the model was loaded, as arrays, so still without scikit-learn.
    assert any(name.endswith("model.arrays.npz") for name in first["opened"]) and "sklearn" not in first["modules"]
    assert "triage.parse" in first["modules"] and "triage.people" in first["modules"]
    assert any(name.endswith("model-card.json") for name in first["opened"])

    idle = run_child(config)
    assert idle["code"] == 0
    assert idle["modules"] == [], idle["modules"]
    assert not [name for name in idle["opened"] if "model" in name or name.endswith(".jsonl")], idle["opened"]


def test_only_mail_that_is_not_linkedin_loads_no_model(imap, tmp_path: Path) -> None:
    append(imap, [mailboxes.ordinary_email(seed=s) for s in range(5)])
    config = write_config(tmp_path / "c.toml", imap, tmp_path / "state.db")
    os.environ[PASSWORD_ENV] = imap.password
    result = run_child(config)
    assert result["code"] == 0 and "sklearn" not in result["modules"]
