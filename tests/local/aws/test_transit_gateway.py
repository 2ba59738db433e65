"""TGW association and propagation semantics as in AWS."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.local.aws.conftest import Network, make_network


def gateway(ec2: Any, default_association: str, default_propagation: str) -> tuple[str, str]:
    tgw = ec2.create_transit_gateway(Options={
        "DefaultRouteTableAssociation": default_association,
        "DefaultRouteTablePropagation": default_propagation,
    })["TransitGateway"]
    default_table = tgw["Options"]["AssociationDefaultRouteTableId"]
    return tgw["TransitGatewayId"], default_table


def attach(ec2: Any, tgw_id: str, network: Network) -> str:
    attachment = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=tgw_id, VpcId=network.vpc_id, SubnetIds=list(network.subnets.values())
    )["TransitGatewayVpcAttachment"]
    return str(attachment["TransitGatewayAttachmentId"])


def associations(ec2: Any, table_id: str) -> list[str]:
    found = ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=table_id)
    return [a["TransitGatewayAttachmentId"] for a in found["Associations"]]


def test_disabled_default_association_leaves_the_attachment_unassociated(
    ec2: Any, network: Network
) -> None:
    tgw_id, default_table = gateway(ec2, "disable", "disable")
    attachment_id = attach(ec2, tgw_id, network)
    assert associations(ec2, default_table) == []
    described = ec2.describe_transit_gateway_attachments(
        TransitGatewayAttachmentIds=[attachment_id])["TransitGatewayAttachments"][0]
    assert "Association" not in described


def test_enabled_default_association_and_propagation_use_the_default_table(
    ec2: Any, network: Network
) -> None:
    tgw_id, default_table = gateway(ec2, "enable", "enable")
    attachment_id = attach(ec2, tgw_id, network)
    assert associations(ec2, default_table) == [attachment_id]
    routes = ec2.search_transit_gateway_routes(
        TransitGatewayRouteTableId=default_table,
        Filters=[{"Name": "type", "Values": ["propagated"]}])["Routes"]
    assert [r["DestinationCidrBlock"] for r in routes] == [network.cidr]


def test_a_second_association_is_refused(ec2: Any, network: Network) -> None:
    tgw_id, _ = gateway(ec2, "disable", "disable")
    attachment_id = attach(ec2, tgw_id, network)
    tables = [ec2.create_transit_gateway_route_table(TransitGatewayId=tgw_id)
              ["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"] for _ in range(2)]
    ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment_id,
                                              TransitGatewayRouteTableId=tables[0])
    with pytest.raises(ClientError) as caught:
        ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment_id,
                                                  TransitGatewayRouteTableId=tables[1])
    assert caught.value.response["Error"]["Code"] == "Resource.AlreadyAssociated"
    assert associations(ec2, tables[1]) == []
    ec2.disassociate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment_id,
                                                 TransitGatewayRouteTableId=tables[0])
    ec2.associate_transit_gateway_route_table(TransitGatewayAttachmentId=attachment_id,
                                              TransitGatewayRouteTableId=tables[1])
    assert associations(ec2, tables[1]) == [attachment_id]


def test_propagated_routes_appear_beside_static_ones(ec2: Any, network: Network) -> None:
    other = make_network(ec2, second_octet=1)
    tgw_id, _ = gateway(ec2, "disable", "disable")
    first, second = attach(ec2, tgw_id, network), attach(ec2, tgw_id, other)
    table = ec2.create_transit_gateway_route_table(
        TransitGatewayId=tgw_id)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    for attachment_id in (first, second):
        ec2.enable_transit_gateway_route_table_propagation(
            TransitGatewayAttachmentId=attachment_id, TransitGatewayRouteTableId=table)
    ec2.create_transit_gateway_route(TransitGatewayRouteTableId=table,
                                     DestinationCidrBlock="172.16.0.0/12",
                                     TransitGatewayAttachmentId=first)
    routes = ec2.search_transit_gateway_routes(
        TransitGatewayRouteTableId=table,
        Filters=[{"Name": "state", "Values": ["active"]}])["Routes"]
    seen = {(r["DestinationCidrBlock"], r["Type"],
             r["TransitGatewayAttachments"][0]["TransitGatewayAttachmentId"]) for r in routes}
    assert seen == {(network.cidr, "propagated", first), (other.cidr, "propagated", second),
                    ("172.16.0.0/12", "static", first)}
    longest = ec2.search_transit_gateway_routes(
        TransitGatewayRouteTableId=table,
        Filters=[{"Name": "route-search.longest-prefix-match", "Values": ["10.1.2.3/32"]}])
    assert [r["DestinationCidrBlock"] for r in longest["Routes"]] == [other.cidr]


def test_disabling_propagation_withdraws_the_route(ec2: Any, network: Network) -> None:
    tgw_id, _ = gateway(ec2, "disable", "disable")
    attachment_id = attach(ec2, tgw_id, network)
    table = ec2.create_transit_gateway_route_table(
        TransitGatewayId=tgw_id)["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    ec2.enable_transit_gateway_route_table_propagation(
        TransitGatewayAttachmentId=attachment_id, TransitGatewayRouteTableId=table)
    ec2.disable_transit_gateway_route_table_propagation(
        TransitGatewayAttachmentId=attachment_id, TransitGatewayRouteTableId=table)
    routes = ec2.search_transit_gateway_routes(
        TransitGatewayRouteTableId=table,
        Filters=[{"Name": "type", "Values": ["propagated"]}])["Routes"]
    assert routes == []


def test_attachment_is_tagged_in_the_create_call(ec2: Any) -> None:
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.9.0.0/24")["Subnet"]["SubnetId"]
    tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    created = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=tgw, VpcId=vpc, SubnetIds=[subnet],
        TagSpecifications=[{"ResourceType": "transit-gateway-attachment",
                            "Tags": [{"Key": "team", "Value": "platform"}]}],
    )["TransitGatewayVpcAttachment"]
    assert {"Key": "team", "Value": "platform"} in created["Tags"]
    described = ec2.describe_transit_gateway_vpc_attachments(
        TransitGatewayAttachmentIds=[created["TransitGatewayAttachmentId"]],
    )["TransitGatewayVpcAttachments"][0]
    assert {"Key": "team", "Value": "platform"} in described["Tags"]
