"""Absurdly large numbers are refused where they are read, with the field and the bound:
``key_rotation: {keep: 99999999999999999999}`` used to validate, plan and apply, and
``--parallelism 100000000`` to start that many workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.input_safety.cli import assert_no_traceback, privnet

PASSING = Path(__file__).parents[1] / "rules" / "fixtures" / "KEYS-001" / "pass.yaml"
HUGE = "99999999999999999999"


def _with(tmp_path: Path, old: str, new: str) -> Path:
    text = PASSING.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "privnet.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("rotation,field,bound", [
    (f"{{keep: {HUGE}, day_count: 30}}", "key_rotation.keep", "10"),
    ("{keep: 11, day_count: 30}", "key_rotation.keep", "10"),
    (f"{{keep: 3, day_count: {HUGE}}}", "key_rotation.day_count", "3650"),
    ("{keep: 3, day_count: 3651}", "key_rotation.day_count", "3650"),
])
def test_key_rotation_beyond_its_bound_is_a_schema_finding(
        tmp_path: Path, rotation: str, field: str, bound: str) -> None:
    path = _with(tmp_path, "{keep: 3, day_count: 30}", rotation)
    outcome = privnet("validate", "--format", "json", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2, outcome.text
    findings = json.loads(outcome.stdout)
    located = [f for f in findings if f["rule"] == "SCHEMA" and field in f["path"]]
    assert located and f"less than or equal to {bound}" in located[0]["message"], findings


def test_key_rotation_at_its_bounds_is_accepted(tmp_path: Path) -> None:
    path = _with(tmp_path, "{keep: 3, day_count: 30}", "{keep: 10, day_count: 3650}")
    outcome = privnet("validate", "--format", "json", str(path))
    assert outcome.code != 2, outcome.text  # the fixture's own rule findings, no SCHEMA one
    assert not [f for f in json.loads(outcome.stdout) if f["rule"] == "SCHEMA"]


@pytest.mark.parametrize("port", ["65536", HUGE, "-1"])
def test_a_port_outside_16_bits_is_a_schema_finding(tmp_path: Path, port: str) -> None:
    vpc = "      endpoint: {connectivity: platt}"
    rule = ("\n      security_group:\n        ingress:\n"
            f"          - {{ports: [{port}], sources: [10.0.0.0/8]}}")
    path = _with(tmp_path, vpc, vpc + rule)
    outcome = privnet("validate", "--format", "json", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2, outcome.text
    assert any("ports" in f["path"] for f in json.loads(outcome.stdout))


@pytest.mark.parametrize("command", ["plan", "apply", "destroy", "refresh"])
@pytest.mark.parametrize("value,word", [("100000000", "less than or equal to 64"),
                                        ("0", "greater than or equal to 1")])
def test_parallelism_is_bounded(command: str, value: str, word: str) -> None:
    outcome = privnet(command, str(FIXTURES / "missing.yaml"), "--parallelism", value)
    assert outcome.code == 2, outcome.text
    said = " ".join(outcome.stderr.replace("│", " ").split())  # unwrapped from its box
    assert "Invalid value for '--parallelism'" in said and word in said, outcome.stderr
