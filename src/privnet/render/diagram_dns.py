"""The DNS part of a diagram: which zone answers Confluent names, and with which endpoint.

A centralized zone points every name at ONE hub endpoint; the diagram draws that record edge
thick and the endpoints no record points at dashed, so the choice cannot go unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.render.diagram_aws import AWS_GROUP, DnsRoles
from privnet.render.diagram_model import Diagram, Line, Shape
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.topology.aws import DnsStrategy, Vpc
from privnet.topology.connectivity import PLATT
from privnet.topology.view import TopologyView

DNS_GROUP = "aws.dns"


def add_dns(diagram: Diagram, view: TopologyView, roles: DnsRoles,
            observed: Mapping[str, Mapping[str, Any]]) -> None:
    """Zones, records and the resolver rule; ``observed`` supplies real domains when known."""
    dns = view.topology.aws.dns
    platt_vpcs = [p.vpc for p in view.vpcs if p.vpc.endpoint is not None
                  and view.connectivity_names.get(p.vpc.endpoint.connectivity) == PLATT]
    if platt_vpcs and dns.strategy is DnsStrategy.CENTRALIZED:
        _centralized(diagram, view, roles, observed)
    elif platt_vpcs:
        _per_vpc(diagram, view, platt_vpcs, observed)
    _access_points(diagram, view, observed)


def _domain(observed: Mapping[str, Mapping[str, Any]], address: str, name: str) -> str:
    known = observed.get(address, {}).get("dns_domain")
    return str(known) if known else f"dns_domain of {name}"


def _associated(view: TopologyView) -> list[str]:
    names = view.topology.aws.dns.associated_vpcs
    if names is None:
        return sorted(p.vpc.name for p in view.vpcs if p.vpc.needs_confluent)
    return sorted(names)


def _centralized(diagram: Diagram, view: TopologyView, roles: DnsRoles,
                 observed: Mapping[str, Mapping[str, Any]]) -> None:
    hub = roles.hub.vpc if roles.hub is not None else None
    choice = (f"every Confluent name resolves to the endpoint in {hub.name}" if hub is not None
              else "no record target: dns.hub_endpoint names no VPC with a PLATT endpoint")
    group = diagram.group(DNS_GROUP, "Route 53: one centralized private zone", choice,
                          parent=AWS_GROUP)
    associated = ", ".join(_associated(view))
    domain = "PrivateLink attachment dns_domain"
    if hub is not None and hub.endpoint is not None:
        connectivity = hub.endpoint.connectivity
        domain = _domain(observed, cc.platt(connectivity), connectivity)
    zone = diagram.node(aws.CENTRAL_ZONE, "private hosted zone", domain,
                        f"associated with {associated}", group=group, shape=Shape.CYLINDER)
    if hub is not None:
        records = (aws.WILDCARD_RECORD, *(aws.zonal_record(az) for az in _az_ids(hub)))
        diagram.edge(zone, aws.vpc_endpoint(hub.name), "CNAME * and *.az-id: hub endpoint",
                     line=Line.THICK, addresses=records)
    if view.topology.aws.dns.system_rule:
        rule = diagram.node(aws.RESOLVER_RULE, "Resolver rule SYSTEM", domain,
                            f"associated with {associated}", group=group)
        diagram.edge(rule, zone, "zone wins over forwarding rules")


def _per_vpc(diagram: Diagram, view: TopologyView, platt_vpcs: list[Vpc],
             observed: Mapping[str, Mapping[str, Any]]) -> None:
    """One zone per endpoint VPC, inside that VPC's box."""
    for vpc in platt_vpcs:
        assert vpc.endpoint is not None
        connectivity = vpc.endpoint.connectivity
        zone = diagram.node(aws.per_vpc_zone(vpc.name), "private hosted zone (per VPC)",
                            _domain(observed, cc.platt(connectivity), connectivity),
                            group=aws.vpc(vpc.name), shape=Shape.CYLINDER)
        records = (aws.per_vpc_record(vpc.name),
                   *(aws.per_vpc_record(vpc.name, az) for az in _az_ids(vpc)))
        diagram.edge(zone, aws.vpc_endpoint(vpc.name), "CNAME * and *.az-id",
                     addresses=records)
    if view.topology.aws.dns.system_rule:
        first = platt_vpcs[0]
        assert first.endpoint is not None
        connectivity = first.endpoint.connectivity
        diagram.node(aws.RESOLVER_RULE, "Resolver rule SYSTEM",
                     _domain(observed, cc.platt(connectivity), connectivity),
                     "associated with " + ", ".join(sorted(v.name for v in platt_vpcs)),
                     group=AWS_GROUP)


def _access_points(diagram: Diagram, view: TopologyView,
                   observed: Mapping[str, Mapping[str, Any]]) -> None:
    """Each ingress access point has its own domain, so each gets a zone on its VPC."""
    for gateway in view.topology.confluent.connectivity.ingress_gateways:
        for point in gateway.access_points:
            endpoint = aws.vpc_endpoint(point.vpc)
            if endpoint not in diagram.nodes:
                continue
            zone = diagram.node(
                aws.access_point_zone(point.name), "private hosted zone",
                _domain(observed, cc.ingress_access_point(point.name), point.name),
                group=aws.vpc(point.vpc), shape=Shape.CYLINDER)
            diagram.edge(zone, endpoint, "CNAME *", addresses=(
                aws.access_point_record(point.name),))


def _az_ids(vpc: Vpc) -> list[str]:
    return sorted({s.az_id for s in vpc.subnets})
