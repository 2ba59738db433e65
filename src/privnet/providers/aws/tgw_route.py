"""A static route in the hub Transit Gateway route table, for ranges no VPC propagates.

VPN clients send from their client range, which is not a VPC CIDR: without a static route
towards the VPN VPC's attachment, replies to them have nowhere to go. Static TGW routes carry
no tags: one is found by its table and exact destination, which AWS keeps unique.
"""

from __future__ import annotations

from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.aws.ec2_lookup import absent_ok
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_transit import TGW_ROUTE, TgwRouteProperties


def _route(ctx: ProviderContext, table_id: str, cidr: str) -> dict[str, Any] | None:
    with aws_errors():
        answer = ctx.aws("ec2").search_transit_gateway_routes(
            TransitGatewayRouteTableId=table_id,
            Filters=[{"Name": "type", "Values": ["static"]},
                     {"Name": "route-search.exact-match", "Values": [cidr]}])
    for route in answer.get("Routes", []):
        if route.get("DestinationCidrBlock") == cidr and route.get("State") != "deleted":
            return dict(route)
    return None


def _attachment_of(route: dict[str, Any]) -> str:
    return next((str(a["TransitGatewayAttachmentId"])
                 for a in route.get("TransitGatewayAttachments", [])
                 if a.get("TransitGatewayAttachmentId")), "")


def _attributes(table_id: str, route: dict[str, Any]) -> Attributes:
    return {"route_table_id": table_id, "destination_cidr": route["DestinationCidrBlock"],
            "attachment_id": _attachment_of(route), "state": str(route.get("State", ""))}


class TgwRouteHandler(HandlerBase[TgwRouteProperties]):
    """``aws.tgw_route.<label>``: ``route_table_id``, ``destination_cidr``, ``attachment_id``."""

    kind = TGW_ROUTE

    def _found(self, ctx: ProviderContext, table_id: str, cidr: str) -> Attributes | None:
        route = _route(ctx, table_id, cidr)
        return _attributes(table_id, route) if route else None

    def find(self, ctx: ProviderContext, address: str,
             properties: TgwRouteProperties) -> Attributes | None:
        return self._found(ctx, properties["route_table_id"], properties["destination_cidr"])

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        return self._found(ctx, str(attributes["route_table_id"]),
                           str(attributes["destination_cidr"]))

    def create(self, ctx: ProviderContext, address: str,
               properties: TgwRouteProperties) -> Attributes:
        existing = self.find(ctx, address, properties)
        if existing is not None:
            if existing["attachment_id"] != properties["attachment_id"]:
                return self.update(ctx, address, properties, existing)
            return existing
        table_id, cidr = properties["route_table_id"], properties["destination_cidr"]
        with aws_errors():
            ctx.aws("ec2").create_transit_gateway_route(
                TransitGatewayRouteTableId=table_id, DestinationCidrBlock=cidr,
                TransitGatewayAttachmentId=properties["attachment_id"])
        created = self.find(ctx, address, properties)
        if created is None:
            raise PrivnetError(f"TGW route {cidr} in {table_id} vanished right after creation")
        return created

    def update(self, ctx: ProviderContext, address: str, properties: TgwRouteProperties,
               attributes: Attributes) -> Attributes:
        """Point the route at another attachment: delete, then create. (ReplaceTransitGateway-
        Route would do it in one call, but the local AWS lacks it; the gap is one round trip
        on a route that only changes when the VPN VPC's attachment is replaced.)"""
        self.delete(ctx, address, attributes)
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if self.read(ctx, address, attributes) is None:
            return
        with absent_ok():
            ctx.aws("ec2").delete_transit_gateway_route(
                TransitGatewayRouteTableId=attributes["route_table_id"],
                DestinationCidrBlock=attributes["destination_cidr"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.read(ctx, address, attributes)
        state = str(current["state"]) if current else "missing"
        return Readiness(state == "active", f"TGW route {attributes['destination_cidr']} {state}",
                         failed=state == "blackhole")
