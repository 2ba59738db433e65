"""``privnet --version``, shell completion and ``--debug``, as a user types them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet import __version__
from privnet.cli.errors import BUG_HINT
from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.providers.base import ProviderContext
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "privatelink-cluster-linking.yaml")


@pytest.mark.parametrize("args", [["--version"], ["version"]])
def test_version_both_ways(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout == f"privnet {__version__}\n"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_a_script_for_the_named_shell(shell: str) -> None:
    result = CliRunner().invoke(app, ["completion", shell])
    assert result.exit_code == 0, result.output
    assert "_PRIVNET_COMPLETE" in result.stdout and f"complete_{shell}" in result.stdout


def test_completion_of_an_unknown_shell_is_a_usage_error() -> None:
    result = CliRunner().invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_show_completion_prints_the_same_kind_of_script() -> None:
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = subprocess.run([sys.executable, "-m", "privnet.cli.main", "--show-completion",
                             "bash"], capture_output=True, text=True, check=False, env=env)
    assert result.returncode == 0, result.stderr
    assert "complete_bash" in result.stdout


def test_the_completion_script_completes_commands() -> None:
    """What the bash script runs when the user presses Tab after ``privnet lo``."""
    env = {**os.environ, "_PRIVNET_COMPLETE": "complete_bash", "COMP_WORDS": "privnet lo",
           "COMP_CWORD": "1"}
    script = Path(sys.executable).with_name("privnet")  # the installed console script
    result = subprocess.run([str(script)], capture_output=True, text=True, check=False, env=env)
    assert result.stdout.split() == ["local"], result.stderr


def _plan_with_a_bug(tmp_path: Path, *global_options: str) -> tuple[int, str]:
    def make_context(topology: Topology) -> ProviderContext:
        raise LookupError("no such subnet")

    result = CliRunner().invoke(app, [*global_options, "plan", EXAMPLE, "--state-dir",
                                      str(tmp_path)], obj=Services(make_context=make_context))
    return result.exit_code, result.stderr


def test_a_bug_without_debug_is_one_line_and_a_hint(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVNET_DEBUG", raising=False)
    code, stderr = _plan_with_a_bug(tmp_path)
    assert code == 3
    assert stderr.splitlines()[-2:] == ["error: unexpected LookupError: no such subnet",
                                        BUG_HINT]
    assert "Traceback" not in stderr
    assert "--debug" in BUG_HINT


def test_debug_prints_the_full_traceback(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRIVNET_DEBUG", raising=False)
    code, stderr = _plan_with_a_bug(tmp_path, "--debug")
    assert code == 3
    assert "Traceback (most recent call last)" in stderr
    assert "in make_context" in stderr  # the frame where it was raised
    assert stderr.splitlines()[-1] == BUG_HINT
    # the flag lasts one invocation: the next run without it is short again
    assert "Traceback" not in _plan_with_a_bug(tmp_path)[1]


def test_debug_in_a_real_process(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PRIVNET_DEBUG"}
    broken = tmp_path / "broken.yaml"
    broken.write_text("stack: x\n")
    inject = ("import sys, privnet.cli.validate_cmd as v\n"
              "from privnet.cli.main import main\n"
              "def boom(files, output): raise ZeroDivisionError('division by zero')\n"
              "v.run_validate = boom\n"
              "sys.argv = ['privnet', *sys.argv[1:]]\n"
              "main()\n")
    for args, traced in ((["validate", str(broken)], False),
                         (["--debug", "validate", str(broken)], True)):
        result = subprocess.run([sys.executable, "-c", inject, *args], capture_output=True,
                                text=True, check=False, env=env)
        assert result.returncode == 3, result.stderr
        assert ("Traceback" in result.stderr) == traced
        assert "error: unexpected ZeroDivisionError: division by zero" in result.stderr
