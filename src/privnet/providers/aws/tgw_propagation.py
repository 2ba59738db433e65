"""Propagating an attachment's VPC CIDR into the hub route table, so others can reach it.

Untaggable: found by attachment id in the route table's propagations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, ProviderContext, Readiness


def _propagation(ctx: ProviderContext, table_id: str,
                 attachment_id: str) -> dict[str, Any] | None:
    found = describe(
        ctx, "get_transit_gateway_route_table_propagations", "TransitGatewayRouteTablePropagations",
        TransitGatewayRouteTableId=table_id,
        Filters=[{"Name": "transit-gateway-attachment-id", "Values": [attachment_id]}],
    )
    for item in found:
        if item.get("TransitGatewayAttachmentId") == attachment_id and \
                str(item.get("State", "")) not in ("disabling", "disabled"):
            return dict(item)
    return None


def _attributes(table_id: str, attachment_id: str, item: dict[str, Any]) -> Attributes:
    return {"route_table_id": table_id, "attachment_id": attachment_id,
            "state": str(item.get("State", ""))}


class TgwPropagationHandler:
    """``aws.tgw_propagation.<vpc>``: ``route_table_id``, ``attachment_id``."""

    kind = "aws.tgw_propagation"
    replace_on: frozenset[str] = frozenset({"route_table_id", "attachment_id"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        table_id = str(properties["route_table_id"])
        attachment_id = str(properties["attachment_id"])
        item = _propagation(ctx, table_id, attachment_id)
        return _attributes(table_id, attachment_id, item) if item else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self.find(ctx, address, attributes)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        table_id = str(properties["route_table_id"])
        attachment_id = str(properties["attachment_id"])
        with aws_errors():
            answer = ctx.aws("ec2").enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=table_id, TransitGatewayAttachmentId=attachment_id)
        return _attributes(table_id, attachment_id, answer.get("Propagation", {}))

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        if (properties["route_table_id"], properties["attachment_id"]) != (
                attributes["route_table_id"], attributes["attachment_id"]):
            self.delete(ctx, address, attributes)
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if self.find(ctx, address, attributes) is None:
            return
        with absent_ok():
            ctx.aws("ec2").disable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=attributes["route_table_id"],
                TransitGatewayAttachmentId=attributes["attachment_id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.find(ctx, address, attributes)
        state = str(current["state"]) if current else "missing"
        return Readiness(state == "enabled", f"TGW propagation {state}")
