"""The private DNS that makes Confluent names resolve to interface endpoints.

Centralized (the default, and the only safe choice with a PrivateLink attachment): one private
hosted zone named by the attachment's ``dns_domain``, associated with every VPC that needs
Confluent, whose records all point at ONE hub endpoint; the other VPCs reach that endpoint
through the Transit Gateway. Per-VPC zones would collide (Route 53 refuses two same-named private
zones on one VPC) as soon as the VPCs are interconnected. A SYSTEM resolver rule for the domain,
associated with the same VPCs, lets the zone win over FORWARD rules for parent domains.

Ingress access points each have a unique ``dns_domain``, so each gets its own zone on its VPC.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as confluent
from privnet.resources.kinds.aws_names import (
    RECORD,
    RESOLVER_RULE,
    RESOLVER_RULE_ASSOCIATION,
    ZONE,
    ZONE_ASSOCIATION,
)
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.aws import DnsStrategy, Vpc, ZonalRecordKey
from privnet.topology.view import TopologyView


def compile_dns(view: TopologyView, graph: ResourceGraph) -> None:
    """Zones, associations, records and resolver rules for the topology's endpoints."""
    dns = view.topology.aws.dns
    platt_vpcs = _endpoint_vpcs(view, "platt")
    if platt_vpcs and dns.zonal_records_by is not ZonalRecordKey.AZ_ID:
        raise ValueError("zonal records must be keyed by AZ ID (aws.dns.zonal_records_by: az_id):"
                         " AZ names differ between accounts")
    if platt_vpcs:
        if dns.strategy is DnsStrategy.CENTRALIZED:
            _centralized(view, graph, platt_vpcs)
        else:
            _per_vpc(view, graph, platt_vpcs)
    _access_points(view, graph)


def _endpoint_vpcs(view: TopologyView, kind: str) -> list[Vpc]:
    return [p.vpc for p in view.vpcs if p.vpc.endpoint is not None
            and view.connectivity_names.get(p.vpc.endpoint.connectivity) == kind]


def _domain(vpc: Vpc) -> Ref:
    assert vpc.endpoint is not None
    return Ref(confluent.platt(vpc.endpoint.connectivity), "dns_domain")


def _associated_vpcs(view: TopologyView) -> list[str]:
    names = view.topology.aws.dns.associated_vpcs
    if names is None:
        return [p.vpc.name for p in view.vpcs if p.vpc.needs_confluent]
    for name in names:
        if name not in view.vpc_by_name:
            raise ValueError(f"aws.dns.associated_vpcs: unknown VPC {name!r}")
    return list(names)


def _centralized(view: TopologyView, graph: ResourceGraph, platt_vpcs: list[Vpc]) -> None:
    dns = view.topology.aws.dns
    hub_name = dns.hub_endpoint or platt_vpcs[0].name
    hub = next((v for v in platt_vpcs if v.name == hub_name), None)
    if hub is None:
        raise ValueError(f"aws.dns.hub_endpoint: VPC {hub_name!r} has no endpoint to a "
                         "PrivateLink attachment")
    domain = _domain(hub)
    comment = (f"privnet {view.topology.stack}: one zone for all VPCs; every Confluent name "
               f"resolves to the endpoint in VPC {hub.name}")
    _zone(view, graph, aws.CENTRAL_ZONE, domain, hub, comment)
    for name in _associated_vpcs(view):
        _association(view, graph, aws.zone_association(name), aws.CENTRAL_ZONE, name)
    _records(view, graph, aws.CENTRAL_ZONE, domain, hub, aws.WILDCARD_RECORD, aws.zonal_record)
    if dns.system_rule:
        _resolver_rule(view, graph, domain, _associated_vpcs(view))


def _per_vpc(view: TopologyView, graph: ResourceGraph, platt_vpcs: list[Vpc]) -> None:
    """One zone per endpoint VPC; only sound when those VPCs never share a resolver view."""
    for vpc in platt_vpcs:
        zone = aws.per_vpc_zone(vpc.name)
        _zone(view, graph, zone, _domain(vpc), vpc,
              f"privnet {view.topology.stack}: Confluent names for VPC {vpc.name}")
        _association(view, graph, aws.zone_association(vpc.name), zone, vpc.name)
        _records(view, graph, zone, _domain(vpc), vpc, aws.per_vpc_record(vpc.name),
                 partial(aws.per_vpc_record, vpc.name))
    if view.topology.aws.dns.system_rule:
        _resolver_rule(view, graph, _domain(platt_vpcs[0]), [v.name for v in platt_vpcs])


def _access_points(view: TopologyView, graph: ResourceGraph) -> None:
    for gateway in view.topology.confluent.connectivity.ingress_gateways:
        for point in gateway.access_points:
            placed = view.vpc_by_name.get(point.vpc)
            if placed is None:
                raise ValueError(f"access point {point.name}: unknown VPC {point.vpc!r}")
            vpc = placed.vpc
            if vpc.endpoint is None or vpc.endpoint.connectivity != gateway.name:
                raise ValueError(f"access point {point.name}: VPC {vpc.name} has no endpoint "
                                 f"to ingress gateway {gateway.name}")
            domain = Ref(confluent.ingress_access_point(point.name), "dns_domain")
            zone = aws.access_point_zone(point.name)
            _zone(view, graph, zone, domain, vpc,
                  f"privnet {view.topology.stack}: access point {point.name}")
            _association(view, graph, aws.access_point_zone_association(point.name), zone,
                         vpc.name)
            graph.add(RECORD.resource(aws.access_point_record(point.name), {
                "zone_id": Ref(zone, "id"), "domain": domain, "labels": "*", "type": "CNAME",
                "ttl": view.topology.aws.dns.record_ttl,
                "target": Ref(aws.vpc_endpoint(vpc.name), "dns_name"),
            }))


def _zone(view: TopologyView, graph: ResourceGraph, address: str, domain: Ref, vpc: Vpc,
          comment: str) -> None:
    graph.add(ZONE.resource(address, {
        "name": domain, "vpc_id": Ref(aws.vpc(vpc.name), "id"),
        "vpc_region": view.region_of(vpc.region), "comment": comment[:256],
    }))


def _association(view: TopologyView, graph: ResourceGraph, address: str, zone: str,
                 vpc_name: str) -> None:
    vpc = view.vpc_by_name[vpc_name].vpc
    graph.add(ZONE_ASSOCIATION.resource(address, {
        "zone_id": Ref(zone, "id"), "vpc_id": Ref(aws.vpc(vpc_name), "id"),
        "vpc_region": view.region_of(vpc.region),
    }))


def _records(view: TopologyView, graph: ResourceGraph, zone: str, domain: Ref,
             endpoint_vpc: Vpc, wildcard: str, zonal: Callable[[str], str]) -> None:
    """``*.<domain>`` to the regional name, ``*.<az-id>.<domain>`` to each zonal name."""
    ttl = view.topology.aws.dns.record_ttl
    endpoint = aws.vpc_endpoint(endpoint_vpc.name)
    graph.add(RECORD.resource(wildcard, {
        "zone_id": Ref(zone, "id"), "domain": domain, "labels": "*", "type": "CNAME",
        "ttl": ttl, "target": Ref(endpoint, "dns_name"),
    }))
    for az_id in sorted({s.az_id for s in endpoint_vpc.subnets}):
        graph.add(RECORD.resource(zonal(az_id), {
            "zone_id": Ref(zone, "id"), "domain": domain, "labels": f"*.{az_id}",
            "type": "CNAME", "ttl": ttl, "target": Ref(endpoint, "zonal_dns_names"),
            "target_key": az_id,
        }))


def _resolver_rule(view: TopologyView, graph: ResourceGraph, domain: Ref,
                   vpc_names: list[str]) -> None:
    graph.add(RESOLVER_RULE.resource(aws.RESOLVER_RULE, {
        "domain": domain, "name": f"privnet-{view.topology.stack}-confluent"[:64],
        "rule_type": "SYSTEM",
    }))
    for name in vpc_names:
        graph.add(RESOLVER_RULE_ASSOCIATION.resource(aws.resolver_rule_association(name), {
            "rule_id": Ref(aws.RESOLVER_RULE, "id"), "vpc_id": Ref(aws.vpc(name), "id")}))
