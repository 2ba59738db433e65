"""A VPC given by ``id`` in the topology is read, on the local cloud: the plan shows it as
``will be read`` (``<=``), never created; the summary counts it to read; destroy leaves it."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.providers.registry import all_handlers
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


def test_a_vpc_given_by_id_is_read_and_left_in_place(tmp_path: Path) -> None:
    spec = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    with InProcessCloud() as cloud:
        topology_file = tmp_path / "adopting.yaml"
        ctx = cloud.context(spec["stack"], spec["region"])
        vpc_id = ctx.aws("ec2").create_vpc(CidrBlock="10.0.0.0/20")["Vpc"]["VpcId"]
        spec["aws"]["vpcs"][0]["id"] = vpc_id  # the sandbox VPC exists already
        topology_file.write_text(yaml.safe_dump(spec), encoding="utf-8")
        services = Services(make_context=lambda t: cloud.context(t.stack, t.region, t),
                            handlers=all_handlers, reporter=SilentReporter)

        def run(*args: str) -> str:
            result = CliRunner().invoke(app, [*args, str(topology_file), "--no-color",
                                              "--state-dir", str(tmp_path / "state")],
                                        obj=services)
            assert result.exit_code == 0, result.output
            return result.stdout

        plan = run("plan")
        assert "  # aws.vpc.sandbox will be read\n" in plan
        assert " <= aws.vpc.sandbox\n" in plan
        assert f'      id   = "{vpc_id}"' in plan
        assert "aws.vpc.sandbox will be created" not in plan
        assert "existing_id" not in plan
        assert ", 1 to read." in plan.splitlines()[-1]

        # before any apply, a destroy has nothing to do: discovery finds the VPC by its id,
        # but destroy would leave it in place anyway, so it is not taken in
        assert run("plan", "--destroy").splitlines()[-1] == (
            "Nothing to destroy: the stack has no recorded objects.")

        run("apply", "--yes", "--target", "aws.vpc.sandbox")
        plan_of_destroy = run("plan", "--destroy")  # recorded by the apply
        assert "  # aws.vpc.sandbox will be left in place (this stack forgets it)\n" in (
            plan_of_destroy)
        assert "  . aws.vpc.sandbox\n" in plan_of_destroy
        assert "destroyed" not in plan_of_destroy
        assert plan_of_destroy.splitlines()[-1] == (
            "Plan: 0 to add, 0 to change, 0 to destroy, 1 to leave in place.")

        run("destroy", "--yes")  # forgets it, and the VPC is still there
        assert ctx.aws("ec2").describe_vpcs(VpcIds=[vpc_id])["Vpcs"]
        assert run("plan", "--destroy").splitlines()[-1] == (
            "Nothing to destroy: the stack has no recorded objects.")
