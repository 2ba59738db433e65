"""The AWS half of a diagram: hub, VPCs with subnets and endpoints, PNI ENIs, the runner."""

from __future__ import annotations

from dataclasses import dataclass

from privnet.render.diagram_confluent import connectivity_address
from privnet.render.diagram_model import HUB, UNUSED, Arrow, Diagram, Line, Shape
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.rules.flows import hub_endpoint_vpc
from privnet.topology.aws import DnsStrategy
from privnet.topology.connectivity import PLATT, pni_access_points
from privnet.topology.view import VPN_LOCATION, PlacedVpc, TopologyView

AWS_GROUP = "aws"
HUB_GROUP = "aws.hub"
RUNNER = "privnet.runner"

ROLE_LINES = {
    "dns": "DNS VPC: Route 53 inbound resolver",
    "runner": "automation runner VPC",
    "workload": "workload VPC",
}


@dataclass(frozen=True)
class DnsRoles:
    """Which endpoint the centralized records point at, and which PLATT endpoints they skip."""

    hub: PlacedVpc | None
    unused: frozenset[str]
    explicit: bool


def dns_roles(view: TopologyView) -> DnsRoles:
    """Only a centralized zone makes a hub; every other PLATT endpoint is then unused by DNS."""
    dns = view.topology.aws.dns
    if dns.strategy is not DnsStrategy.CENTRALIZED:
        return DnsRoles(None, frozenset(), False)
    hub = hub_endpoint_vpc(view)
    unused = frozenset(
        p.vpc.name for p in view.vpcs
        if p.vpc.endpoint is not None and p is not hub
        and view.connectivity_names.get(p.vpc.endpoint.connectivity) == PLATT)
    return DnsRoles(hub, unused, dns.hub_endpoint is not None)


def add_aws(diagram: Diagram, view: TopologyView, roles: DnsRoles) -> None:
    """Draw the AWS network; the Confluent half must already be in ``diagram``."""
    topology = view.topology
    diagram.group(AWS_GROUP, f"AWS {topology.region}")
    hub_vpcs = [p for p in view.vpcs if p.role != "workload"]
    tgw = topology.aws.hub.transit_gateway
    has_tgw = tgw.id is not None or bool(view.network_vpcs())
    if has_tgw or hub_vpcs:
        diagram.group(HUB_GROUP, "hub", parent=AWS_GROUP)
    if has_tgw:
        diagram.node(aws.TRANSIT_GATEWAY, "Transit Gateway", *_existing(tgw.id),
                     group=HUB_GROUP, shape=Shape.HEXAGON)
        diagram.node(aws.TGW_ROUTE_TABLE, "TGW route table", *_existing(tgw.route_table_id),
                     group=HUB_GROUP)
        diagram.edge(aws.TRANSIT_GATEWAY, aws.TGW_ROUTE_TABLE, "associations and propagations",
                     arrow=Arrow.NONE)
    for placed in view.vpcs:
        _vpc(diagram, view, placed, roles)
    _pni_enis(diagram, view)
    _runner(diagram, view)


def _existing(resource_id: str | None) -> tuple[str, ...]:
    return (f"{resource_id} (existing)",) if resource_id else ()


def _vpc(diagram: Diagram, view: TopologyView, placed: PlacedVpc, roles: DnsRoles) -> None:
    vpc = placed.vpc
    parent = HUB_GROUP if placed.role != "workload" else AWS_GROUP
    group = diagram.group(aws.vpc(vpc.name), f"VPC {vpc.name}", parent=parent)
    role = ROLE_LINES.get(placed.role, "")
    if view.vpn is not None and vpc is view.vpn:
        role = f"client VPN VPC, clients {view.vpn.client_cidr}"
    address = diagram.node(aws.vpc(vpc.name), f"VPC {vpc.name}", vpc.cidr, role,
                           *_existing(vpc.id), group=group)
    for subnet in sorted(vpc.subnets, key=lambda s: s.az_id):
        diagram.node(aws.subnet(vpc.name, subnet.az_id), f"subnet {subnet.az_id}", subnet.cidr,
                     *_existing(subnet.id), group=group)
    if vpc.transit_gateway.attach and aws.TRANSIT_GATEWAY in diagram.nodes:
        diagram.edge(address, aws.TRANSIT_GATEWAY, "TGW attachment", arrow=Arrow.NONE,
                     addresses=(aws.tgw_attachment(vpc.name),))
    if vpc.endpoint is not None:
        _endpoint(diagram, view, placed, roles)


def _endpoint(diagram: Diagram, view: TopologyView, placed: PlacedVpc, roles: DnsRoles) -> None:
    vpc = placed.vpc
    assert vpc.endpoint is not None
    connectivity = vpc.endpoint.connectivity
    label = ["interface endpoint", f"to {connectivity}, on {len(vpc.subnets)} subnets"]
    classes: frozenset[str] = frozenset()
    line = Line.SOLID
    if roles.hub is placed:
        how = "dns.hub_endpoint" if roles.explicit else "first endpoint, dns.hub_endpoint unset"
        label.append(f"DNS hub endpoint ({how})")
        classes = frozenset({HUB})
    elif vpc.name in roles.unused:
        label.append("unused by DNS: no record points here")
        classes = frozenset({UNUSED})
        line = Line.DASHED
    address = diagram.node(aws.vpc_endpoint(vpc.name), *label, group=aws.vpc(vpc.name),
                           shape=Shape.ROUND, classes=classes)
    kind = view.connectivity_names.get(connectivity)
    if kind == PLATT:
        diagram.edge(address, cc.platt(connectivity), "PLATT connection", line=line,
                     addresses=(cc.platt_connection(vpc.name),))
        return
    access_point = next(
        (cc.ingress_access_point(p.name)
         for g in view.topology.confluent.connectivity.ingress_gateways
         if g.name == connectivity for p in g.access_points if p.vpc == vpc.name), None)
    target = access_point or connectivity_address(view.topology, connectivity)
    if target is not None:
        diagram.edge(address, target, "access point connection", line=line)


def _pni_enis(diagram: Diagram, view: TopologyView) -> None:
    for placed in pni_access_points(view.topology):
        point = placed.access_point
        vpc = view.vpc_by_name.get(point.vpc)
        if vpc is None:
            continue
        subnets = [s for s in vpc.vpc.subnets if s.az_id in placed.gateway.zones]
        generated = point.enis_per_subnet * len(subnets)
        label = ["PNI ENIs", f"{point.enis_per_subnet} per subnet x {len(subnets)} subnets"
                 f" = {generated}"]
        if point.network_interfaces:
            label.append(f"+ {len(point.network_interfaces)} existing")
        address = diagram.node(aws.pni_enis(point.name), *label, group=aws.vpc(point.vpc),
                               shape=Shape.ROUND)
        diagram.edge(address, cc.pni_access_point(point.name), "INSTANCE-ATTACH permission",
                     addresses=(aws.eni_permission(point.name),))


def _runner(diagram: Diagram, view: TopologyView) -> None:
    """Where privnet itself runs decides which private endpoints it can reach."""
    location = view.topology.runner.location
    if location in view.vpc_by_name:
        diagram.node(RUNNER, "privnet runs here", group=aws.vpc(location), shape=Shape.ROUND)
    elif location == VPN_LOCATION and view.vpn is not None:
        diagram.node(RUNNER, "privnet", "runs on a VPN client", shape=Shape.ROUND)
        diagram.edge(RUNNER, aws.vpc(view.vpn.name), "client VPN")
    else:
        diagram.node(RUNNER, "privnet", f"runs on the {location}", shape=Shape.ROUND)
