"""VPCs, subnets, route tables, routes and security groups against the local AWS."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws import HANDLERS
from privnet.providers.aws.tags import ADDRESS_TAG, STACK_TAG
from tests.providers.aws.builders import hub, make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip


def _count(ctx: AwsOnlyContext, method: str, key: str, address: str) -> int:
    filters = [{"Name": f"tag:{ADDRESS_TAG}", "Values": [address]}]
    return len(getattr(ctx.aws("ec2"), method)(Filters=filters)[key])


def test_vpc_round_trip_tags_and_dns_attributes(ctx: AwsOnlyContext) -> None:
    handler = HANDLERS["aws.vpc"]
    created = round_trip(handler, ctx, "aws.vpc.sandbox", {"cidr": "10.0.0.0/20"})
    ec2 = ctx.aws("ec2")
    vpc = ec2.describe_vpcs(VpcIds=[created["id"]])["Vpcs"][0]
    tags = {t["Key"]: t["Value"] for t in vpc["Tags"]}
    assert tags[STACK_TAG] == "unit-stack" and tags[ADDRESS_TAG] == "aws.vpc.sandbox"
    hostnames = ec2.describe_vpc_attribute(VpcId=created["id"], Attribute="enableDnsHostnames")
    assert hostnames["EnableDnsHostnames"]["Value"] is True
    # A second create after a lost state write must not be attempted blindly: find heals it.
    assert _count(ctx, "describe_vpcs", "Vpcs", "aws.vpc.sandbox") == 1
    delete_twice(handler, ctx, "aws.vpc.sandbox", created)


def test_vpc_of_another_stack_is_not_found(ctx: AwsOnlyContext) -> None:
    handler = HANDLERS["aws.vpc"]
    handler.create(ctx, "aws.vpc.sandbox", {"cidr": "10.0.0.0/20"})
    other = AwsOnlyContext(stack="other-stack")
    assert handler.find(other, "aws.vpc.sandbox", {"cidr": "10.0.0.0/20"}) is None


def test_existing_vpc_is_adopted_and_never_deleted(ctx: AwsOnlyContext) -> None:
    vpc_id = ctx.aws("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    handler = HANDLERS["aws.vpc"]
    adopted = handler.create(ctx, "aws.vpc.dns", {"cidr": "10.9.0.0/16", "existing_id": vpc_id})
    assert adopted["id"] == vpc_id and adopted["adopted"] is True
    handler.delete(ctx, "aws.vpc.dns", adopted)
    assert handler.read(ctx, "aws.vpc.dns", adopted) is not None


def test_subnet_is_placed_by_az_id(ctx: AwsOnlyContext) -> None:
    vpc = make(ctx, "aws.vpc", "aws.vpc.sandbox", cidr="10.0.0.0/20")
    zones = ctx.aws("ec2").describe_availability_zones()["AvailabilityZones"]
    wanted = zones[1]
    props = {"vpc_id": vpc["id"], "cidr": "10.0.1.0/24", "az_id": wanted["ZoneId"]}
    handler = HANDLERS["aws.subnet"]
    created = round_trip(handler, ctx, f"aws.subnet.sandbox.{wanted['ZoneId']}", props)
    assert created["az_id"] == wanted["ZoneId"]
    assert created["az_name"] == wanted["ZoneName"]
    delete_twice(handler, ctx, f"aws.subnet.sandbox.{wanted['ZoneId']}", created)


def test_route_table_associates_every_subnet_and_follows_changes(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    handler = HANDLERS["aws.route_table"]
    props: dict[str, Any] = {"vpc_id": net["vpc"]["id"], "subnet_ids": net["subnet_ids"]}
    created = round_trip(handler, ctx, "aws.route_table.sandbox", props)
    assert sorted(created["associations"]) == sorted(net["subnet_ids"])
    assert _count(ctx, "describe_route_tables", "RouteTables", "aws.route_table.sandbox") == 1
    fewer = {**props, "subnet_ids": net["subnet_ids"][:1]}
    updated = handler.update(ctx, "aws.route_table.sandbox", fewer, created)
    assert list(updated["associations"]) == net["subnet_ids"][:1]
    delete_twice(handler, ctx, "aws.route_table.sandbox", updated)


def test_route_via_transit_gateway(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    pieces = hub(ctx)
    make(ctx, "aws.tgw_attachment", "aws.tgw_attachment.sandbox",
         transit_gateway_id=pieces["tgw"]["id"], vpc_id=net["vpc"]["id"],
         subnet_ids=net["subnet_ids"], dns_support=True)
    table = make(ctx, "aws.route_table", "aws.route_table.sandbox", vpc_id=net["vpc"]["id"],
                 subnet_ids=net["subnet_ids"])
    props = {"route_table_id": table["id"], "destination_cidr": "10.253.0.0/24",
             "transit_gateway_id": pieces["tgw"]["id"]}
    handler = HANDLERS["aws.route"]
    created = round_trip(handler, ctx, "aws.route.sandbox.runner", props,
                         identity="destination_cidr")
    assert created["transit_gateway_id"] == pieces["tgw"]["id"]
    # Creating again (a retried create) finds the route instead of failing on a duplicate.
    again = handler.create(ctx, "aws.route.sandbox.runner", props)
    assert again == created
    delete_twice(handler, ctx, "aws.route.sandbox.runner", created)


def test_security_group_rules_are_reconciled(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    rule_443 = {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.0.0.0/16"}
    rule_dns = {"protocol": "udp", "from_port": 53, "to_port": 53, "cidr": "10.253.0.0/24"}
    props: dict[str, Any] = {"vpc_id": net["vpc"]["id"], "name": "privnet-unit-sandbox",
                             "description": "unit", "ingress": [rule_443, rule_dns],
                             "egress": None}
    handler = HANDLERS["aws.security_group"]
    created = round_trip(handler, ctx, "aws.security_group.sandbox", props)
    assert sorted(r["cidr"] for r in created["ingress"]) == ["10.0.0.0/16", "10.253.0.0/24"]
    assert created["egress"], "egress None keeps the AWS default allow-all rule"
    changed = {**props, "ingress": [rule_443], "egress": []}
    updated = handler.update(ctx, "aws.security_group.sandbox", changed, created)
    assert updated["ingress"] == [rule_443]
    assert updated["egress"] == []
    delete_twice(handler, ctx, "aws.security_group.sandbox", updated)
