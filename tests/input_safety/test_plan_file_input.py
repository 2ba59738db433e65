"""A saved plan is read like a topology file: a FIFO never blocks and a damaged plan is an
input error (exit 2), not a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from privnet.engine.errors import PlanFileError
from privnet.engine.plan import is_plan_file, load_plan


def test_a_fifo_is_not_taken_for_a_plan_and_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.fifo"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    assert not is_plan_file(fifo)
    with pytest.raises(PlanFileError, match="not a regular file"):
        load_plan(fifo)


@pytest.mark.parametrize("content", [
    b"[" * 100_000,
    b'{"format": "privnet-plan/1", "stack": "s", "lineage": "l", "serial": "x", "changes": []}',
    b"\xff\xfe not utf-8",
    b'{"format": "privnet-plan/1"}',
])
def test_a_damaged_plan_is_a_plan_file_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(content)
    with pytest.raises(PlanFileError, match="cannot read plan file"):
        load_plan(path)
