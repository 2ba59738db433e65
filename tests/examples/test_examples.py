"""The shipped examples validate clean; each broken twin is caught by the expected rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

BROKEN = Path(__file__).resolve().parent / "broken"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
BROKEN_FILES = sorted(BROKEN.glob("*.yaml"))


def _privnet(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "privnet.cli.main", *args],
                          capture_output=True, text=True, check=False)


def test_every_expected_example_exists() -> None:
    names = {p.name for p in EXAMPLE_FILES}
    assert {
        "privatelink-cluster-linking.yaml", "source-initiated-link.yaml", "pni.yaml",
        "flink-private.yaml", "ingress-privatelink.yaml",
    } <= names


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_validates_clean(example: Path) -> None:
    result = _privnet("validate", "--format", "json", str(example))
    assert result.returncode == 0, result.stdout + result.stderr
    findings = json.loads(result.stdout)
    assert [f for f in findings if f["severity"] == "error"] == []


@pytest.mark.parametrize("broken", BROKEN_FILES, ids=lambda p: p.name)
def test_broken_twin_is_caught_by_expected_rules(broken: Path) -> None:
    expected = set(broken.with_suffix(".expected").read_text().split())
    result = _privnet("validate", "--format", "json", str(broken))
    assert result.returncode == 1, result.stdout + result.stderr
    fired = {f["rule"] for f in json.loads(result.stdout)}
    assert expected <= fired, f"missing: {sorted(expected - fired)}"


def test_every_example_has_a_broken_twin() -> None:
    assert {p.name for p in EXAMPLE_FILES} <= {p.name for p in BROKEN_FILES}
