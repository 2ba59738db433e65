"""The hub's Transit Gateway route table: every attachment associates with and propagates to it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.adoption import ADOPTED, existing_id, is_adopted, missing
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext, Readiness

_METHOD = "describe_transit_gateway_route_tables"
_KEY = "TransitGatewayRouteTables"


def _attributes(table: dict[str, Any], adopted: bool) -> Attributes:
    return {"id": table["TransitGatewayRouteTableId"],
            "transit_gateway_id": table.get("TransitGatewayId", ""), ADOPTED: adopted}


class TgwRouteTableHandler:
    """``aws.tgw_route_table.hub``: properties ``transit_gateway_id`` (or ``existing_id``)."""

    kind = "aws.tgw_route_table"
    replace_on: frozenset[str] = frozenset({"transit_gateway_id", "existing_id"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        given = existing_id(properties)
        if given:
            found = live(describe(ctx, _METHOD, _KEY, TransitGatewayRouteTableIds=[given]))
            return _attributes(found[0], True) if found else None
        table = find_tagged(ctx, _METHOD, _KEY, address)
        return _attributes(table, False) if table else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(describe(ctx, _METHOD, _KEY, TransitGatewayRouteTableIds=[attributes["id"]]))
        return _attributes(found[0], is_adopted(attributes)) if found else None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        given = existing_id(properties)
        if given:
            adopted = self.find(ctx, address, properties)
            if adopted is None:
                raise missing("Transit Gateway route table", given)
            return adopted
        with aws_errors():
            table = ctx.aws("ec2").create_transit_gateway_route_table(
                TransitGatewayId=properties["transit_gateway_id"],
                TagSpecifications=tag_specifications(ctx, address,
                                                     "transit-gateway-route-table"),
            )["TransitGatewayRouteTable"]
        return _attributes(table, False)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if is_adopted(attributes) or self.read(ctx, address, attributes) is None:
            return  # adopted objects stay; gone ones are done
        busy = frozenset({"IncorrectState", "DependencyViolation"})
        with absent_ok(), aws_errors(also_transient=busy):
            ctx.aws("ec2").delete_transit_gateway_route_table(
                TransitGatewayRouteTableId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        found = describe(ctx, _METHOD, _KEY, TransitGatewayRouteTableIds=[attributes["id"]])
        state = state_of(found[0]) if found else "missing"
        return Readiness(state == "available", f"TGW route table {attributes['id']} {state}")
