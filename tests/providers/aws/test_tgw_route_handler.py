"""A static route in the hub Transit Gateway table: the way back to VPN clients."""

from __future__ import annotations

from privnet.providers.aws import HANDLERS
from tests.providers.aws.builders import hub, make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip

CLIENTS = "10.100.0.0/22"


def _attachment(ctx: AwsOnlyContext, name: str, octet: int, tgw_id: str) -> str:
    net = vpc_with_subnets(ctx, name, octet)
    return str(make(ctx, "aws.tgw_attachment", f"aws.tgw_attachment.{name}",
                    transit_gateway_id=tgw_id, vpc_id=net["vpc"]["id"],
                    subnet_ids=net["subnet_ids"], dns_support=True)["id"])


def test_static_route_round_trip_and_repointing(ctx: AwsOnlyContext) -> None:
    pieces = hub(ctx)
    vpn = _attachment(ctx, "vpn", 254, pieces["tgw"]["id"])
    other = _attachment(ctx, "other", 3, pieces["tgw"]["id"])
    handler = HANDLERS["aws.tgw_route"]
    address = "aws.tgw_route.vpn_clients"
    props = {"route_table_id": pieces["table"]["id"], "attachment_id": vpn,
             "destination_cidr": CLIENTS}
    created = round_trip(handler, ctx, address, props, identity="destination_cidr")
    assert created["attachment_id"] == vpn and created["state"] == "active"
    routes = ctx.aws("ec2").search_transit_gateway_routes(
        TransitGatewayRouteTableId=pieces["table"]["id"],
        Filters=[{"Name": "type", "Values": ["static"]}])["Routes"]
    assert [(r["DestinationCidrBlock"], r["TransitGatewayAttachments"][0]
             ["TransitGatewayAttachmentId"]) for r in routes] == [(CLIENTS, vpn)]

    moved = handler.create(ctx, address, {**props, "attachment_id": other})
    assert moved["attachment_id"] == other  # an existing route is pointed, not duplicated
    delete_twice(handler, ctx, address, moved)
