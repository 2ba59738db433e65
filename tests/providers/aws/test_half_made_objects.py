"""Objects an interrupted create left half-made (a security group without its rules, a route
table not associated with its subnets) are completed, not adopted as they are: with the
network-faithful local data plane, either gap fails every data-plane call."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws import HANDLERS
from privnet.providers.aws.tags import tag_specifications
from tests.providers.aws.builders import vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext

ADDRESS = "aws.security_group.sandbox"
RULE_443 = {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "10.253.0.0/24"}


def test_half_made_group_is_completed_by_create(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    props: dict[str, Any] = {"vpc_id": net["vpc"]["id"], "name": "privnet-unit-sandbox",
                             "description": "unit", "ingress": [RULE_443], "egress": None}
    ec2 = ctx.aws("ec2")
    # the process died right after CreateSecurityGroup: tagged, no rules yet
    group_id = ec2.create_security_group(
        GroupName=props["name"], Description="unit", VpcId=props["vpc_id"],
        TagSpecifications=tag_specifications(ctx, ADDRESS, "security-group"))["GroupId"]
    handler = HANDLERS["aws.security_group"]
    assert handler.find(ctx, ADDRESS, props) is None
    completed = handler.create(ctx, ADDRESS, props)
    assert completed["id"] == group_id and completed["ingress"] == [RULE_443]
    assert handler.find(ctx, ADDRESS, props) == completed
    groups = ec2.describe_security_groups(
        Filters=[{"Name": "vpc-id", "Values": [props["vpc_id"]]}])["SecurityGroups"]
    assert [g["GroupId"] for g in groups if g["GroupName"] == props["name"]] == [group_id]


def test_half_made_route_table_is_completed_by_create(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    address = "aws.route_table.sandbox"
    props: dict[str, Any] = {"vpc_id": net["vpc"]["id"], "subnet_ids": net["subnet_ids"]}
    ec2 = ctx.aws("ec2")
    # the process died after CreateRouteTable and the first association
    table_id = ec2.create_route_table(
        VpcId=props["vpc_id"],
        TagSpecifications=tag_specifications(ctx, address, "route-table"))["RouteTable"][
        "RouteTableId"]
    ec2.associate_route_table(RouteTableId=table_id, SubnetId=net["subnet_ids"][0])
    handler = HANDLERS["aws.route_table"]
    assert handler.find(ctx, address, props) is None
    completed = handler.create(ctx, address, props)
    assert completed["id"] == table_id
    assert sorted(completed["associations"]) == sorted(net["subnet_ids"])
    assert handler.find(ctx, address, props) == completed
