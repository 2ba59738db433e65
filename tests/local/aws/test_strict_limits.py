"""Where AWS refuses and moto did not: an unknown id in a Transit Gateway describe call fails
the whole call; a route table takes 50 non-propagated routes, not more."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from privnet.local.aws import AwsBehaviour, apply_patches
from tests.local.aws.conftest import Network
from tests.local.aws.test_transit_gateway import attach, gateway


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return str(raised.value.response["Error"]["Code"])


def test_an_unknown_attachment_id_refuses_the_whole_describe(ec2: Any,
                                                            network: Network) -> None:
    tgw_id, _ = gateway(ec2, "enable", "enable")
    known = attach(ec2, tgw_id, network)
    unknown = "tgw-attach-0123456789abcdef0"
    for method in ("describe_transit_gateway_vpc_attachments",
                   "describe_transit_gateway_attachments"):
        with pytest.raises(ClientError) as raised:
            getattr(ec2, method)(TransitGatewayAttachmentIds=[known, unknown])
        assert _code(raised) == "InvalidTransitGatewayAttachmentID.NotFound"
        assert unknown in str(raised.value)
        alone = getattr(ec2, method)(TransitGatewayAttachmentIds=[known])
        key = ("TransitGatewayVpcAttachments" if "vpc" in method
               else "TransitGatewayAttachments")
        assert [a["TransitGatewayAttachmentId"] for a in alone[key]] == [known]
    every = ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
    assert [a["TransitGatewayAttachmentId"] for a in every] == [known]  # no ids: no refusal


def test_an_unknown_transit_gateway_id_refuses_the_whole_describe(ec2: Any) -> None:
    tgw_id, _ = gateway(ec2, "enable", "enable")
    with pytest.raises(ClientError) as raised:
        ec2.describe_transit_gateways(TransitGatewayIds=[tgw_id, "tgw-0123456789abcdef0"])
    assert _code(raised) == "InvalidTransitGatewayID.NotFound"
    ec2.delete_transit_gateway(TransitGatewayId=tgw_id)
    with pytest.raises(ClientError):
        ec2.describe_transit_gateways(TransitGatewayIds=[tgw_id])


def _table_with_gateway(ec2: Any, network: Network) -> tuple[str, str]:
    tgw_id, _ = gateway(ec2, "enable", "enable")
    attach(ec2, tgw_id, network)
    table = ec2.create_route_table(VpcId=network.vpc_id)["RouteTable"]["RouteTableId"]
    return table, tgw_id


def _add(ec2: Any, table: str, tgw_id: str, n: int) -> None:
    ec2.create_route(RouteTableId=table, DestinationCidrBlock=f"172.{16 + n // 256}.{n % 256}.0/24",
                     TransitGatewayId=tgw_id)


def test_the_51st_route_of_a_table_is_refused(ec2: Any, network: Network) -> None:
    table, tgw_id = _table_with_gateway(ec2, network)
    for n in range(50):  # the local route is there too, and does not count
        _add(ec2, table, tgw_id, n)
    with pytest.raises(ClientError) as raised:
        _add(ec2, table, tgw_id, 50)
    assert _code(raised) == "RouteLimitExceeded"
    routes = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
    assert len(routes) == 51  # 50 + local
    ec2.delete_route(RouteTableId=table, DestinationCidrBlock="172.16.0.0/24")
    _add(ec2, table, tgw_id, 50)  # room again once one is deleted


def test_a_raised_quota_is_the_one_enforced(ec2: Any, network: Network) -> None:
    apply_patches(AwsBehaviour(routes_per_route_table=3))
    table, tgw_id = _table_with_gateway(ec2, network)
    for n in range(3):
        _add(ec2, table, tgw_id, n)
    with pytest.raises(ClientError) as raised:
        _add(ec2, table, tgw_id, 3)
    assert _code(raised) == "RouteLimitExceeded"
