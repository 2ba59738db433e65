"""The hub's Transit Gateway route table: every attachment associates with and propagates to it."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws.adoption import ADOPTED
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tagged_ec2 import TaggedEc2Handler
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext
from privnet.resources.kinds.aws_transit import TGW_ROUTE_TABLE, TgwRouteTableProperties


class TgwRouteTableHandler(TaggedEc2Handler[TgwRouteTableProperties]):
    """``aws.tgw_route_table.hub``: properties ``transit_gateway_id`` (or ``existing_id``)."""

    kind = TGW_ROUTE_TABLE
    noun = "Transit Gateway route table"
    ready_noun = "TGW route table"
    describe_operation = "describe_transit_gateway_route_tables"
    describe_key = "TransitGatewayRouteTables"
    ids_parameter = "TransitGatewayRouteTableIds"
    delete_operation = "delete_transit_gateway_route_table"
    id_parameter = "TransitGatewayRouteTableId"
    busy_codes = frozenset({"IncorrectState", "DependencyViolation"})
    """Associations and propagations still going away keep the table busy for a moment."""
    delete_only_if_present = True

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        return {"id": item["TransitGatewayRouteTableId"],
                "transit_gateway_id": item.get("TransitGatewayId", ""), ADOPTED: adopted}

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: TgwRouteTableProperties) -> dict[str, Any]:
        with aws_errors():
            table: dict[str, Any] = ctx.aws("ec2").create_transit_gateway_route_table(
                TransitGatewayId=properties["transit_gateway_id"],
                TagSpecifications=tag_specifications(ctx, address,
                                                     "transit-gateway-route-table"),
            )["TransitGatewayRouteTable"]
        return table
