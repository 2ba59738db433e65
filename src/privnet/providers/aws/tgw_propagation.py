"""Propagating an attachment's VPC CIDR into the hub route table, so others can reach it.

Untaggable: found by attachment id in the route table's propagations.
"""

from __future__ import annotations

from privnet.providers.aws.tgw_table_link import TgwTableLinkHandler
from privnet.resources.kinds.aws_transit import TGW_PROPAGATION


class TgwPropagationHandler(TgwTableLinkHandler):
    """``aws.tgw_propagation.<vpc>``: ``route_table_id``, ``attachment_id``."""

    kind = TGW_PROPAGATION
    noun = "propagation"
    list_operation = "get_transit_gateway_route_table_propagations"
    list_key = "TransitGatewayRouteTablePropagations"
    leaving_states = frozenset({"disabling", "disabled"})
    link_operation = "enable_transit_gateway_route_table_propagation"
    link_answer_key = "Propagation"
    unlink_operation = "disable_transit_gateway_route_table_propagation"
    ready_state = "enabled"
