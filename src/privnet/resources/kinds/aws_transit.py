"""AWS kinds of the hub: the Transit Gateway, its route table, attachments and routes.

Each ``*Properties`` is what the kind's handler receives: every Ref resolved (ids are ``str``).
"""

# No ``from __future__ import annotations``: TypedDict must see ``NotRequired`` at runtime
# (Python 3.11 reads a string annotation as required), and the key test reads the keys.
from typing import Annotated, NotRequired, TypedDict

from privnet.resources.kinds.base import INTERNAL, Kind, Traits


class TransitGatewayProperties(TypedDict):
    amazon_side_asn: int
    existing_id: NotRequired[Annotated[str, INTERNAL]]
    """A gateway given by id: adopted, never changed or deleted."""


class TgwRouteTableProperties(TypedDict):
    transit_gateway_id: str
    existing_id: NotRequired[Annotated[str, INTERNAL]]


class TgwAttachmentProperties(TypedDict):
    transit_gateway_id: str
    vpc_id: str
    subnet_ids: list[str]
    dns_support: bool


class TgwLinkProperties(TypedDict):
    """An attachment's association with, or propagation into, the hub route table."""

    route_table_id: str
    attachment_id: str


class TgwRouteProperties(TypedDict):
    route_table_id: str
    attachment_id: str
    destination_cidr: str


TRANSIT_GATEWAY = Kind("aws.transit_gateway", TransitGatewayProperties, Traits(
    replace_on=frozenset({"amazon_side_asn", "existing_id"}), network=True))
TGW_ROUTE_TABLE = Kind("aws.tgw_route_table", TgwRouteTableProperties, Traits(
    replace_on=frozenset({"transit_gateway_id", "existing_id"}), network=True))
TGW_ATTACHMENT = Kind("aws.tgw_attachment", TgwAttachmentProperties, Traits(
    replace_on=frozenset({"transit_gateway_id", "vpc_id"}), network=True))
TGW_ASSOCIATION = Kind("aws.tgw_association", TgwLinkProperties, Traits(
    replace_on=frozenset({"route_table_id", "attachment_id"}), runner_path=True,
    network=True))
TGW_PROPAGATION = Kind("aws.tgw_propagation", TgwLinkProperties, Traits(
    replace_on=frozenset({"route_table_id", "attachment_id"}), runner_path=True,
    network=True))
TGW_ROUTE = Kind("aws.tgw_route", TgwRouteProperties, Traits(
    replace_on=frozenset({"route_table_id", "destination_cidr"}), runner_path=True,
    network=True))

KINDS = (TRANSIT_GATEWAY, TGW_ROUTE_TABLE, TGW_ATTACHMENT, TGW_ASSOCIATION, TGW_PROPAGATION,
         TGW_ROUTE)
