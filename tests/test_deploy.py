"""The deployment files agree with each other and with the package (tests/test_container.py runs the image)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    out = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][0-9A-Za-z.+!-]*", line), f"not an exact pin: {line}"
            name, version = line.split("==")
            out[canonicalize_name(name)] = version
    return out


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def dockerfile_healthcheck() -> list[str]:
    line = next(x for x in (ROOT / "Dockerfile").read_text().splitlines() if x.startswith("HEALTHCHECK"))
    return ["CMD", *json.loads(line.split(" CMD ", 1)[1])]


def compose_service() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]["triage"]


def test_every_dependency_is_pinned_inside_its_range():
    pinned = pins()
    for spec in pyproject()["project"]["dependencies"]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not in constraints.txt"
        assert req.specifier.contains(pinned[name]), f"{req.name}=={pinned[name]} is outside {req.specifier}"


def test_pinned_scikit_learn_loads_the_shipped_model():
    """The model refuses a scikit-learn of another minor release than it was trained with."""
    card = json.loads((ROOT / "models" / "model-card.json").read_text())
    assert pins()["scikit-learn"].split(".")[:2] == card["sklearn_version"].split(".")[:2]


def test_compose_runs_the_image_as_the_dockerfile_builds_it():
    service = compose_service()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert service["healthcheck"]["test"] == dockerfile_healthcheck()
    uid = re.search(r"useradd --uid (\d+)", dockerfile).group(1)
    assert service["user"] == f"{uid}:{uid}"
    assert sorted(service["volumes"]) == ["config:/config:ro", "data:/data"]
    assert service["restart"] == "unless-stopped" and service["command"] == ["run"]


def test_compose_holds_no_secret():
    for name, value in compose_service()["environment"].items():
        assert re.fullmatch(r"\$\{\w+(:\?[^}]*)?\}", value), f"{name} must come from the environment, not the file"


def test_build_context_holds_what_the_package_is_built_from():
    """.dockerignore lets in only what pip needs: the package directories pyproject.toml names."""
    lines = [x for x in (ROOT / ".dockerignore").read_text().splitlines() if x and not x.startswith("#")]
    assert lines[0] == "*"
    allowed = {x[1:] for x in lines if x.startswith("!")}
    setuptools = pyproject()["tool"]["setuptools"]
    needed = {"pyproject.toml", "README.md", "constraints.txt"}
    needed |= {path.split("/")[0] for path in setuptools.get("package-dir", {}).values()}
    if isinstance(setuptools.get("packages"), list):
        needed |= {package.split(".")[0] for package in setuptools["packages"]}
    assert needed <= allowed, f"missing from .dockerignore: {sorted(needed - allowed)}"
    assert not allowed & {"tests", "testkit", "bench", ".git"}
