"""Addresses of AWS resources, written once so compilers, rules and renderers agree.

Every address is built by its kind's declaration (:mod:`privnet.resources.kinds`).
"""

from __future__ import annotations

from privnet.resources.kinds import aws_names as names
from privnet.resources.kinds import aws_network as network
from privnet.resources.kinds import aws_transit as transit

HUB = "hub"
CONFLUENT = "confluent"
TRANSIT_GATEWAY = transit.TRANSIT_GATEWAY.address(HUB)
TGW_ROUTE_TABLE = transit.TGW_ROUTE_TABLE.address(HUB)
CENTRAL_ZONE = names.ZONE.address(CONFLUENT)
RESOLVER_RULE = names.RESOLVER_RULE.address(CONFLUENT)
WILDCARD_RECORD = names.RECORD.address("wildcard")


def vpc(name: str) -> str:
    return network.VPC.address(name)


def subnet(vpc_name: str, az_id: str) -> str:
    return network.SUBNET.address(vpc_name, az_id)


def route_table(vpc_name: str) -> str:
    return network.ROUTE_TABLE.address(vpc_name)


def route(vpc_name: str, destination: str) -> str:
    """``destination`` is a location name, or a CIDR written with dashes (10-1-0-0_16)."""
    return network.ROUTE.address(vpc_name, destination)


def security_group(vpc_name: str) -> str:
    return network.SECURITY_GROUP.address(vpc_name)


def tgw_attachment(vpc_name: str) -> str:
    return transit.TGW_ATTACHMENT.address(vpc_name)


def tgw_association(vpc_name: str) -> str:
    return transit.TGW_ASSOCIATION.address(vpc_name)


def tgw_propagation(vpc_name: str) -> str:
    return transit.TGW_PROPAGATION.address(vpc_name)


def tgw_route(label: str) -> str:
    """A static route of the hub Transit Gateway table (``vpn_clients``)."""
    return transit.TGW_ROUTE.address(label)


def vpc_endpoint(vpc_name: str) -> str:
    return network.VPC_ENDPOINT.address(vpc_name)


def zone_association(vpc_name: str) -> str:
    """Association of the centralized zone (or, per-VPC strategy, the VPC's own zone)."""
    return names.ZONE_ASSOCIATION.address(vpc_name)


def zonal_record(az_id: str) -> str:
    return names.RECORD.address("zonal", az_id)


def resolver_rule_association(vpc_name: str) -> str:
    return names.RESOLVER_RULE_ASSOCIATION.address(vpc_name)


def per_vpc_zone(vpc_name: str) -> str:
    return names.ZONE.address(vpc_name)


def per_vpc_record(vpc_name: str, zonal_az_id: str | None = None) -> str:
    if zonal_az_id is None:
        return names.RECORD.address(vpc_name, "wildcard")
    return names.RECORD.address(vpc_name, "zonal", zonal_az_id)


def access_point_zone(access_point: str) -> str:
    return names.ZONE.address("access_point", access_point)


def access_point_zone_association(access_point: str) -> str:
    return names.ZONE_ASSOCIATION.address("access_point", access_point)


def access_point_record(access_point: str) -> str:
    return names.RECORD.address("access_point", access_point, "wildcard")


def pni_enis(access_point: str) -> str:
    return network.PNI_ENIS.address(access_point)


def eni_permission(access_point: str) -> str:
    return network.ENI_PERMISSION.address(access_point)


def cidr_label(cidr: str) -> str:
    """A CIDR as an address part: dots and the slash would read as separators."""
    return cidr.replace(".", "-").replace("/", "_")
