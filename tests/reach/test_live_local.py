"""verify on the live local cloud after the engine applied the seed: all green with the real
cluster ids from the state; a zone association removed behind privnet's back fails exactly the
paths from that VPC."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.engine.operations import Engine
from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.spec_facts import with_topology
from privnet.reach.state_facts import with_state_facts
from privnet.reach.trace import Disposition, Trace
from privnet.reach.verify import verify
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine
from tests.reach.client_vpn_setup import declared_client_vpn

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"


@pytest.fixture(scope="module")
def topology() -> Topology:
    return load_spec(SEED).topology


@pytest.fixture
def applied(topology: Topology, tmp_path: Path) -> Iterator[tuple[CloudContext, Engine]]:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path / ".privnet")
        _, result = engine.apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        declared_client_vpn(ctx.aws("ec2"), topology)  # privnet models it, the user makes it
        yield ctx, engine


def live_traces(ctx: CloudContext, engine: Engine, topology: Topology) -> list[Trace]:
    """What ``privnet verify --source aws`` answers for the applied stack."""
    network = snapshot_from_aws(ctx.aws("ec2"), ctx.aws("route53"), ctx.aws("route53resolver"))
    resources = {a: r.attributes for a, r in engine.store.load().resources.items()}
    snapshot = with_state_facts(with_topology(network, topology), resources, topology.stack)
    return verify(snapshot)


def drop_zone_association(ctx: CloudContext, topology: Topology, vpc_name: str) -> None:
    vpc = ctx.aws("ec2").describe_vpcs(Filters=[
        {"Name": "tag:privnet:address", "Values": [f"aws.vpc.{vpc_name}"]}])["Vpcs"][0]
    route53 = ctx.aws("route53")
    zone = route53.list_hosted_zones()["HostedZones"][0]
    route53.disassociate_vpc_from_hosted_zone(
        HostedZoneId=zone["Id"], VPC={"VPCRegion": topology.region, "VPCId": vpc["VpcId"]})


def test_applied_seed_is_green_then_each_lost_zone_association_fails_its_vpcs_paths(
        applied: tuple[CloudContext, Engine], topology: Topology) -> None:
    ctx, engine = applied
    traces = live_traces(ctx, engine, topology)
    assert traces and all(t.as_expected for t in traces), [
        (t.question.source, t.question.name, str(t.disposition)) for t in traces
        if not t.as_expected]
    state = engine.store.load().resources
    real_ids = {state[f"confluent.cluster.{name}"].attributes["id"]
                for name in ("sandbox", "shared")}
    asked = {t.question.name.split(".")[0].split("-b")[0] for t in traces}
    assert asked == real_ids
    assert {t.question.source for t in traces} == {"dns", "runner", "sandbox", "shared", "vpn"}

    broken: set[str] = set()
    for vpc_name in ("shared", "runner"):
        drop_zone_association(ctx, topology, vpc_name)
        broken.add(vpc_name)
        traces = live_traces(ctx, engine, topology)
        failing = {t for t in traces if not t.as_expected}
        assert failing == {t for t in traces if t.question.source in broken}
        assert {t.disposition for t in failing} == {Disposition.NXDOMAIN}
        assert all("not associated" in t.hops[0].steps[-1].detail for t in failing)
