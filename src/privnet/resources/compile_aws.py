"""The AWS half of the resource graph: hub, VPCs, routing, endpoints, DNS and PNI interfaces.

VPCs given by id (the pre-existing hub of seed 000) are adopted: privnet reads them and adds
what the Confluent path needs (zone and resolver rule associations, an endpoint if asked) but
leaves their subnets' routing and their Transit Gateway attachment to whoever owns them.
VPCs privnet creates get one route table shared by all their subnets (the seed used one per
subnet, all identical) with a route per other location via the Transit Gateway.
"""

from __future__ import annotations

import functools
from ipaddress import IPv4Network
from typing import Any

from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as confluent
from privnet.resources.aws_dns import compile_dns
from privnet.resources.aws_pni import compile_pni, pni_vpcs
from privnet.resources.aws_security import (
    derived_endpoint_rules,
    derived_pni_rules,
    explicit_rules,
    location_cidr,
)
from privnet.resources.cidr_merge import merge_labelled
from privnet.resources.kinds.aws_network import (
    ROUTE,
    ROUTE_TABLE,
    SECURITY_GROUP,
    SUBNET,
    VPC,
    VPC_ENDPOINT,
)
from privnet.resources.kinds.aws_transit import (
    TGW_ASSOCIATION,
    TGW_ATTACHMENT,
    TGW_PROPAGATION,
    TGW_ROUTE,
    TGW_ROUTE_TABLE,
    TRANSIT_GATEWAY,
)
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.aws import Vpc
from privnet.topology.connectivity import INGRESS, PLATT
from privnet.topology.model import Topology
from privnet.topology.view import VPN_LOCATION, TopologyView, parse_cidr

VPN_CLIENTS = "vpn_clients"
"""Route label of the VPN client range."""


def compile_aws(topology: Topology, graph: ResourceGraph) -> None:
    """Add every AWS resource of ``topology`` to ``graph`` (ValueError on an inconsistency)."""
    view = TopologyView(topology)
    if _needs_transit_gateway(view):
        _hub(view, graph)
    for placed in view.vpcs:
        _vpc(view, graph, placed.vpc)
    compile_dns(view, graph)
    compile_pni(view, graph)


def _needs_transit_gateway(view: TopologyView) -> bool:
    tgw = view.topology.aws.hub.transit_gateway
    return tgw.id is not None or any(_attached(p.vpc) for p in view.vpcs)


def _attached(vpc: Vpc) -> bool:
    return vpc.id is None and vpc.transit_gateway.attach and bool(vpc.subnets)


def _hub(view: TopologyView, graph: ResourceGraph) -> None:
    tgw = view.topology.aws.hub.transit_gateway
    props: dict[str, Any] = {"amazon_side_asn": tgw.amazon_side_asn}
    if tgw.id:
        props["existing_id"] = tgw.id
    graph.add(TRANSIT_GATEWAY.resource(aws.TRANSIT_GATEWAY, props))
    table: dict[str, Any] = {"transit_gateway_id": Ref(aws.TRANSIT_GATEWAY, "id")}
    if tgw.route_table_id:
        table["existing_id"] = tgw.route_table_id
    graph.add(TGW_ROUTE_TABLE.resource(aws.TGW_ROUTE_TABLE, table))


def _vpc(view: TopologyView, graph: ResourceGraph, vpc: Vpc) -> None:
    props: dict[str, Any] = {"cidr": vpc.cidr}
    if vpc.id:
        props["existing_id"] = vpc.id
    graph.add(VPC.resource(aws.vpc(vpc.name), props))
    for subnet in vpc.subnets:
        subnet_props: dict[str, Any] = {"vpc_id": Ref(aws.vpc(vpc.name), "id"),
                                        "cidr": subnet.cidr, "az_id": subnet.az_id}
        if subnet.id:
            subnet_props["existing_id"] = subnet.id
        graph.add(SUBNET.resource(aws.subnet(vpc.name, subnet.az_id), subnet_props))
    if vpc.id is None and vpc.subnets:
        graph.add(ROUTE_TABLE.resource(aws.route_table(vpc.name), {
            "vpc_id": Ref(aws.vpc(vpc.name), "id"), "subnet_ids": _subnet_refs(vpc)}))
    if _attached(vpc):
        _attachment(view, graph, vpc)
    if vpc.endpoint is not None or vpc.name in pni_vpcs(view) or vpc.security_group is not None:
        _security_group(view, graph, vpc)
    if vpc.endpoint is not None:
        _endpoint(view, graph, vpc)


def _subnet_refs(vpc: Vpc) -> list[Ref]:
    return [Ref(aws.subnet(vpc.name, s.az_id), "id") for s in vpc.subnets]


def _attachment(view: TopologyView, graph: ResourceGraph, vpc: Vpc) -> None:
    attachment = aws.tgw_attachment(vpc.name)
    graph.add(TGW_ATTACHMENT.resource(attachment, {
        "transit_gateway_id": Ref(aws.TRANSIT_GATEWAY, "id"),
        "vpc_id": Ref(aws.vpc(vpc.name), "id"),
        "subnet_ids": _subnet_refs(vpc),
        "dns_support": vpc.transit_gateway.dns_support,
    }))
    link = {"route_table_id": Ref(aws.TGW_ROUTE_TABLE, "id"),
            "attachment_id": Ref(attachment, "id")}
    if vpc.transit_gateway.associate:
        graph.add(TGW_ASSOCIATION.resource(aws.tgw_association(vpc.name), dict(link)))
    if vpc.transit_gateway.propagate:
        graph.add(TGW_PROPAGATION.resource(aws.tgw_propagation(vpc.name), dict(link)))
    vpn = view.vpn
    if vpn is not None and vpn.name == vpc.name:
        # VPN clients send from their client range, which no attachment propagates.
        graph.add(TGW_ROUTE.resource(aws.tgw_route(VPN_CLIENTS), {
            **link, "destination_cidr": vpn.client_cidr}))
    table = Ref(aws.route_table(vpc.name), "id")
    gateway = Ref(aws.TRANSIT_GATEWAY, "id")
    for label, cidr in _route_destinations(view, vpc):  # one route per other location
        graph.add(ROUTE.resource(aws.route(vpc.name, label), {
            "route_table_id": table, "destination_cidr": cidr, "transit_gateway_id": gateway,
        }, (attachment,)))


def _route_destinations(view: TopologyView, vpc: Vpc) -> list[tuple[str, str]]:
    """(address label, CIDR) for each route: the spec's ``routes``, else every other location.

    The VPN client range is labelled ``vpn_clients``, apart from a VPC that may be named vpn.
    Derived destinations all lead to the Transit Gateway, so adjacent ones are merged
    (:mod:`privnet.resources.cidr_merge`): a merged block is labelled by its CIDR, one that
    merges with nothing keeps its location's name. Explicit ``routes`` stay as written.
    """
    wanted: list[tuple[str, str]] = []
    if vpc.routes is not None:
        for route in vpc.routes:
            cidr = location_cidr(view, route.destination, f"routes of {vpc.name}")
            if route.destination == VPN_LOCATION:
                label = VPN_CLIENTS
            elif route.destination in view.vpc_by_name:
                label = route.destination
            else:
                label = aws.cidr_label(cidr)
            wanted.append((label, cidr))
    else:
        wanted = [(p.vpc.name, p.vpc.cidr) for p in view.network_vpcs()
                  if p.vpc.name != vpc.name]
        vpn = view.vpn
        if vpn is not None and vpn.name != vpc.name:
            wanted.append((VPN_CLIENTS, vpn.client_cidr))
    own = _span(vpc.cidr)
    found: dict[str, str] = {}
    for label, cidr in wanted:
        network = _span(cidr)
        if own is not None and network is not None and \
                network[0] <= own[1] and own[0] <= network[1]:  # the ranges overlap
            if vpc.routes is None:
                continue
            if own[0] <= network[0] and network[1] <= own[1]:
                raise ValueError(f"routes of {vpc.name}: {cidr} is inside the VPC itself "
                                 f"({vpc.cidr}), which its local route already serves")
            # a supernet of the VPC (10.0.0.0/8 from 10.1.0.0/16): the local route is more
            # specific, so the VPC's own addresses stay local, as AWS routes them
        found.setdefault(label, cidr)
    if vpc.routes is None:
        found = _merged(found, parse_cidr(vpc.cidr))
    return sorted(found.items())


def _merged(destinations: dict[str, str], own: IPv4Network | None) -> dict[str, str]:
    """Derived destinations with adjacent CIDRs merged; ones without a CIDR kept as they are."""
    kept = {label: cidr for label, cidr in destinations.items() if parse_cidr(cidr) is None}
    parsed = [(label, network) for label, cidr in destinations.items()
              if (network := parse_cidr(cidr)) is not None]
    for label, block in merge_labelled(parsed, own):
        cidr = str(block)
        kept.setdefault(label if label is not None else aws.cidr_label(cidr), cidr)
    return kept


@functools.lru_cache(maxsize=65536)
def _span(cidr: str) -> tuple[int, int] | None:
    """First and last address of ``cidr`` as integers (None: no CIDR), compared once per
    pair of VPCs, so kept cheap."""
    network = parse_cidr(cidr)
    if network is None:
        return None
    return int(network.network_address), int(network.broadcast_address)


def _security_group(view: TopologyView, graph: ResourceGraph, vpc: Vpc) -> None:
    egress: list[dict[str, Any]] | None = None
    if vpc.security_group is not None:
        ingress, egress = explicit_rules(view, vpc, vpc.security_group)
    elif vpc.endpoint is not None:
        ingress = derived_endpoint_rules(view, vpc)
    else:
        ingress, egress = derived_pni_rules(vpc), []
    graph.add(SECURITY_GROUP.resource(aws.security_group(vpc.name), {
        "vpc_id": Ref(aws.vpc(vpc.name), "id"),
        "name": f"privnet-{view.topology.stack}-{vpc.name}"[:255],
        "description": f"privnet: Confluent traffic into VPC {vpc.name}",
        "ingress": ingress,
        "egress": egress,
    }))


def _endpoint(view: TopologyView, graph: ResourceGraph, vpc: Vpc) -> None:
    assert vpc.endpoint is not None
    name = vpc.endpoint.connectivity
    kind = view.connectivity_names.get(name)
    if kind == PLATT:
        service = Ref(confluent.platt(name), "vpc_endpoint_service_name")
    elif kind == INGRESS:
        service = Ref(confluent.ingress_gateway(name), "vpc_endpoint_service_name")
    else:
        what = "a PNI gateway (PNI uses network interfaces, not endpoints)" if kind else "unknown"
        raise ValueError(f"endpoint of VPC {vpc.name}: connectivity {name!r} is {what}")
    if not vpc.subnets:
        raise ValueError(f"endpoint of VPC {vpc.name}: the VPC lists no subnets")
    graph.add(VPC_ENDPOINT.resource(aws.vpc_endpoint(vpc.name), {
        "vpc_id": Ref(aws.vpc(vpc.name), "id"),
        "service_name": service,
        "subnet_ids": _subnet_refs(vpc),
        "security_group_ids": [Ref(aws.security_group(vpc.name), "id")],
        "private_dns_enabled": False,
    }))
