"""Hostile or broken YAML is a located message with exit 2, in text and in JSON, never a crash.

Each value below crashed ``privnet validate`` or was silently accepted before; the file puts
it on line 3, so every message must point there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privnet.topology.input_limits import MAX_DEPTH, MAX_INT_DIGITS, SCHEMA_RULE
from tests.conftest import EXAMPLES
from tests.input_safety.cli import assert_no_traceback, privnet

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"

HOSTILE_VALUES = {
    "invalid date": ("2024-02-30", "pattern"),
    "int tag on text": ("!!int abc", "not a valid !!int"),
    "timestamp tag on text": ("!!timestamp x", "not a valid !!timestamp"),
    "float tag on text": ("!!float nope", "not a valid !!float"),
    "null tag on text": ("!!null abc", "not a valid !!null"),
    "float tag on nothing": ("!!float &0", "not a valid !!float"),  # found by the fuzz test
    "int tag on nothing": ("!!int", "not a valid !!int"),
    "bool tag on text": ("!!bool maybe", "not a valid !!bool"),
    "huge integer": ("9" * 5000, f"at most {MAX_INT_DIGITS}"),
    "python tag": ("!!python/object/apply:os.system ['true']", "!!python/object/apply"),
    "python name tag": ("!!python/name:os.system x", "not supported"),
    "binary tag": ("!!binary aGVsbG8=", "!!binary"),
    "set tag": ("!!set {a: null}", "!!set"),
    "omap tag": ("!!omap [a: 1]", "!!omap"),
    "local tag": ("!secret value", "!secret"),
    "str tag on a list": ("!!str [1, 2]", "!!str"),
    "deep flow nesting": ("[" * 10_000, "nesting depth"),
    "nesting past the limit": ("[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5),
                               f"more than {MAX_DEPTH} levels"),
}


def _write(tmp_path: Path, value: str) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(f"version: 1\n# a hostile value follows\nstack: {value}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("value,expected", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_value_is_a_located_message(tmp_path: Path, value: str, expected: str) -> None:
    path = _write(tmp_path, value)
    outcome = privnet("validate", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2
    first = outcome.stderr.splitlines()[0]
    assert first.startswith(f"error: {path}:3:"), outcome.stderr
    assert expected in outcome.stderr


@pytest.mark.parametrize("value,expected", HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_hostile_value_in_json_mode_is_a_schema_finding(tmp_path: Path, value: str,
                                                        expected: str) -> None:
    path = _write(tmp_path, value)
    outcome = privnet("validate", "--format", "json", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2
    assert outcome.stderr == ""
    findings = json.loads(outcome.stdout)
    located = [f for f in findings if f["rule"] == SCHEMA_RULE and f["line"] == 3]
    assert located, findings
    assert any(expected in f["message"] for f in findings), findings
    for finding in findings:
        assert finding["file"] == str(path) and finding["severity"] == "error"
        assert finding["fix"], finding


@pytest.mark.parametrize("text,expected", [
    ("a: 1\nb: 2\na: 3\n", "duplicate key 'a'"),
    ("a: 1\n~: 2\n", "must not be empty or null"),
    ("a: 1\n? [x]\n: 2\n", "must be a plain value"),
    ("a: &x 1\nb: *y\n", "undefined alias"),
    ("", "empty"),
    ("# only a comment\n", "empty"),
    ("- one\n- two\n", "is a list"),
    ("just text\n", "a single value"),
    ("a: 1\n\x01b: 2\n", "control characters"),
    ("a: 1\n---\nb: 2\n", "single document"),
])
def test_broken_documents(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = privnet("validate", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2
    assert outcome.stderr.startswith(f"error: {path}:"), outcome.stderr
    assert expected in outcome.stderr


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nstack: caf\xe9\n")
    outcome = privnet("validate", str(path))
    assert_no_traceback(outcome)
    assert outcome.code == 2
    assert f"{path}:2:11:" in outcome.stderr and "not UTF-8" in outcome.stderr


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes())
    plain = privnet("validate", "--format", "json", str(SEED))
    marked = privnet("validate", "--format", "json", str(with_bom))
    assert marked.code == plain.code and plain.code in (0, 1)
    assert [f["rule"] for f in json.loads(marked.stdout)] == \
        [f["rule"] for f in json.loads(plain.stdout)]


def test_dates_stay_text_where_text_is_expected(tmp_path: Path) -> None:
    """A date-looking value is the text written (the topology has no dates), so it reaches
    the schema as a string: here a name pattern error, not a type error about dates."""
    path = tmp_path / "date.yaml"
    path.write_text(SEED.read_text(encoding="utf-8").replace("stack: ", "stack: 2024-02-30 #",
                                                             1), encoding="utf-8")
    outcome = privnet("validate", "--format", "json", str(path))
    assert outcome.code == 2
    (finding,) = json.loads(outcome.stdout)
    assert finding["path"] == "stack" and "pattern" in finding["message"]
