"""Which objects a data-plane resource waits for: those on the runner's way to the cluster.

privnet creates topics, ACLs and keys through the cluster's private endpoint from where it
runs, so each of them waits until the runner's DNS and network path is built. Only the VPCs
that path crosses matter: the runner's own (the VPN VPC for a VPN runner), the VPCs holding
a Confluent endpoint and the DNS VPC. Waiting for every VPC's routes and associations as
well made the dependency edges grow with VPCs x clusters (1.6 million at 300 VPCs and 30
clusters, 16 s of planning spent ordering them).
"""

from __future__ import annotations

from privnet.resources.kinds import traits_of
from privnet.resources.kinds.aws_network import VPC
from privnet.resources.model import Ref, Resource, ResourceGraph
from privnet.topology.model import Topology
from privnet.topology.view import VPN_LOCATION, TopologyView

VIA = ("route_table_id", "attachment_id")
"""Properties that lead from a route or a Transit Gateway link to the object in a VPC."""


def path_vpcs(topology: Topology) -> frozenset[str] | None:
    """Names of the VPCs the runner's traffic to a cluster crosses; None when the runner is
    not in a VPC of the stack (every path object is then kept as a gate)."""
    view = TopologyView(topology)
    location = topology.runner.location
    if location == VPN_LOCATION and view.vpn is not None:
        own = view.vpn.name
    elif location in view.vpc_by_name:
        own = location
    else:
        return None
    crossed = {p.vpc.name for p in view.vpcs if p.vpc.endpoint is not None or p.role == "dns"}
    return frozenset({own, *crossed})


def vpc_of(graph: ResourceGraph, resource: Resource) -> str | None:
    """The stack VPC a path object belongs to (through its route table or attachment), or
    None when it names none (records, gateway routes, a VPC given by id)."""
    for candidate in (resource, *_via(graph, resource)):
        vpc = candidate.properties.get("vpc_id")
        if isinstance(vpc, Ref) and VPC.has(vpc.address):
            return vpc.address[len(VPC.name) + 1:]
    return None


def _via(graph: ResourceGraph, resource: Resource) -> list[Resource]:
    return [graph.resources[ref.address] for name in VIA
            if isinstance(ref := resource.properties.get(name), Ref)
            and ref.address in graph.resources]


def runner_gates(graph: ResourceGraph, topology: Topology | None) -> tuple[str, ...]:
    """The path objects every data-plane resource waits for, in address order."""
    crossed = path_vpcs(topology) if topology is not None else None
    gates = []
    for address in sorted(graph.resources):
        resource = graph.resources[address]
        if not traits_of(resource.kind).runner_path:
            continue
        vpc = vpc_of(graph, resource) if crossed is not None else None
        if vpc is None or crossed is None or vpc in crossed:
            gates.append(address)
    return tuple(gates)
