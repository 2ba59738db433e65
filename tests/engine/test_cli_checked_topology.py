"""plan, apply and destroy refuse a topology that fails validation before touching a cloud,
printing the findings as validate does; verify refuses only an undefined network."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.fakes import FakeCloud, FakeContext
from tests.engine.test_cli import cli  # noqa: F401  (the fake-handler CLI fixture)

EXAMPLE = EXAMPLES / "privatelink-cluster-linking.yaml"


def _broken_copy(folder: Path) -> Path:
    """The seed example with its first VPC's CIDR made impossible (/33)."""
    text = EXAMPLE.read_text()
    broken = folder / "broken.yaml"
    broken.write_text(text.replace("cidr: 10.0.0.0/20", "cidr: 10.0.0.0/33", 1))
    assert broken.read_text() != text
    return broken


@pytest.mark.parametrize("command", [["plan"], ["plan", "--destroy"], ["apply", "--yes"],
                                     ["destroy", "--yes"], ["verify", "--source", "plan"]])
def test_an_invalid_topology_is_refused_before_any_cloud_call(
        command: list[str], tmp_path: Path) -> None:
    def no_cloud(topology: object) -> FakeContext:
        raise AssertionError("a cloud was contacted for an invalid topology")

    broken = _broken_copy(tmp_path)
    result = CliRunner().invoke(app, [*command, str(broken),
                                      "--state-dir", str(tmp_path / "state")],
                                obj=Services(make_context=no_cloud))
    assert result.exit_code == 2, result.output
    assert "does not pass validation" in result.stderr
    assert "ADDR-004" in result.stderr and f"privnet validate {broken}" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "state").exists()


def test_destroy_of_an_applied_stack_waits_for_the_file_to_be_fixed(
        cli: tuple[CliRunner, list[str], FakeCloud], tmp_path: Path) -> None:  # noqa: F811
    runner, state, cloud = cli
    assert runner.invoke(app, ["apply", str(EXAMPLE), "--yes", *state]).exit_code == 0
    made = dict(cloud.objects)
    refused = runner.invoke(app, ["destroy", str(_broken_copy(tmp_path)), "--yes", *state])
    assert refused.exit_code == 2 and "ADDR-004" in refused.stderr
    assert cloud.objects == made
    destroyed = runner.invoke(app, ["destroy", str(EXAMPLE), "--yes", *state])
    assert destroyed.exit_code == 0, destroyed.output
    assert not cloud.objects


def test_two_vpcs_on_one_cidr_create_nothing_on_the_local_cloud(
        tmp_path: Path) -> None:
    """ADDR-001: AWS would refuse the second VPC only after everything before it was made."""
    from privnet.targets.inprocess import InProcessCloud
    from tests.engine.local_cloud import aws_inventory, confluent_inventory

    text = EXAMPLE.read_text()
    clash = tmp_path / "clash.yaml"
    clash.write_text(text.replace("cidr: 10.1.0.0/20", "cidr: 10.0.0.0/20", 1))
    assert clash.read_text() != text
    topology = load_spec(EXAMPLE).topology
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        result = CliRunner().invoke(app, ["apply", str(clash), "--yes", "--state-dir",
                                          str(tmp_path / "state")],
                                    obj=Services(make_context=lambda _: ctx))
        assert result.exit_code == 2 and "ADDR-001" in result.stderr
        assert set(aws_inventory(ctx, topology.stack).values()) <= {0}
        assert set(confluent_inventory(ctx).values()) <= {0}
