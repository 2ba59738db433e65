"""verify reads the stack's region: stacks applied in us-east-2 and us-west-2 on the local cloud
are read there by the default source, even though the local cloud reports us-east-1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privnet.cli import verify_cmd
from privnet.targets.inprocess import LOCAL_AWS_CREDENTIALS, InProcessCloud
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine


def _as_the_running_local_cloud(monkeypatch: pytest.MonkeyPatch) -> None:
    """Auto picks the live network; the local cloud's endpoints name us-east-1, as
    ``privnet local up`` writes them (no endpoint URL: moto runs in this process)."""
    monkeypatch.setattr(verify_cmd, "_local_cloud_runs", lambda: True)
    monkeypatch.setattr(verify_cmd, "_local_cloud", lambda: {
        "region_name": "us-east-1", "aws_access_key_id": "testing",
        "aws_secret_access_key": "testing"})


@pytest.mark.parametrize(("example", "region"), [("flink-private.yaml", "us-east-2"),
                                                 ("ingress-privatelink.yaml", "us-west-2")])
def test_default_source_reads_the_region_of_an_applied_stack(
        example: str, region: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    topology = load_spec(EXAMPLES / example).topology
    assert topology.region == region
    state_dir = tmp_path / ".privnet"
    _as_the_running_local_cloud(monkeypatch)
    for key, value in LOCAL_AWS_CREDENTIALS.items():
        monkeypatch.setenv(key.upper(), value)
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        _, result = seed_engine(topology, ctx, state_dir).apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        capsys.readouterr()
        code = verify_cmd.run_verify(EXAMPLES / example, [], [], "json", "auto", None, state_dir)

    out, err = capsys.readouterr()
    assert "verify: source aws" in err
    data = json.loads(out)
    dispositions = {t["disposition"] for t in data["traces"]}
    assert data["traces"] and dispositions == {"ACCEPTED"}, (dispositions, err)
    assert code == 0


def test_vpcs_declaring_their_own_region_are_read_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import boto3
    from moto import mock_aws

    from privnet.local.aws import AwsBehaviour, apply_patches
    from privnet.reach.regions import stack_regions
    from tests.reach.bare_network import REGION, build_bare
    from tests.reach.test_bare_network_cli import bare_topology

    _as_the_running_local_cloud(monkeypatch)
    for key, value in LOCAL_AWS_CREDENTIALS.items():
        monkeypatch.setenv(key.upper(), value)
    apply_patches(AwsBehaviour())
    with mock_aws():
        net = build_bare(*(boto3.client(n, region_name=REGION)
                           for n in ("ec2", "route53", "route53resolver")))
        path = tmp_path / "bare.yaml"
        path.write_text(bare_topology(net, stack_region="us-west-2", own_region=REGION))
        assert stack_regions(load_spec(path).topology) == ("us-west-2", REGION)
        capsys.readouterr()
        code = verify_cmd.run_verify(path, [], [], "json", "aws", None, tmp_path / ".privnet")

    by_source: dict[str, set[str]] = {}
    for trace in json.loads(capsys.readouterr().out)["traces"]:
        by_source.setdefault(trace["source"], set()).add(trace["disposition"])
    assert by_source == {"client": {"ACCEPTED"}, "direct": {"ACCEPTED"}, "hub": {"DENIED_IN"}}
    assert code == 0
