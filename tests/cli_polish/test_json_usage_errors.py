"""``--format json`` gives one JSON document on stdout even when click refuses the command
line or doctor refuses its input; click's choice errors read plainly ("'powershell' is not one
of ...", no pydantic "Value error," prefix)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from privnet.cli.json_usage import asks_for_json
from privnet.cli.main import app
from tests.conftest import EXAMPLES

EXAMPLE = str(EXAMPLES / "pni.yaml")
USAGE_ERRORS = {
    "not a number": (["plan", "--format", "json", "--parallelism", "abc"], "'--parallelism'"),
    "unknown option": (["plan", "--format", "json", "--bogus"], "No such option: --bogus"),
    "equals spelling": (["apply", "--format=json", "--bogus"], "No such option: --bogus"),
    "format after": (["destroy", "--bogus", "--format", "json"], "No such option: --bogus"),
    "bad choice": (["verify", EXAMPLE, "--format", "json", "--source", "x"],
                   "'x' is not one of 'auto', 'plan', 'aws'"),
    "missing value": (["output", EXAMPLE, "--format", "json", "--state-dir"],
                      "Option '--state-dir' requires an argument"),
}


def _document(stdout: str) -> dict[str, object]:
    document = json.loads(stdout)  # exactly one document: json.loads refuses anything more
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("args,message", USAGE_ERRORS.values(), ids=USAGE_ERRORS.keys())
def test_a_usage_error_is_a_json_document_in_process(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    document = _document(result.stdout)
    assert document["findings"] == []
    error = document["error"]
    assert isinstance(error, dict) and error["type"] == "UsageError"
    assert error["exit_code"] == 2 and message in error["message"]
    assert message in result.stderr  # and still said on stderr, as click says it


def test_a_usage_error_is_a_json_document_from_the_installed_command() -> None:
    done = subprocess.run([sys.executable, "-m", "privnet.cli.main", "plan", "--format", "json",
                           "--parallelism", "abc"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2, done.stderr
    assert _document(done.stdout)["error"] == {
        "type": "UsageError", "exit_code": 2,
        "message": "Invalid value for '--parallelism': Input should be a valid integer, "
                   "unable to parse string as an integer"}
    assert "--parallelism" in done.stderr


def test_without_json_a_usage_error_leaves_stdout_empty() -> None:
    result = CliRunner().invoke(app, ["plan", "--bogus"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "No such option: --bogus" in result.stderr


def test_doctor_input_errors_are_a_json_document() -> None:
    result = CliRunner().invoke(app, ["doctor", "--bootstrap", "host:abc", "--format", "json"])
    assert result.exit_code == 2, result.output
    error = _document(result.stdout)["error"]
    assert isinstance(error, dict) and error["exit_code"] == 2
    assert "--bootstrap must be HOST:PORT" in error["message"]
    assert "the port 'abc' is not a number" in result.stderr


@pytest.mark.parametrize("args,message", [
    (["completion", "powershell"],
     "Invalid value for 'SHELL': 'powershell' is not one of 'bash', 'zsh', 'fish'."),
    (["diagram", "--format", "svg"], "'svg' is not one of 'mermaid', 'dot'."),
    (["verify", "--source", "live"], "'live' is not one of 'auto', 'plan', 'aws'."),
])
def test_a_bad_choice_reads_plainly(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    flat = " ".join(result.stderr.replace("│", " ").split())
    assert message in flat, result.stderr
    assert "Value error" not in result.stderr


@pytest.mark.parametrize("argv,expected", [
    (["plan", "--format", "json"], True), (["plan", "--format=json"], True),
    (["plan", "--format", "text"], False), (["plan", "--format"], False),
    (["plan", "--", "--format", "json"], False), (["plan", "json"], False),
])
def test_asks_for_json(argv: list[str], expected: bool) -> None:
    assert asks_for_json(argv) is expected
