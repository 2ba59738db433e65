"""Every ``yaml`` block of README.md is a topology a reader can copy: it validates (clean or
warnings only), and it applies and destroys on the local cloud through the real commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.rules import Severity, validate
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import ROOT

BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
EXAMPLES = BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_readme_has_examples() -> None:
    assert EXAMPLES, "README.md has no ```yaml block"


@pytest.fixture(params=range(len(EXAMPLES)), ids=lambda i: f"block{i + 1}")
def example(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "privnet.yaml"
    path.write_text(EXAMPLES[request.param], encoding="utf-8")
    return path


def test_each_example_validates(example: Path) -> None:
    findings = validate(load_spec(example))
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity is Severity.ERROR]
    assert errors == []
    result = CliRunner().invoke(app, ["validate", str(example)])
    assert result.exit_code == 0, result.output


def test_each_example_applies_and_destroys(example: Path, tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    with InProcessCloud() as cloud:
        def context(topology: Topology) -> CloudContext:
            return cloud.context(topology.stack, topology.region, topology)

        services = Services(make_context=context)
        runner = CliRunner()
        applied = runner.invoke(app, ["apply", "--yes", str(example), "--state-dir", state],
                                obj=services)
        assert applied.exit_code == 0, applied.output[-3000:]
        assert "failed" not in applied.stdout
        again = runner.invoke(app, ["plan", "--detailed-exitcode", str(example),
                                    "--state-dir", state], obj=services)
        assert again.exit_code == 0, again.output[-3000:]  # applied: nothing left to do
        destroyed = runner.invoke(app, ["destroy", "--yes", str(example), "--state-dir",
                                        state], obj=services)
        assert destroyed.exit_code == 0, destroyed.output[-3000:]
