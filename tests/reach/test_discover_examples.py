"""For every example: apply it on the in-process local cloud, ``privnet discover`` the account
(AWS and the Confluent emulator), and ``privnet verify`` of the discovered file gives the same
matrix (location, cluster, port, broker AZ -> disposition) as verify of the example itself
with ``--source aws``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from privnet.cli import discover_cmd
from privnet.cli.main import app
from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.regions import merge_regions, stack_regions
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine
from tests.reach.client_vpn_setup import declared_client_vpn

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
NOT_DESCRIBED = {
    "source-initiated-link": "discover does not read cluster links (Kafka REST, data-plane "
                             "keys), so the runner's question to the private source's REST "
                             "name (the 'link' column) is not asked",
}
Key = tuple[str, str, int, str]


def _key(source: str, cluster: str, name: str, port: int) -> Key:
    """A path without the cluster id: the broker's AZ ID for a zonal broker name."""
    first, _, rest = name.partition(".")
    broker_az = rest.split(".", 1)[0] if re.search(r"-b\d+$", first) else ""
    return source, cluster, port, broker_az


def _cases() -> list[Any]:
    return [pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(
        strict=True, reason=NOT_DESCRIBED[p.stem])] if p.stem in NOT_DESCRIBED else [])
        for p in EXAMPLE_FILES]


@pytest.mark.parametrize("path", _cases())
def test_discovered_file_verifies_like_the_example(path: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    topology = load_spec(path).topology
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": topology.region}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path / "example-state")
        _, result = engine.apply()
        assert result.ok
        declared_client_vpn(ctx.aws("ec2"), topology)  # privnet models it, the user makes it
        state = {a: dict(r.attributes) for a, r in engine.store.load().resources.items()}
        live = merge_regions([
            snapshot_from_aws(*(cloud.context(topology.stack, region).aws(name)
                                for name in ("ec2", "route53", "route53resolver")))
            for region in stack_regions(topology)])
        example = {_key(t.question.source, t.question.cluster, t.question.name,
                        t.question.port): str(t.disposition)
                   for t in verify(with_state_facts(with_topology(live, topology), state,
                                                    topology.stack))}

        confluent = cloud.context(topology.stack, topology.region).confluent()
        monkeypatch.setattr(discover_cmd, "_local_cloud", lambda: None)
        monkeypatch.setattr(discover_cmd, "_confluent_get",
                            lambda local: lambda p, params: confluent.get(p, params=params))
        runner = CliRunner()
        found = runner.invoke(app, ["discover", "--region", topology.region,
                                    "--out", "discovered.yaml"])
        assert found.exit_code == 0, found.output
        checked = runner.invoke(app, ["validate", "discovered.yaml"])
        assert checked.exit_code == 0, checked.output
        verified = runner.invoke(app, ["verify", "discovered.yaml", "--source", "aws",
                                       "--format", "json"])
        assert verified.exit_code in (0, 1), verified.output
    # privnet names a cluster '<stack>-<name>' in Confluent: discover writes that name
    prefix = f"{topology.stack}-"
    discovered = {_key(t["source"], t["cluster"].removeprefix(prefix), t["name"], t["port"]):
                  t["disposition"] for t in json.loads(verified.stdout)["traces"]}
    file = yaml.safe_load((tmp_path / "discovered.yaml").read_text())
    assert {c["name"].removeprefix(prefix) for c in file["confluent"]["clusters"]} == {
        c.name for c in topology.confluent.clusters if c.access.value == "private"}
    with_endpoint = {v["name"] for v in file["aws"]["vpcs"] if "endpoint" in v}
    assert with_endpoint == {v.name for v in topology.aws.vpcs if v.endpoint is not None}
    assert discovered == example, (sorted(discovered.items()), sorted(example.items()))
