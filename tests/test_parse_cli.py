"""`triage parse --json` over every fixture: one line per file with the promised fields, right values."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from triage.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "mail"
FIELDS = {"file", "status", "kind", "sender_name", "sender_headline", "text", "subject", "suspicious",
          "suspicious_reasons"}


def test_parse_json_prints_the_right_fields_for_every_fixture(tmp_path):
    # The mailbox owner and trusted mail server the fixtures were written for (as tests/test_parse.py).
    config = tmp_path / "c.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path}"\n[parse]\nowner_names = ["Sam Rivera"]\n'
                      'trusted_authserv_ids = ["mx.northwind.example"]\n')
    config.chmod(0o600)
    files = sorted(FIXTURES.glob("*.eml"))
    assert len(files) >= 50

    result = CliRunner().invoke(main, ["parse", "--json", "-c", str(config), *map(str, files)])

    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == len(files)
    for path, row in zip(files, rows):
        assert FIELDS <= set(row), path.name
        assert row["file"].endswith(path.name)
        expected = json.loads((FIXTURES / (path.stem + ".expected.json")).read_text())
        assert row["status"] == expected["status"], path.name
        if "options" not in expected:  # fixtures written for other parse options are covered in test_parse
            assert row["suspicious"] == expected.get("suspicious", False), path.name
        items = [i for i in expected.get("items", []) if i["kind"] in ("invitation", "message", "inmail")] \
            or expected.get("items", [])
        if expected["status"] == "linkedin" and items:
            first = items[0]
            for key in ("sender_name", "sender_headline", "text"):
                if key in first:
                    assert row[key] == first[key], (path.name, key)
        if expected["status"] == "unparseable":
            assert row.get("error"), path.name
