"""AWS kinds of the hub: the Transit Gateway, its route table, attachments and routes."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits

TRANSIT_GATEWAY = Kind("aws.transit_gateway", UNTYPED, Traits(
    replace_on=frozenset({"amazon_side_asn", "existing_id"}), network=True))
TGW_ROUTE_TABLE = Kind("aws.tgw_route_table", UNTYPED, Traits(
    replace_on=frozenset({"transit_gateway_id", "existing_id"}), network=True))
TGW_ATTACHMENT = Kind("aws.tgw_attachment", UNTYPED, Traits(
    replace_on=frozenset({"transit_gateway_id", "vpc_id"}), network=True))
TGW_ASSOCIATION = Kind("aws.tgw_association", UNTYPED, Traits(
    replace_on=frozenset({"route_table_id", "attachment_id"}), runner_path=True,
    network=True))
TGW_PROPAGATION = Kind("aws.tgw_propagation", UNTYPED, Traits(
    replace_on=frozenset({"route_table_id", "attachment_id"}), runner_path=True,
    network=True))
TGW_ROUTE = Kind("aws.tgw_route", UNTYPED, Traits(
    replace_on=frozenset({"route_table_id", "destination_cidr"}), runner_path=True,
    network=True))

KINDS = (TRANSIT_GATEWAY, TGW_ROUTE_TABLE, TGW_ATTACHMENT, TGW_ASSOCIATION, TGW_PROPAGATION,
         TGW_ROUTE)
