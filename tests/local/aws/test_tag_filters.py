"""Several ``tag:`` filters combine as in AWS, next to a foreign account's untagged objects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.local.aws.conftest import Network, make_network

MINE = [{"Key": "privnet:stack", "Value": "demo"}, {"Key": "privnet:address", "Value": "hub"}]
BOTH = [{"Name": "tag:privnet:stack", "Values": ["demo"]},
        {"Name": "tag:privnet:address", "Values": ["hub"]}]
OTHER_VALUE = [{"Name": "tag:privnet:stack", "Values": ["demo"]},
               {"Name": "tag:privnet:address", "Values": ["spoke"]}]


def tag(ec2: Any, resource_id: str) -> str:
    ec2.create_tags(Resources=[resource_id], Tags=MINE)
    return resource_id


def foreign_and_mine(ec2: Any) -> tuple[Network, Network, str, str]:
    """A foreign untagged TGW + VPC, and a tagged TGW + VPC (ours)."""
    foreign = make_network(ec2, 1)
    ours = make_network(ec2, 2)
    foreign_tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    our_tgw = tag(ec2, ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"])
    tag(ec2, ours.vpc_id)
    return foreign, ours, foreign_tgw, our_tgw


Kind = tuple[str, Callable[[Any, list[dict[str, Any]]], list[str]]]

KINDS: list[Kind] = [
    ("transit gateways", lambda ec2, f: [t["TransitGatewayId"] for t in
                                         ec2.describe_transit_gateways(Filters=f)
                                         ["TransitGateways"]]),
    ("vpcs", lambda ec2, f: [v["VpcId"] for v in ec2.describe_vpcs(Filters=f)["Vpcs"]]),
    ("subnets", lambda ec2, f: [s["SubnetId"] for s in
                                ec2.describe_subnets(Filters=f)["Subnets"]]),
    ("route tables", lambda ec2, f: [r["RouteTableId"] for r in
                                     ec2.describe_route_tables(Filters=f)["RouteTables"]]),
    ("security groups", lambda ec2, f: [g["GroupId"] for g in
                                        ec2.describe_security_groups(Filters=f)
                                        ["SecurityGroups"]]),
    ("tgw attachments", lambda ec2, f: [a["TransitGatewayAttachmentId"] for a in
                                        ec2.describe_transit_gateway_attachments(Filters=f)
                                        ["TransitGatewayAttachments"]]),
    ("tgw route tables", lambda ec2, f: [r["TransitGatewayRouteTableId"] for r in
                                         ec2.describe_transit_gateway_route_tables(Filters=f)
                                         ["TransitGatewayRouteTables"]]),
    ("vpc endpoints", lambda ec2, f: [e["VpcEndpointId"] for e in
                                      ec2.describe_vpc_endpoints(Filters=f)["VpcEndpoints"]]),
    ("prefix lists", lambda ec2, f: [p["PrefixListId"] for p in
                                     ec2.describe_managed_prefix_lists(Filters=f)["PrefixLists"]
                                     if p["OwnerId"] != "AWS"]),
]


def one_of_each(ec2: Any, ours: Network, foreign: Network, our_tgw: str,
                foreign_tgw: str) -> dict[str, tuple[str, str]]:
    """Create one tagged (ours) and one untagged (foreign) object of every kind."""
    made: dict[str, tuple[str, str]] = {}
    made["transit gateways"] = (our_tgw, foreign_tgw)
    made["vpcs"] = (ours.vpc_id, foreign.vpc_id)
    subnet, foreign_subnet = ours.subnets["us-east-1a"], foreign.subnets["us-east-1a"]
    made["subnets"] = (tag(ec2, subnet), foreign_subnet)
    table = ec2.create_route_table(VpcId=ours.vpc_id)["RouteTable"]["RouteTableId"]
    foreign_table = ec2.create_route_table(VpcId=foreign.vpc_id)["RouteTable"]["RouteTableId"]
    made["route tables"] = (tag(ec2, table), foreign_table)
    made["security groups"] = (tag(ec2, ours.security_group_id), foreign.security_group_id)
    attachments = []
    for tgw, network in ((our_tgw, ours), (foreign_tgw, foreign)):
        attachments.append(ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=tgw, VpcId=network.vpc_id,
            SubnetIds=list(network.subnets.values()))
            ["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"])
    made["tgw attachments"] = (tag(ec2, attachments[0]), attachments[1])
    tables = [ec2.create_transit_gateway_route_table(TransitGatewayId=tgw)
              ["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
              for tgw in (our_tgw, foreign_tgw)]
    made["tgw route tables"] = (tag(ec2, tables[0]), tables[1])
    endpoints = [ec2.create_vpc_endpoint(VpcId=network.vpc_id, VpcEndpointType="Gateway",
                                         ServiceName="com.amazonaws.us-east-1.s3")
                 ["VpcEndpoint"]["VpcEndpointId"] for network in (ours, foreign)]
    made["vpc endpoints"] = (tag(ec2, endpoints[0]), endpoints[1])
    lists = [ec2.create_managed_prefix_list(PrefixListName=name, MaxEntries=2,
                                            AddressFamily="IPv4")["PrefixList"]["PrefixListId"]
             for name in ("ours", "theirs")]
    made["prefix lists"] = (tag(ec2, lists[0]), lists[1])
    return made


@pytest.mark.parametrize("kind", KINDS, ids=[name for name, _ in KINDS])
def test_two_tag_filters_find_only_objects_matching_both(ec2: Any, kind: Kind) -> None:
    name, describe = kind
    foreign, ours, foreign_tgw, our_tgw = foreign_and_mine(ec2)
    mine, theirs = one_of_each(ec2, ours, foreign, our_tgw, foreign_tgw)[name]
    assert describe(ec2, BOTH) == [mine]
    assert describe(ec2, OTHER_VALUE) == []
    wildcard = [{"Name": "tag:privnet:stack", "Values": ["de*"]},
                {"Name": "tag:privnet:address", "Values": ["nope", "h?b"]}]
    assert describe(ec2, wildcard) == [mine]
    assert theirs not in describe(ec2, [{"Name": "tag:privnet:stack", "Values": ["*"]}])


def test_a_tagged_gateway_that_fails_both_filters_is_left_out(ec2: Any) -> None:
    tgw = ec2.create_transit_gateway(TagSpecifications=[{
        "ResourceType": "transit-gateway", "Tags": [{"Key": "a", "Value": "other"},
                                                    {"Key": "b", "Value": "other"}]}])
    filters = [{"Name": "tag:a", "Values": ["x"]}, {"Name": "tag:b", "Values": ["y"]}]
    assert ec2.describe_transit_gateways(Filters=filters)["TransitGateways"] == []
    assert tgw["TransitGateway"]["TransitGatewayId"]


def test_apply_next_to_a_foreign_untagged_gateway(tmp_path: Path) -> None:
    """The user's trial: the example applies in an account already holding another TGW."""
    import boto3

    from privnet.targets.inprocess import InProcessCloud
    from privnet.topology import load_spec
    from tests.engine.local_cloud import aws_inventory, seed_engine

    topology = load_spec(Path("examples/privatelink-cluster-linking.yaml")).topology
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        plain = boto3.client("ec2", region_name=topology.region)
        foreign = plain.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
        plain.create_vpc(CidrBlock="172.31.0.0/16")
        engine = seed_engine(topology, ctx, tmp_path)
        _, applied = engine.apply()
        assert applied.ok, {a: o.detail for a, o in applied.outcomes.items()
                            if o.status != "done"}
        _, destroyed = engine.destroy()
        assert destroyed.ok
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}
        left = plain.describe_transit_gateways()["TransitGateways"]
        assert [t["TransitGatewayId"] for t in left if t["State"] != "deleted"] == [foreign]
