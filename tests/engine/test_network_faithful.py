"""The in-process local cloud with a network-faithful data plane: Confluent data-plane calls get
through only when the topology's runner can resolve and reach the private endpoint in moto."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.operations import Engine
from privnet.engine.walk import Status
from privnet.providers.base import UnreachableError
from privnet.render.outputs import stack_outputs
from privnet.resources.kinds import DATA_PLANE_KINDS
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Runner, Topology
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

UNKNOWN_HOST = "Name or service not known"


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def failures(outcomes: dict[str, Any]) -> dict[str, str]:
    return {a: o.detail for a, o in outcomes.items() if o.status is not Status.DONE}


def vpc_id(ctx: CloudContext, topology: Topology, name: str) -> str:
    vpcs = ctx.aws("ec2").describe_vpcs(Filters=[
        {"Name": "tag:privnet:address", "Values": [f"aws.vpc.{name}"]},
        {"Name": "tag:privnet:stack", "Values": [topology.stack]}])["Vpcs"]
    assert len(vpcs) == 1
    return str(vpcs[0]["VpcId"])


def drop_zone_association(ctx: CloudContext, topology: Topology, vpc_name: str) -> None:
    """Behind privnet's back: the VPC no longer sees the centralized private hosted zone."""
    route53 = ctx.aws("route53")
    zones = route53.list_hosted_zones()["HostedZones"]
    assert len(zones) == 1
    route53.disassociate_vpc_from_hosted_zone(
        HostedZoneId=zones[0]["Id"],
        VPC={"VPCRegion": topology.region, "VPCId": vpc_id(ctx, topology, vpc_name)})


def list_topics_as_manager(ctx: CloudContext, engine: Engine, cluster: str) -> list[str]:
    """One real data-plane call: the cluster's topics, with its manager's stored key."""
    outputs = stack_outputs(engine.store.load())
    secret_name = outputs["service_accounts"][f"{cluster}_app_manager"]["secrets"][cluster]
    layout = json.loads(ctx.aws("secretsmanager").get_secret_value(
        SecretId=secret_name)["SecretString"])
    key, secret = re.findall(r"username='([^']+)' password='([^']+)'",
                             layout["sasl.jaas.config"])[0]
    details = outputs["clusters"][cluster]
    client = ctx.kafka_rest(details["rest_endpoint"], key, secret)
    try:
        answer = client.get(f"/kafka/v3/clusters/{details['id']}/topics")
    finally:
        client.close()
    return sorted(item["topic_name"] for item in answer["data"])


def downstream_of(engine: Engine, addresses: set[str]) -> set[str]:
    """Every resource that depends, directly or not, on one of ``addresses``."""
    graph = engine.graph()
    found: set[str] = set()
    todo = list(addresses)
    while todo:
        for child in graph.dependents(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def test_seed_apply_converges_with_the_gate_on_and_destroys_to_zero(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region, topology)
    engine = seed_engine(topology, ctx, tmp_path / ".privnet")
    _, result = engine.apply()
    assert result.ok, failures(dict(result.outcomes))
    gate = ctx.network_gate
    assert gate is not None
    data_plane = [a for a, r in engine.graph().resources.items() if r.kind in DATA_PLANE_KINDS]
    # every data-plane node made at least one private call, each decided on the live network
    assert gate.stats.private_checks >= len(data_plane)
    assert gate.stats.snapshots >= 1 and gate.stats.refused == 0
    assert list_topics_as_manager(ctx, engine, "sandbox") == ["dev-stock_trades"]
    assert not engine.plan().has_changes
    _, destroyed = engine.destroy()
    assert destroyed.ok, failures(dict(destroyed.outcomes))
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}
    assert set(confluent_inventory(ctx).values()) == {0}


def test_runner_on_the_internet_cannot_reach_private_clusters(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    outside = topology.model_copy(update={"runner": Runner(location="internet")})
    ctx = local_cloud.context(outside.stack, outside.region, outside)
    engine = seed_engine(outside, ctx, tmp_path / ".privnet")
    _, result = engine.apply()
    assert not result.ok
    kinds = {a: r.kind for a, r in engine.graph().resources.items()}
    failed = {a: o.detail for a, o in result.outcomes.items() if o.status is Status.FAILED}
    assert failed and {kinds[a] for a in failed} <= DATA_PLANE_KINDS
    for detail in failed.values():
        assert UNKNOWN_HOST in detail and "private.confluent.cloud" in detail, detail
    # what needs the data plane waits for it; everything else was made and recorded
    downstream = downstream_of(engine, set(failed))
    skipped = {a: o.detail for a, o in result.outcomes.items() if o.status is Status.SKIPPED}
    assert set(skipped) <= downstream
    assert all(detail.startswith("upstream failed") for detail in skipped.values())
    done = {a for a, o in result.outcomes.items() if o.status is Status.DONE}
    assert done == set(kinds) - set(failed) - set(skipped)
    assert set(kinds) - downstream - set(failed) <= done
    saved = engine.store.load().resources
    assert done <= saved.keys() <= done | set(failed)
    assert all(saved[a].pending for a in saved.keys() - done)  # begun, never confirmed
    assert aws_inventory(ctx, outside.stack)["vpc_endpoints"] == 2
    assert confluent_inventory(ctx)["clusters"] == 2


def test_zone_association_removed_behind_privnets_back_makes_the_host_unknown(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region, topology)
    engine = seed_engine(topology, ctx, tmp_path / ".privnet")
    _, result = engine.apply()
    assert result.ok, failures(dict(result.outcomes))
    assert list_topics_as_manager(ctx, engine, "shared") == ["dev-stock_trades"]

    drop_zone_association(ctx, topology, topology.runner.location)
    with pytest.raises(UnreachableError, match=UNKNOWN_HOST):
        list_topics_as_manager(ctx, engine, "shared")
    # plan still works: the unreachable data-plane objects are said to be not refreshed
    plan = engine.plan()
    assert [c.address for c in plan.actionable] == ["aws.zone_association.runner"]  # drift
    unrefreshed = {c.address for c in plan.changes
                   if c.reason.startswith("not refreshed") and UNKNOWN_HOST in c.reason}
    assert "confluent.topic.sandbox.dev-stock_trades" in unrefreshed
    _, healed = engine.apply()  # privnet puts the association back: the name resolves again
    assert healed.ok, failures(dict(healed.outcomes))
    assert list_topics_as_manager(ctx, engine, "shared") == ["dev-stock_trades"]
    drop_zone_association(ctx, topology, "shared")  # another VPC's DNS is not the runner's
    assert list_topics_as_manager(ctx, engine, "sandbox") == ["dev-stock_trades"]


def test_destroy_completes_after_the_runner_lost_its_private_dns(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region, topology)
    engine = seed_engine(topology, ctx, tmp_path / ".privnet")
    _, result = engine.apply()
    assert result.ok, failures(dict(result.outcomes))
    drop_zone_association(ctx, topology, topology.runner.location)

    _, destroyed = engine.destroy()
    assert destroyed.ok, failures(dict(destroyed.outcomes))
    assert engine.store.load().resources == {}
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}
    assert set(confluent_inventory(ctx).values()) == {0}
    emulator = local_cloud.app.state.emulator
    assert {kind: emulator.count(kind) for kind in ("topics", "acls", "links", "mirrors")} == {
        "topics": 0, "acls": 0, "links": 0, "mirrors": 0}
