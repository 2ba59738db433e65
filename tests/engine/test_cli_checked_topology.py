"""plan, apply and verify refuse a topology that fails validation before touching a cloud;
destroy still removes what a stack created after its file went wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli import engine_cmd
from privnet.cli.main import app
from tests.conftest import EXAMPLES
from tests.engine.fakes import FakeCloud
from tests.engine.test_cli import cli  # noqa: F401  (the fake-handler CLI fixture)

EXAMPLE = EXAMPLES / "privatelink-cluster-linking.yaml"


def _broken_copy(folder: Path) -> Path:
    """The seed example with its first VPC's CIDR made impossible (/33)."""
    text = EXAMPLE.read_text()
    broken = folder / "broken.yaml"
    broken.write_text(text.replace("cidr: 10.0.0.0/20", "cidr: 10.0.0.0/33", 1))
    assert broken.read_text() != text
    return broken


@pytest.mark.parametrize("command", [["plan"], ["apply", "--yes"],
                                     ["verify", "--source", "plan"]])
def test_an_invalid_topology_is_refused_before_any_cloud_call(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_cloud(topology: object) -> object:
        raise AssertionError("a cloud was contacted for an invalid topology")

    monkeypatch.setattr(engine_cmd, "context_factory", no_cloud)
    broken = _broken_copy(tmp_path)
    result = CliRunner().invoke(app, [*command, str(broken),
                                      "--state-dir", str(tmp_path / "state")])
    assert result.exit_code == 2, result.output
    assert "does not pass validation" in result.stderr
    assert "ADDR-004" in result.stderr and f"privnet validate {broken}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "state").exists()


def test_destroy_still_works_once_the_file_is_invalid(
        cli: tuple[CliRunner, list[str], FakeCloud], tmp_path: Path) -> None:  # noqa: F811
    runner, state, cloud = cli
    assert runner.invoke(app, ["apply", str(EXAMPLE), "--yes", *state]).exit_code == 0
    assert cloud.objects
    destroyed = runner.invoke(app, ["destroy", str(_broken_copy(tmp_path)), "--yes", *state])
    assert destroyed.exit_code == 0, destroyed.output
    assert not cloud.objects
