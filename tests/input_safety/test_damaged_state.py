"""A damaged state file is "state file X is damaged: ...", naming the backups, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.input_safety.cli import assert_no_traceback, privnet

TOPOLOGY = EXAMPLES / "pni.yaml"
STACK = "pni"
GOOD = {"format": 1, "stack": STACK, "lineage": "l-1", "serial": 3, "resources": {}}


def _state(**changes: object) -> bytes:
    return json.dumps({**GOOD, **changes}).encode()


DAMAGED: dict[str, tuple[bytes, str]] = {
    "deeply nested": (b"[" * 100_000, "nested too deeply"),
    "serial 1e999": (_state().replace(b'"serial": 3', b'"serial": 1e999'), "1e999"),
    "serial NaN": (_state().replace(b'"serial": 3', b'"serial": NaN'), "NaN"),
    "serial a string": (_state(serial="3"), "'serial' must be a whole number"),
    "serial negative": (_state(serial=-1), "'serial' must be a whole number"),
    "serial a boolean": (_state(serial=True), "'serial' must be a whole number"),
    "resources a list": (_state(resources=[]), "'resources' must be an object"),
    "resource a number": (_state(resources={"aws.vpc.a": 5}), "must be an object"),
    "resource without kind": (_state(resources={"aws.vpc.a": {}}), "has no 'kind'"),
    "attributes a list": (_state(resources={"aws.vpc.a": {"kind": "aws.vpc",
                                                          "attributes": [1]}}),
                          "'attributes' must be a JSON object"),
    "dependencies not names": (_state(resources={"aws.vpc.a": {"kind": "aws.vpc",
                                                               "dependencies": [1]}}),
                               "'dependencies' must be addresses"),
    "stack a list": (_state(stack=[STACK]), "'stack' must be a string"),
    "not an object": (b"[1, 2]", "not an object"),
    "truncated": (_state()[:30], "not valid JSON"),
    "empty": (b"", "not valid JSON"),
    "not UTF-8": (b'{"stack": "\xff"}', "not UTF-8"),
    "huge integer": (_state().replace(b'"serial": 3', b'"serial": ' + b"9" * 5000),
                     "not valid JSON"),
}


def _output(state_dir: Path) -> tuple[int, str]:
    outcome = privnet("output", str(TOPOLOGY), "--state-dir", str(state_dir))
    assert_no_traceback(outcome)
    return outcome.code, outcome.stderr


@pytest.mark.parametrize("content,reason", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_state_is_named_with_its_backup(tmp_path: Path, content: bytes,
                                                reason: str) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    (directory / "state.json.backup").write_bytes(_state())
    (directory / "state.json").write_bytes(content)
    code, stderr = _output(tmp_path)
    assert code == 2
    assert f"state file {directory / 'state.json'} is damaged:" in stderr, stderr
    assert reason in stderr
    assert "Restore one of the backups" in stderr and "state.json.backup" in stderr


def test_without_a_backup_the_message_says_so(tmp_path: Path) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    (directory / "state.json").write_bytes(b"{")
    code, stderr = _output(tmp_path)
    assert code == 2 and "is damaged" in stderr and "No backup exists" in stderr


def test_the_good_state_is_read(tmp_path: Path) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    (directory / "state.json").write_bytes(_state())
    code, stderr = _output(tmp_path)
    assert code == 0, stderr


UNKNOWN_FORMATS: dict[str, tuple[object, str]] = {
    "a newer format": (99, "format 99"), "a string": ("x", 'format "x"'),
    "null": (None, "format null"), "zero": (0, "format 0"), "true": (True, "format true"),
    "a float": (1.5, "format 1.5"),
}


@pytest.mark.parametrize("found,shown", UNKNOWN_FORMATS.values(), ids=UNKNOWN_FORMATS.keys())
def test_a_state_of_another_format_is_refused_not_rewritten(tmp_path: Path, found: object,
                                                            shown: str) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    (directory / "state.json.backup").write_bytes(_state())
    content = _state(format=found)
    (directory / "state.json").write_bytes(content)
    code, stderr = _output(tmp_path)
    assert code == 2, stderr
    assert f"state file {directory / 'state.json'} has {shown}; this privnet reads format 1" \
        in stderr, stderr
    assert "Restore one of the backups" in stderr and "state.json.backup" in stderr
    assert (directory / "state.json").read_bytes() == content  # left as it was


def test_a_refresh_does_not_rewrite_a_state_of_another_format(tmp_path: Path) -> None:
    from privnet.engine.state import StateStore
    from privnet.errors import StateError

    directory = tmp_path / STACK
    directory.mkdir()
    content = _state(format=99)
    (directory / "state.json").write_bytes(content)
    with pytest.raises(StateError, match="has format 99; this privnet reads format 1"):
        StateStore(STACK, tmp_path).load()
    assert (directory / "state.json").read_bytes() == content


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_as_state_file_does_not_block(tmp_path: Path) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    os.mkfifo(directory / "state.json")
    done = subprocess.run([sys.executable, "-m", "privnet.cli.main", "output", str(TOPOLOGY),
                           "--state-dir", str(tmp_path)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 2
    assert "is damaged: this is not a regular file" in done.stderr
