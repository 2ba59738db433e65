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
