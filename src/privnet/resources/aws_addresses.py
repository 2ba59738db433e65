"""Addresses of AWS resources, written once so compilers, rules and renderers agree."""

from __future__ import annotations

HUB = "hub"
TRANSIT_GATEWAY = f"aws.transit_gateway.{HUB}"
TGW_ROUTE_TABLE = f"aws.tgw_route_table.{HUB}"
CENTRAL_ZONE = "aws.zone.confluent"
RESOLVER_RULE = "aws.resolver_rule.confluent"
WILDCARD_RECORD = "aws.record.wildcard"


def vpc(name: str) -> str:
    return f"aws.vpc.{name}"


def subnet(vpc_name: str, az_id: str) -> str:
    return f"aws.subnet.{vpc_name}.{az_id}"


def route_table(vpc_name: str) -> str:
    return f"aws.route_table.{vpc_name}"


def route(vpc_name: str, destination: str) -> str:
    """``destination`` is a location name, or a CIDR written with dashes (10-1-0-0_16)."""
    return f"aws.route.{vpc_name}.{destination}"


def security_group(vpc_name: str) -> str:
    return f"aws.security_group.{vpc_name}"


def tgw_attachment(vpc_name: str) -> str:
    return f"aws.tgw_attachment.{vpc_name}"


def tgw_association(vpc_name: str) -> str:
    return f"aws.tgw_association.{vpc_name}"


def tgw_propagation(vpc_name: str) -> str:
    return f"aws.tgw_propagation.{vpc_name}"


def tgw_route(label: str) -> str:
    """A static route of the hub Transit Gateway table (``vpn_clients``)."""
    return f"aws.tgw_route.{label}"


def vpc_endpoint(vpc_name: str) -> str:
    return f"aws.vpc_endpoint.{vpc_name}"


def zone_association(vpc_name: str) -> str:
    """Association of the centralized zone (or, per-VPC strategy, the VPC's own zone)."""
    return f"aws.zone_association.{vpc_name}"


def zonal_record(az_id: str) -> str:
    return f"aws.record.zonal.{az_id}"


def resolver_rule_association(vpc_name: str) -> str:
    return f"aws.resolver_rule_association.{vpc_name}"


def per_vpc_zone(vpc_name: str) -> str:
    return f"aws.zone.{vpc_name}"


def per_vpc_record(vpc_name: str, zonal_az_id: str | None = None) -> str:
    if zonal_az_id is None:
        return f"aws.record.{vpc_name}.wildcard"
    return f"aws.record.{vpc_name}.zonal.{zonal_az_id}"


def access_point_zone(access_point: str) -> str:
    return f"aws.zone.access_point.{access_point}"


def access_point_zone_association(access_point: str) -> str:
    return f"aws.zone_association.access_point.{access_point}"


def access_point_record(access_point: str) -> str:
    return f"aws.record.access_point.{access_point}.wildcard"


def pni_enis(access_point: str) -> str:
    return f"aws.pni_enis.{access_point}"


def eni_permission(access_point: str) -> str:
    return f"aws.eni_permission.{access_point}"


def cidr_label(cidr: str) -> str:
    """A CIDR as an address part: dots and the slash would read as separators."""
    return cidr.replace(".", "-").replace("/", "_")
