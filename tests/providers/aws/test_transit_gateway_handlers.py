"""The hub Transit Gateway, its route table, attachments, associations and propagations."""

from __future__ import annotations

from privnet.providers.aws import HANDLERS
from tests.providers.aws.builders import hub, make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip


def test_transit_gateway_has_default_routing_off(ctx: AwsOnlyContext) -> None:
    handler = HANDLERS["aws.transit_gateway"]
    created = round_trip(handler, ctx, "aws.transit_gateway.hub", {"amazon_side_asn": 64512})
    tgw = ctx.aws("ec2").describe_transit_gateways(
        TransitGatewayIds=[created["id"]])["TransitGateways"][0]
    assert tgw["Options"]["DefaultRouteTableAssociation"] == "disable"
    assert tgw["Options"]["DefaultRouteTablePropagation"] == "disable"
    delete_twice(handler, ctx, "aws.transit_gateway.hub", created)


def test_existing_transit_gateway_is_adopted(ctx: AwsOnlyContext) -> None:
    tgw_id = ctx.aws("ec2").create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    handler = HANDLERS["aws.transit_gateway"]
    adopted = handler.create(ctx, "aws.transit_gateway.hub", {"existing_id": tgw_id})
    assert adopted == {"id": tgw_id, "arn": adopted["arn"], "adopted": True}
    handler.delete(ctx, "aws.transit_gateway.hub", adopted)
    assert handler.read(ctx, "aws.transit_gateway.hub", adopted) is not None


def test_route_table_round_trip(ctx: AwsOnlyContext) -> None:
    tgw = make(ctx, "aws.transit_gateway", "aws.transit_gateway.hub", amazon_side_asn=64512)
    handler = HANDLERS["aws.tgw_route_table"]
    created = round_trip(handler, ctx, "aws.tgw_route_table.hub",
                         {"transit_gateway_id": tgw["id"]})
    assert created["transit_gateway_id"] == tgw["id"]
    delete_twice(handler, ctx, "aws.tgw_route_table.hub", created)


def test_attachment_association_propagation(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    pieces = hub(ctx)
    attach = HANDLERS["aws.tgw_attachment"]
    props = {"transit_gateway_id": pieces["tgw"]["id"], "vpc_id": net["vpc"]["id"],
             "subnet_ids": net["subnet_ids"], "dns_support": True}
    attachment = round_trip(attach, ctx, "aws.tgw_attachment.sandbox", props)
    assert attachment["subnet_ids"] == sorted(net["subnet_ids"])

    link = {"route_table_id": pieces["table"]["id"], "attachment_id": attachment["id"]}
    for kind in ("aws.tgw_association", "aws.tgw_propagation"):
        handler = HANDLERS[kind]
        address = f"{kind}.sandbox"
        created = round_trip(handler, ctx, address, link, identity="attachment_id")
        assert created["route_table_id"] == pieces["table"]["id"]
        assert handler.create(ctx, address, link)["attachment_id"] == attachment["id"]
        delete_twice(handler, ctx, address, created)

    delete_twice(attach, ctx, "aws.tgw_attachment.sandbox", attachment)


def test_propagated_route_appears_in_the_hub_table(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    pieces = hub(ctx)
    attachment = make(ctx, "aws.tgw_attachment", "aws.tgw_attachment.sandbox",
                      transit_gateway_id=pieces["tgw"]["id"], vpc_id=net["vpc"]["id"],
                      subnet_ids=net["subnet_ids"], dns_support=True)
    make(ctx, "aws.tgw_propagation", "aws.tgw_propagation.sandbox",
         route_table_id=pieces["table"]["id"], attachment_id=attachment["id"])
    routes = ctx.aws("ec2").search_transit_gateway_routes(
        TransitGatewayRouteTableId=pieces["table"]["id"],
        Filters=[{"Name": "type", "Values": ["propagated"]}])["Routes"]
    assert [r["DestinationCidrBlock"] for r in routes] == [net["cidr"]]


def test_untagged_attachment_left_by_a_killed_run_is_adopted_not_duplicated(
        ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    pieces = hub(ctx)
    ec2 = ctx.aws("ec2")
    # the run died after the create and before its tags landed
    orphan = ec2.create_transit_gateway_vpc_attachment(
        TransitGatewayId=pieces["tgw"]["id"], VpcId=net["vpc"]["id"],
        SubnetIds=net["subnet_ids"])["TransitGatewayVpcAttachment"]
    props = {"transit_gateway_id": pieces["tgw"]["id"], "vpc_id": net["vpc"]["id"],
             "subnet_ids": net["subnet_ids"], "dns_support": True}
    found = HANDLERS["aws.tgw_attachment"].find(ctx, "aws.tgw_attachment.sandbox", props)
    assert found is not None and found["id"] == orphan["TransitGatewayAttachmentId"]
    tagged = ec2.describe_transit_gateway_vpc_attachments(
        TransitGatewayAttachmentIds=[found["id"]])["TransitGatewayVpcAttachments"][0]
    assert {"Key": "privnet:address", "Value": "aws.tgw_attachment.sandbox"} in tagged["Tags"]


def test_attachment_tagged_for_another_address_is_not_adopted(ctx: AwsOnlyContext) -> None:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    pieces = hub(ctx)
    ctx.aws("ec2").create_transit_gateway_vpc_attachment(
        TransitGatewayId=pieces["tgw"]["id"], VpcId=net["vpc"]["id"],
        SubnetIds=net["subnet_ids"],
        TagSpecifications=[{"ResourceType": "transit-gateway-attachment",
                            "Tags": [{"Key": "privnet:stack", "Value": "someone-else"}]}])
    props = {"transit_gateway_id": pieces["tgw"]["id"], "vpc_id": net["vpc"]["id"],
             "subnet_ids": net["subnet_ids"], "dns_support": True}
    assert HANDLERS["aws.tgw_attachment"].find(ctx, "aws.tgw_attachment.sandbox", props) is None
