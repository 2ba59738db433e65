"""Two stacks of two Confluent environments on one account (one region): ``privnet discover``
refuses to guess which environment the file describes, and with ``--environment`` writes that
one cleanly, so verify of the file gives the matrix of the example that built it."""

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
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.verify import verify
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

STACKS = ("pni", "ingress-privatelink")
Key = tuple[str, str, int, str]


def _key(source: str, cluster: str, name: str, port: int) -> Key:
    """A path without the cluster id: the broker's AZ ID for a zonal broker name."""
    first, _, rest = name.partition(".")
    broker_az = rest.split(".", 1)[0] if re.search(r"-b\d+$", first) else ""
    return source, cluster, port, broker_az


def _example_matrix(cloud: Any, topology: Topology, state_dir: Path) -> dict[Key, str]:
    """Apply the example and verify it against the live account (what each stack gives
    alone)."""
    ctx = cloud.context(topology.stack, topology.region, topology)
    engine = seed_engine(topology, ctx, state_dir)
    _, result = engine.apply()
    assert result.ok
    state = {a: dict(r.attributes) for a, r in engine.store.load().resources.items()}
    live = snapshot_from_aws(*(ctx.aws(name) for name in ("ec2", "route53", "route53resolver")))
    return {_key(t.question.source, t.question.cluster, t.question.name, t.question.port):
            str(t.disposition)
            for t in verify(with_state_facts(with_topology(live, topology), state,
                                             topology.stack))}


def test_two_environments_on_one_account(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    topologies = [load_spec(EXAMPLES / f"{stack}.yaml").topology for stack in STACKS]
    region = topologies[0].region
    assert {t.region for t in topologies} == {region}
    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": region}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    with InProcessCloud() as cloud:
        matrices = [_example_matrix(cloud, t, tmp_path / f"{t.stack}-state")
                    for t in topologies]
        confluent = cloud.context(topologies[0].stack, region).confluent()
        monkeypatch.setattr(discover_cmd, "_local_cloud", lambda: None)
        monkeypatch.setattr(discover_cmd, "_confluent_get",
                            lambda local: lambda p, params: confluent.get(p, params=params))
        refused = runner.invoke(app, ["discover", "--region", region, "--out", "both.yaml"])
        assert refused.exit_code == 2, refused.output
        assert "--environment" in refused.output
        for t in topologies:
            assert t.confluent.environment.name in refused.output
        assert "Traceback" not in refused.output
        assert not (tmp_path / "both.yaml").exists()
        unknown = runner.invoke(app, ["discover", "--region", region, "--environment",
                                      "no-such-env"])
        assert unknown.exit_code == 2, unknown.output
        assert "no-such-env" in unknown.output

        verified: dict[str, list[dict[str, Any]]] = {}
        ids: dict[str, dict[str, str]] = {}
        for t in topologies:
            out = f"{t.stack}.yaml"
            found = runner.invoke(app, ["discover", "--region", region, "--out", out,
                                        "--environment", t.confluent.environment.name])
            assert found.exit_code == 0, found.output
            checked = runner.invoke(app, ["validate", out])
            assert checked.exit_code == 0, checked.output
            result = runner.invoke(app, ["verify", out, "--source", "aws", "--format", "json"])
            assert result.exit_code in (0, 1), result.output
            verified[t.stack] = json.loads(result.stdout)["traces"]
            ids[t.stack] = {c["name"]: c.get("id", "") for c in
                            yaml.safe_load(Path(out).read_text())["confluent"]["clusters"]}
            live_ids = {c["id"] for c in confluent.get("/cmk/v2/clusters", params={
                "environment": yaml.safe_load(Path(out).read_text())["confluent"]
                ["environment"]["id"]})["data"]}
            assert set(ids[t.stack].values()) <= live_ids
            planned = runner.invoke(app, ["plan", out])
            assert planned.exit_code == 2, planned.output
            assert "cannot adopt a cluster" in planned.output

    for t, example in zip(topologies, matrices, strict=True):
        prefix = f"{t.stack}-"
        locations = {source for source, _, _, _ in example}
        # the other stack's VPCs are on the account too: the example's own locations compare
        discovered = {_key(r["source"], r["cluster"].removeprefix(prefix), r["name"],
                           r["port"]): r["disposition"]
                      for r in verified[t.stack] if r["source"] in locations}
        assert discovered == example, (t.stack, sorted(discovered.items()),
                                       sorted(example.items()))
        # verify asks the clusters' real names (their ids), not stand-ins
        for r in verified[t.stack]:
            if r["cluster"] in ids[t.stack] and r["name"].startswith("lkc-"):
                assert r["name"].startswith(ids[t.stack][r["cluster"]]), r["name"]
        assert any(r["name"].startswith(ids[t.stack][r["cluster"]])
                   for r in verified[t.stack] if r["cluster"] in ids[t.stack])
