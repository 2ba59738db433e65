"""A static route in a VPC route table towards the hub Transit Gateway.

Routes carry no tags: a route is found by its table and destination CIDR, which is exactly
what makes it unique in AWS.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.errors import PrivnetError
from privnet.providers.aws.batch_reads import described_by_id
from privnet.providers.aws.ec2_lookup import absent_ok, describe
from privnet.providers.aws.errors import aws_errors
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_network import ROUTE, RouteProperties


def _route(ctx: ProviderContext, table_id: str, cidr: str) -> dict[str, Any] | None:
    for table in describe(ctx, "describe_route_tables", "RouteTables", RouteTableIds=[table_id]):
        for route in table.get("Routes", []):
            if route.get("DestinationCidrBlock") == cidr:
                return dict(route)
    return None


def _attributes(table_id: str, route: dict[str, Any]) -> Attributes:
    return {
        "route_table_id": table_id,
        "destination_cidr": route["DestinationCidrBlock"],
        "transit_gateway_id": route.get("TransitGatewayId", ""),
        "state": route.get("State", ""),
    }


class RouteHandler(HandlerBase[RouteProperties]):
    """``aws.route.<vpc>.<destination>``: ``route_table_id``, ``destination_cidr``,
    ``transit_gateway_id``."""

    kind = ROUTE

    def find(self, ctx: ProviderContext, address: str,
             properties: RouteProperties) -> Attributes | None:
        table_id = properties["route_table_id"]
        route = _route(ctx, table_id, properties["destination_cidr"])
        return _attributes(table_id, route) if route else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        table_id = str(attributes["route_table_id"])
        route = _route(ctx, table_id, str(attributes["destination_cidr"]))
        return _attributes(table_id, route) if route else None

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Every recorded route's table described once, a hundred tables per call."""
        tables = described_by_id(ctx, "describe_route_tables", "RouteTables", "RouteTableIds",
                                 (str(a["route_table_id"]) for a in recorded.values()),
                                 lambda table: str(table["RouteTableId"]))
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            table_id, cidr = str(attributes["route_table_id"]), str(attributes["destination_cidr"])
            route = next((dict(r) for table in tables[table_id] for r in table.get("Routes", [])
                          if r.get("DestinationCidrBlock") == cidr), None)
            answers[address] = _attributes(table_id, route) if route else None
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: RouteProperties) -> Attributes:
        table_id = properties["route_table_id"]
        cidr = properties["destination_cidr"]
        existing = _route(ctx, table_id, cidr)
        if existing is not None:
            if existing.get("TransitGatewayId") != properties["transit_gateway_id"]:
                return self.update(ctx, address, properties, _attributes(table_id, existing))
            return _attributes(table_id, existing)
        with aws_errors():
            ctx.aws("ec2").create_route(RouteTableId=table_id, DestinationCidrBlock=cidr,
                                        TransitGatewayId=properties["transit_gateway_id"])
        created = _route(ctx, table_id, cidr)
        if created is None:
            raise PrivnetError(f"route {cidr} in {table_id} vanished right after creation")
        return _attributes(table_id, created)

    def update(self, ctx: ProviderContext, address: str, properties: RouteProperties,
               attributes: Attributes) -> Attributes:
        """Point the route at the (possibly new) Transit Gateway."""
        table_id = properties["route_table_id"]
        cidr = properties["destination_cidr"]
        if table_id != attributes["route_table_id"] or cidr != attributes["destination_cidr"]:
            self.delete(ctx, address, attributes)
            return self.create(ctx, address, properties)
        with aws_errors():
            ctx.aws("ec2").replace_route(RouteTableId=table_id, DestinationCidrBlock=cidr,
                                         TransitGatewayId=properties["transit_gateway_id"])
        current = _route(ctx, table_id, cidr)
        return _attributes(table_id, current) if current else dict(attributes)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        with absent_ok():
            ctx.aws("ec2").delete_route(RouteTableId=attributes["route_table_id"],
                                        DestinationCidrBlock=attributes["destination_cidr"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        current = self.read(ctx, address, attributes)
        state = str(current.get("state", "")) if current else "missing"
        return Readiness(state == "active", f"route {attributes['destination_cidr']} {state}",
                         failed=state == "blackhole")
