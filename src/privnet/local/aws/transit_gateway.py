"""Transit Gateway association and propagation semantics moto gets wrong.

privnet's routing analysis follows an attachment to the one route table it is associated
with and reads the routes propagated into it. moto associates every VPC attachment with the
default table (even when the gateway disables default association), accepts a second
association, and never lists propagated routes. These replacements follow AWS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

Method = Callable[..., Any]


def _ec2_error(code: str, message: str) -> Exception:
    from moto.ec2.exceptions import EC2ClientError

    return EC2ClientError(code, message)


def make_create_vpc_attachment(original: Method) -> Method:
    """Create, then apply the gateway's default association/propagation options (or not)."""

    def create_transit_gateway_vpc_attachment(self: Any, *args: Any, **kwargs: Any) -> Any:
        attachment = original(self, *args, **kwargs)
        gateway = self.transit_gateways[attachment.transit_gateway_id]
        default_table = attachment.transit_gateway_route_table
        # Undo moto's unconditional association, then redo what the options ask for.
        self.unset_route_table_association(default_table.id, attachment.id)
        attachment.transit_gateway_route_table = None
        attachment._association_data = {}
        options = gateway.options
        if options.get("DefaultRouteTableAssociation", "enable") == "enable":
            table_id = options.get("AssociationDefaultRouteTableId") or default_table.id
            self.associate_transit_gateway_route_table(attachment.id, table_id)
        if options.get("DefaultRouteTablePropagation", "enable") == "enable":
            table_id = options.get("PropagationDefaultRouteTableId") or default_table.id
            self.enable_transit_gateway_route_table_propagation(attachment.id, table_id)
        return attachment

    return create_transit_gateway_vpc_attachment


def make_associate(original: Method) -> Method:
    """Refuse a second association, as AWS does (disassociate first)."""

    def associate_transit_gateway_route_table(
        self: Any, transit_gateway_attachment_id: str, transit_gateway_route_table_id: str
    ) -> Any:
        attachment = self.transit_gateway_attachments.get(transit_gateway_attachment_id)
        if attachment is None:
            raise _ec2_error(
                "InvalidTransitGatewayAttachmentID.NotFound",
                f"Transit Gateway Attachment {transit_gateway_attachment_id} was deleted or "
                "does not exist.",
            )
        if transit_gateway_route_table_id not in self.transit_gateways_route_tables:
            raise _ec2_error(
                "InvalidRouteTableID.NotFound",
                f"Transit Gateway Route Table {transit_gateway_route_table_id} was deleted or "
                "does not exist.",
            )
        if attachment._association_data:
            raise _ec2_error(
                "Resource.AlreadyAssociated",
                f"Transit Gateway Attachment {transit_gateway_attachment_id} is already "
                "associated to a route table.",
            )
        relation = original(self, transit_gateway_attachment_id, transit_gateway_route_table_id)
        attachment.transit_gateway_route_table = self.transit_gateways_route_tables[
            transit_gateway_route_table_id
        ]
        return relation

    return associate_transit_gateway_route_table


def make_disassociate(original: Method) -> Method:
    """Disassociate and forget the table, so the attachment can be associated again."""

    def disassociate_transit_gateway_route_table(self: Any, tgw_attach_id: str,
                                                 tgw_rt_id: str) -> Any:
        relation = original(self, tgw_attach_id, tgw_rt_id)
        attachment = self.transit_gateway_attachments.get(tgw_attach_id)
        if attachment is not None:
            attachment.transit_gateway_route_table = None
        return relation

    return disassociate_transit_gateway_route_table


def make_delete_vpc_attachment(original: Method) -> Method:
    """Delete, and drop the attachment's association so no table lists a ghost."""

    def delete_transit_gateway_vpc_attachment(self: Any, transit_gateway_attachment_id: str) -> Any:
        relation = self.transit_gateway_associations.pop(transit_gateway_attachment_id, None)
        if relation is not None:
            table = self.transit_gateways_route_tables.get(relation.transit_gateway_route_table_id)
            if table is not None:
                table.route_table_associations.pop(transit_gateway_attachment_id, None)
        self.transit_gateway_propagations.pop(transit_gateway_attachment_id, None)
        return original(self, transit_gateway_attachment_id)

    return delete_transit_gateway_vpc_attachment


def _vpc_cidrs(backend: Any, vpc_id: str) -> list[str]:
    vpc = backend.vpcs.get(vpc_id)
    if vpc is None:
        return []
    return [
        item["cidr_block"]
        for item in vpc.get_cidr_block_association_set(ipv6=False)
        if item.get("cidr_block_state", {}).get("state", "associated") == "associated"
    ]


def _route(cidr: str, kind: str, state: str, attachment: Any | None) -> dict[str, Any]:
    route: dict[str, Any] = {
        "DestinationCidrBlock": cidr, "State": state, "Type": kind,
        "TransitGatewayAttachments": [],
    }
    if attachment is not None:
        route["TransitGatewayAttachments"] = [{
            "ResourceId": attachment.resource_id,
            "ResourceType": attachment.resource_type,
            "TransitGatewayAttachmentId": attachment.id,
        }]
    return route


def table_routes(backend: Any, table: Any) -> list[dict[str, Any]]:
    """Static routes, plus one propagated route per CIDR of each propagating VPC attachment.

    A static route wins over a propagated one for the same destination, as in AWS.
    """
    routes: dict[str, dict[str, Any]] = {}
    for propagation in table.route_table_propagation:
        attachment = backend.transit_gateway_attachments.get(
            propagation.transitGatewayAttachmentId
        )
        if attachment is None or attachment.resource_type != "vpc":
            continue
        for cidr in _vpc_cidrs(backend, attachment.resource_id):
            routes[cidr] = _route(cidr, "propagated", "active", attachment)
    for cidr, static in table.routes.items():
        linked = static.get("transitGatewayAttachments") or {}
        attachment = backend.transit_gateway_attachments.get(
            linked.get("transitGatewayAttachmentId")
        )
        routes[cidr] = _route(cidr, "static", str(static.get("state", "active")), attachment)
    return list(routes.values())


def _cidr_matches(route_cidr: str, test: str, values: list[str]) -> bool:
    net = ipaddress.ip_network(route_cidr, strict=False)
    wanted = [ipaddress.ip_network(v, strict=False) for v in values]
    if test == "route-search.exact-match":
        return any(net == w for w in wanted)
    if test == "route-search.subnet-of-match":
        return any(net.version == w.version and net.subnet_of(w) for w in wanted)  # type: ignore[arg-type]
    if test == "route-search.supernet-of-match":
        return any(net.version == w.version and net.supernet_of(w) for w in wanted)  # type: ignore[arg-type]
    return True


def _longest_prefix(routes: list[dict[str, Any]], values: list[str]) -> list[dict[str, Any]]:
    best: list[dict[str, Any]] = []
    for value in values:
        address = ipaddress.ip_network(value, strict=False)
        covering = [
            r for r in routes
            if ipaddress.ip_network(r["DestinationCidrBlock"]).version == address.version
            and address.subnet_of(ipaddress.ip_network(r["DestinationCidrBlock"]))  # type: ignore[arg-type]
        ]
        if covering:
            best.append(max(covering, key=lambda r: _sort_key(r["DestinationCidrBlock"])[2]))
    return best


def filter_routes(routes: list[dict[str, Any]], filters: dict[str, list[str]]) -> list[
    dict[str, Any]
]:
    """The SearchTransitGatewayRoutes filters privnet uses."""
    result = routes
    for name, values in (filters or {}).items():
        if name == "type":
            result = [r for r in result if r["Type"] in values]
        elif name == "state":
            result = [r for r in result if r["State"] in values]
        elif name == "attachment.transit-gateway-attachment-id":
            result = [r for r in result if any(
                a["TransitGatewayAttachmentId"] in values for a in r["TransitGatewayAttachments"])]
        elif name == "attachment.resource-id":
            result = [r for r in result if any(
                a["ResourceId"] in values for a in r["TransitGatewayAttachments"])]
        elif name == "route-search.longest-prefix-match":
            result = _longest_prefix(result, values)
        elif name.startswith("route-search."):
            result = [r for r in result if _cidr_matches(r["DestinationCidrBlock"], name, values)]
    return result


def _sort_key(cidr: str) -> tuple[int, int, int]:
    net = ipaddress.ip_network(cidr, strict=False)
    return net.version, int(net.network_address), net.prefixlen


def search_transit_gateway_routes(self: Any, transit_gateway_route_table_id: str,
                                  filters: Any, max_results: int | None = None) -> Any:
    """Replacement for moto's search: static and propagated routes, filtered."""
    table = self.transit_gateways_route_tables.get(transit_gateway_route_table_id)
    if table is None:
        raise _ec2_error(
            "InvalidRouteTableID.NotFound",
            f"Transit Gateway Route Table {transit_gateway_route_table_id} was deleted or "
            "does not exist.",
        )
    routes = filter_routes(table_routes(self, table), filters or {})
    routes.sort(key=lambda r: _sort_key(r["DestinationCidrBlock"]))
    return routes[: int(max_results)] if max_results else routes


def create_vpc_attachment_response(self: Any) -> Any:
    """moto reads the tags meant for a route table; AWS tags the attachment it creates, in the
    same call (which is what lets privnet find an attachment after a lost state write)."""
    from moto.core.responses import ActionResult

    tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
    attachment = self.ec2_backend.create_transit_gateway_vpc_attachment(
        transit_gateway_id=self._get_param("TransitGatewayId"),
        tags=tags,
        vpc_id=self._get_param("VpcId"),
        subnet_ids=self._get_param("SubnetIds", []),
        options=self._get_param("Options", {}),
    )
    return ActionResult({"TransitGatewayVpcAttachment": attachment})
