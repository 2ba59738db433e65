"""Paths a user mistypes (--state-dir a file or an unwritable directory, --out into a missing
directory) are input errors naming the path and the fix, exit 2, found before any cloud is
asked; never "unexpected NotADirectoryError" (a bug, exit 3) or a plan "as if no state"."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.engine.state import State, StateStore
from privnet.errors import StateError
from tests.render.test_run_cli import EXAMPLE, STACK, Cli


def _no_cloud(topology: Any) -> Any:
    raise AssertionError("a cloud was asked before the path was checked")


NO_CLOUD = Services(make_context=_no_cloud, handlers=dict, reporter=SilentReporter)


def _run(*args: str, services: Services = NO_CLOUD) -> Any:
    return CliRunner().invoke(app, list(args), obj=services, input="")


@pytest.mark.parametrize("verb", ["plan", "apply", "destroy"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_state_dir_that_is_a_file_is_refused_before_any_cloud(verb: str, fmt: str) -> None:
    result = _run(verb, EXAMPLE, "--yes" if verb != "plan" else "--no-refresh",
                  "--state-dir", os.devnull, "--format", fmt)
    assert result.exit_code == 2, result.output
    assert f"state directory {os.devnull} cannot be used: {os.devnull} is not a directory" \
        in result.stderr
    assert "--state-dir" in result.stderr and "unexpected" not in result.stderr
    if fmt == "json":
        assert json.loads(result.stdout)["error"]["exit_code"] == 2


def test_a_state_dir_below_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    result = _run("apply", EXAMPLE, "--yes", "--state-dir", str(tmp_path / "file" / "deeper"))
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'file'} is not a directory" in result.stderr


@pytest.mark.skipif(os.access("/proc/1", os.W_OK), reason="this user may write /proc/1")
def test_a_state_dir_nobody_may_write_is_refused_before_apply() -> None:
    result = _run("apply", EXAMPLE, "--yes", "--state-dir", "/proc/1")
    assert result.exit_code == 2, result.output
    assert "state directory /proc/1 cannot be used: privnet may not create" in result.stderr


@pytest.mark.parametrize("args", [["output", EXAMPLE], ["verify", EXAMPLE],
                                  ["diagram", EXAMPLE, "--source", "state"]])
def test_readers_of_a_state_dir_that_is_a_file_refuse_it(args: list[str]) -> None:
    result = _run(*args, "--state-dir", os.devnull)
    assert result.exit_code == 2, result.output
    assert f"{os.devnull} is not a directory" in result.stderr, result.output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_plan_out_into_a_missing_directory_is_refused_before_any_cloud(
        tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "missing" / "p"
    result = _run("plan", EXAMPLE, "--out", str(out), "--state-dir", str(tmp_path / "s"),
                  "--format", fmt)
    assert result.exit_code == 2, result.output
    assert f"cannot save the plan to {out}: the directory {out.parent} does not exist" \
        in result.stderr
    assert "unexpected" not in result.stderr


def test_a_plan_out_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    result = _run("plan", EXAMPLE, "--out", str(tmp_path), "--state-dir", str(tmp_path / "s"))
    assert result.exit_code == 2 and "it is a directory" in result.stderr, result.output


def test_a_plan_that_cannot_be_written_is_an_input_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = Cli(tmp_path / "state", monkeypatch)

    def full_disk(plan: Any, path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("privnet.engine.plan.save_plan", full_disk)
    result = cli("plan", EXAMPLE, "--out", str(tmp_path / "p"))
    assert result.exit_code == 2, result.output
    assert f"cannot save the plan to {tmp_path / 'p'}: No space left on device" in result.stderr


def test_a_state_write_the_disk_refuses_is_a_state_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = StateStore(STACK, tmp_path)
    state = State(stack=STACK, lineage="l-1")
    store.write(state)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(StateError, match=r"cannot write the state of stack .*No space left"):
        store.write(state)
    assert state.serial == 1 and store.load().serial == 1  # the last good state is kept
    assert [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")] == []


def test_a_lock_that_cannot_be_created_is_a_state_error(tmp_path: Path) -> None:
    (tmp_path / STACK).write_text("a file where the stack's directory goes")
    with pytest.raises(StateError, match="cannot create the stack's lock file"):
        StateStore(STACK, tmp_path).lock("apply").acquire()
