"""Associating an attachment with the hub route table: its traffic is routed by that table.

Untaggable: found by attachment id in the route table's associations.
"""

from __future__ import annotations

from privnet.providers.aws.tgw_table_link import TgwTableLinkHandler
from privnet.resources.kinds.aws_transit import TGW_ASSOCIATION


class TgwAssociationHandler(TgwTableLinkHandler):
    """``aws.tgw_association.<vpc>``: ``route_table_id``, ``attachment_id``."""

    kind = TGW_ASSOCIATION
    noun = "association"
    list_operation = "get_transit_gateway_route_table_associations"
    list_key = "Associations"
    leaving_states = frozenset({"disassociating", "disassociated"})
    link_operation = "associate_transit_gateway_route_table"
    link_answer_key = "Association"
    unlink_operation = "disassociate_transit_gateway_route_table"
    ready_state = "associated"
