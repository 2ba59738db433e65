"""One exit code per kind of outcome, through the real CLI: 0 ok, 1 findings or a failed run,
2 bad input, 3 a bug (one line and a hint, no traceback), 130 interrupted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.errors import BUG_HINT
from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.errors import (
    ConfigurationError,
    ResourceError,
    StateLockedError,
    TransientError,
)
from tests.conftest import EXAMPLES, FIXTURES
from tests.engine.fakes import FakeContext

EXAMPLE = str(EXAMPLES / "privatelink-cluster-linking.yaml")


def _plan_raising(error: BaseException, tmp_path: Path, *extra: str) -> tuple[int, str, str]:
    """``privnet plan`` of the seed example whose cloud context fails with ``error``."""

    def make_context(topology: object) -> FakeContext:
        raise error

    result = CliRunner().invoke(app, ["plan", EXAMPLE, "--state-dir", str(tmp_path), *extra],
                                obj=Services(make_context=make_context))
    return result.exit_code, result.stdout, result.stderr


def test_exit_0_when_all_is_well() -> None:
    result = CliRunner().invoke(app, ["validate", EXAMPLE])
    assert result.exit_code == 0, result.output


def test_exit_1_for_findings() -> None:
    result = CliRunner().invoke(app, ["validate", str(FIXTURES / "ADDR-001" / "fail.yaml")])
    assert result.exit_code == 1 and "ADDR-001" in result.stdout


@pytest.mark.parametrize("error", [ResourceError("vpc.main failed: refused"),
                                   TransientError("still throttled", retry_after=2, status=429)])
def test_exit_1_for_a_failed_run(error: Exception, tmp_path: Path) -> None:
    code, _, stderr = _plan_raising(error, tmp_path)
    assert code == 1
    assert stderr.strip().endswith(f"error: {error}") and "Traceback" not in stderr


def test_exit_2_for_an_unreadable_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["plan", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "cannot read the file" in result.stderr


@pytest.mark.parametrize("error", [StateLockedError("stack x is locked by pid 7"),
                                   ConfigurationError("CONFLUENT_CLOUD_API_KEY is not set")])
def test_exit_2_for_a_locked_stack_or_missing_credentials(error: Exception,
                                                         tmp_path: Path) -> None:
    code, _, stderr = _plan_raising(error, tmp_path)
    assert code == 2 and f"error: {error}" in stderr and "Traceback" not in stderr


def test_exit_3_for_a_bug_with_a_hint_and_no_traceback(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVNET_DEBUG", raising=False)
    code, _, stderr = _plan_raising(KeyError("subnet"), tmp_path)
    assert code == 3
    assert stderr.splitlines()[-2:] == ["error: unexpected KeyError: 'subnet'", BUG_HINT]
    assert "Traceback" not in stderr


def test_privnet_debug_shows_the_traceback_of_a_bug(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRIVNET_DEBUG", "1")
    code, _, stderr = _plan_raising(ValueError("boom"), tmp_path)
    assert code == 3 and "Traceback" in stderr and BUG_HINT in stderr


def test_a_bug_is_exit_3_even_with_detailed_exitcode(tmp_path: Path) -> None:
    """--detailed-exitcode turns deliberate errors into 1 (2 means changes), never a bug."""
    assert _plan_raising(ValueError("boom"), tmp_path, "--detailed-exitcode")[0] == 3
    assert _plan_raising(StateLockedError("locked"), tmp_path, "--detailed-exitcode")[0] == 1


def test_exit_130_when_interrupted(tmp_path: Path) -> None:
    code, _, stderr = _plan_raising(KeyboardInterrupt(), tmp_path)
    assert code == 130 and stderr.strip().endswith("interrupted")


_INJECT_BUG = """
import sys
import privnet.cli.validate_cmd as validate_cmd
from privnet.cli.main import main

def broken(files, output):
    raise ZeroDivisionError("division by zero")

validate_cmd.run_validate = broken
sys.argv = ["privnet", "validate", sys.argv[1]]
main()
"""


@pytest.mark.parametrize("debug", ["", "1"])
def test_a_bug_in_a_real_process_is_exit_3(debug: str) -> None:
    env = {**os.environ, "PRIVNET_DEBUG": debug}
    result = subprocess.run([sys.executable, "-c", _INJECT_BUG, EXAMPLE], capture_output=True,
                            text=True, check=False, env=env)
    assert result.returncode == 3, result.stderr
    assert "error: unexpected ZeroDivisionError: division by zero" in result.stderr
    assert BUG_HINT in result.stderr
    assert ("Traceback" in result.stderr) == (debug == "1")
