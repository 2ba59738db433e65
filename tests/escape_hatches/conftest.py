"""A stack on a fresh in-process local cloud, driven through the command line as a user
drives it: the ingress example copied to a temporary folder (so a test can edit it), its
state in a temporary ``--state-dir``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "ingress-privatelink.yaml"
STACK = "ingress-privatelink"


@dataclass
class Stack:
    """One stack: its topology file, state folder and the cloud it lives in."""

    file: Path
    state_dir: Path
    ctx: CloudContext

    def run(self, *args: str, stdin: str | None = None) -> Result:
        """``privnet ARGS --state-dir DIR``; the topology file is written as ``FILE``."""
        argv = [str(self.file) if a == "FILE" else a for a in args]
        services = Services(make_context=lambda _: self.ctx, reporter=SilentReporter)
        return CliRunner().invoke(app, [*argv, "--state-dir", str(self.state_dir)],
                                  obj=services, input=stdin)

    def ok(self, *args: str) -> Result:
        result = self.run(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.output
        return result

    @property
    def state_path(self) -> Path:
        return self.state_dir / STACK / "state.json"

    @property
    def backup_path(self) -> Path:
        return self.state_dir / STACK / "state.json.backup"

    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.state_path.read_text())
        return data

    def recorded_id(self, address: str) -> str:
        return str(self.state()["resources"][address]["attributes"]["id"])

    def plan(self, *options: str) -> dict[str, dict[str, Any]]:
        """``plan --format json``: the actionable changes by address."""
        result = self.ok("plan", "FILE", "--format", "json", *options)
        document = json.loads(result.stdout)
        return {c["address"]: c for c in document["changes"]}

    def vpc_exists(self, vpc_id: str) -> bool:
        vpcs = self.ctx.aws("ec2").describe_vpcs(
            Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Vpcs"]
        return bool(vpcs)


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    file = tmp_path / "privnet.yaml"
    shutil.copy(EXAMPLE, file)
    with InProcessCloud() as cloud:
        yield Stack(file, tmp_path / "state", cloud.context(STACK, "us-west-2"))


@pytest.fixture
def applied(stack: Stack) -> Stack:
    stack.ok("apply", "FILE", "--yes")
    return stack
