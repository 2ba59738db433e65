"""The seed example up and down on the in-process local cloud (moto + Confluent emulator)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.engine.plan import Action
from privnet.render.outputs import stack_outputs
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Topology
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine


def secret_values(layout: dict[str, str]) -> list[str]:
    """The API secrets inside a stored client layout (JAAS password or SR user info)."""
    found = re.findall(r"password='([^']+)'", layout.get("sasl.jaas.config", ""))
    user_info = layout.get("schema.registry.basic.auth.user.info")
    if user_info:
        found.append(user_info.split(":", 1)[1])
    return found


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def test_seed_example_applies_converges_and_destroys_to_zero(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path / ".privnet")

    plan, result = engine.apply()
    failures = {a: o.detail for a, o in result.outcomes.items() if o.status != "done"}
    assert result.ok, failures
    assert plan.counts()[0] == len(engine.graph().resources)

    up_aws = aws_inventory(ctx, topology.stack)
    assert up_aws["vpcs"] == 5 and up_aws["subnets"] == 10 and up_aws["vpc_endpoints"] == 2
    assert up_aws["transit_gateways"] == 1 and up_aws["tgw_attachments"] == 5
    assert up_aws["hosted_zones"] == 1 and up_aws["resolver_rules"] == 1
    up_confluent = confluent_inventory(ctx)
    assert up_confluent["clusters"] == 2 and up_confluent["service_accounts"] == 9
    assert up_confluent["private_link_attachments"] == 1

    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]

    state_text = engine.store.path.read_text()
    outputs = stack_outputs(engine.store.load())
    assert set(outputs["clusters"]) == {"sandbox", "shared"}
    for cluster in outputs["clusters"].values():
        assert cluster["bootstrap_endpoint"].endswith(":9092")
    secret_names = [name for account in outputs["service_accounts"].values()
                    for name in account["secrets"].values()]
    assert len(secret_names) == 9 and all(secret_names)
    stored = [ctx.aws("secretsmanager").get_secret_value(SecretId=name)["SecretString"]
              for name in secret_names]
    api_secrets = [secret for text in stored for secret in secret_values(json.loads(text))]
    assert len(api_secrets) == 9
    for secret in api_secrets:
        assert secret not in state_text

    _, destroyed = engine.destroy()
    failures = {a: o.detail for a, o in destroyed.outcomes.items() if o.status != "done"}
    assert destroyed.ok, failures
    assert engine.store.load().resources == {}
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}
    assert set(confluent_inventory(ctx).values()) == {0}


def test_changing_the_topology_updates_adds_and_removes_only_what_changed(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    data = topology.model_dump(mode="json")
    data["confluent"]["clusters"][0]["topics"].append({"name": "extra", "partitions": 3})
    data["aws"]["dns"]["record_ttl"] = 300
    changed = Topology.model_validate(data)
    ctx = local_cloud.context(topology.stack, topology.region)
    original = seed_engine(topology, ctx, tmp_path)
    assert original.apply()[1].ok

    plan, result = seed_engine(changed, ctx, tmp_path).apply()
    assert result.ok
    acted = {c.address: c.action for c in plan.actionable}
    assert acted == {"confluent.topic.sandbox.extra": Action.CREATE,
                     "aws.record.wildcard": Action.UPDATE,
                     **{f"aws.record.zonal.use1-az{n}": Action.UPDATE for n in (1, 2, 3)}}
    zone_id = original.store.load().resources["aws.zone.confluent"].attributes["id"]
    records = ctx.aws("route53").list_resource_record_sets(HostedZoneId=zone_id)
    cnames = [r for r in records["ResourceRecordSets"] if r["Type"] == "CNAME"]
    assert len(cnames) == 4 and {r["TTL"] for r in cnames} == {300}

    plan, result = original.apply()
    assert result.ok and plan.counts() == (0, 4, 1)
    assert not original.plan().has_changes
    assert original.destroy()[1].ok


def test_existing_hub_is_adopted_and_survives_destroy(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    ec2 = ctx.aws("ec2")
    tgw = ec2.create_transit_gateway(Options={"DefaultRouteTableAssociation": "disable",
                                              "DefaultRouteTablePropagation": "disable"})
    tgw_id = tgw["TransitGateway"]["TransitGatewayId"]
    table = ec2.create_transit_gateway_route_table(TransitGatewayId=tgw_id)
    table_id = table["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    runner_id = ec2.create_vpc(CidrBlock="10.253.0.0/24")["Vpc"]["VpcId"]
    data = topology.model_dump(mode="json")
    data["aws"]["hub"]["transit_gateway"] = {"id": tgw_id, "route_table_id": table_id}
    data["aws"]["hub"]["runner_vpc"]["id"] = runner_id
    engine = seed_engine(Topology.model_validate(data), ctx, tmp_path)

    _, result = engine.apply()
    assert result.ok, {a: o.detail for a, o in result.outcomes.items() if o.status != "done"}
    recorded = engine.store.load().resources
    assert recorded["aws.transit_gateway.hub"].attributes["id"] == tgw_id
    assert recorded["aws.vpc.runner"].attributes["id"] == runner_id
    assert not engine.plan().has_changes

    assert engine.destroy()[1].ok
    still = ec2.describe_transit_gateways(TransitGatewayIds=[tgw_id])["TransitGateways"]
    assert [t["State"] for t in still] == ["available"]
    assert [v["VpcId"] for v in ec2.describe_vpcs(VpcIds=[runner_id])["Vpcs"]] == [runner_id]
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}
