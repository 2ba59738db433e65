"""Every command that reads a topology takes FILE optionally, defaulting to ./privnet.yaml,
and says so plainly (exit 2) when neither is there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.file_argument import topology_file, topology_files
from privnet.cli.main import app
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "privatelink-cluster-linking.yaml"
COMMANDS = [["validate"], ["verify", "--source", "plan"], ["diagram"], ["state", "list"],
            ["state", "pull"]]
"""Commands that read the file without a cloud: the default is checked end to end."""
ENGINE_COMMANDS = [["plan"], ["apply", "--yes"], ["destroy", "--yes"], ["refresh"]]
"""Commands that would reach a cloud once the file is read: the missing default stops them
first."""
MISSING = "no topology file given and ./privnet.yaml does not exist"


@pytest.mark.parametrize("command", COMMANDS + ENGINE_COMMANDS, ids=" ".join)
def test_without_a_file_or_privnet_yaml_exit_2(command: list[str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2, result.output
    assert MISSING in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_privnet_yaml_in_the_folder_is_the_default(command: list[str], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXAMPLE, tmp_path / "privnet.yaml")
    monkeypatch.chdir(tmp_path)
    implicit = CliRunner().invoke(app, command)
    explicit = CliRunner().invoke(app, [*command, "privnet.yaml"])
    assert implicit.exit_code == explicit.exit_code, implicit.output
    assert implicit.exit_code in (0, 1)  # the file was read: findings at most
    assert implicit.output == explicit.output and implicit.output  # stdout and stderr


def test_a_named_file_wins_over_privnet_yaml(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "privnet.yaml").write_text("not: [a topology\n")
    monkeypatch.chdir(tmp_path)
    assert topology_file(EXAMPLE) == EXAMPLE
    assert topology_files([EXAMPLE, EXAMPLE]) == [EXAMPLE, EXAMPLE]
    assert topology_files(None) == [Path("privnet.yaml")]
    assert topology_files([]) == [Path("privnet.yaml")]


@pytest.mark.parametrize("command", [["validate"], ["verify", "--source", "plan"], ["plan"],
                                     ["apply", "--yes"], ["destroy", "--yes"], ["refresh"],
                                     ["state", "list"]], ids=" ".join)
def test_json_output_stays_one_document_without_a_file(command: list[str], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, [*command, "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    text = json.dumps(document)
    assert "privnet.yaml" in text


@pytest.mark.parametrize(("content", "rule"), [("stack: [unclosed\n", "SCHEMA"),
                                               ("stack: x\nbogus_key: 1\n", "SCHEMA")])
def test_verify_json_on_a_bad_file_is_one_document(content: str, rule: str,
                                                   tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = CliRunner().invoke(app, ["verify", str(bad), "--source", "plan", "--format",
                                      "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["error"]["exit_code"] == 2
    assert document["findings"] and {f["rule"] for f in document["findings"]} == {rule}
    assert all(f["file"] == str(bad) and f["line"] >= 1 for f in document["findings"])
