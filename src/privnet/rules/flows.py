"""Who must reach whom: the traffic a topology implies, derived once for the network rules.

Routing, security-group and runner rules all ask the same question ("which client locations
send traffic to which VPC, and does it cross the Transit Gateway?"). Answering it here keeps
those rules consistent with each other and with privnet's defaults.

- Confluent traffic (tcp 443 and 9092): with the centralized DNS strategy every client resolves
  PrivateLink attachment names to the hub endpoint, so every client location talks to the hub
  endpoint VPC; with ``per_vpc``, and for ingress access points (whose zones serve only their
  own VPC), a VPC talks to its own endpoint.
- DNS traffic (53): the Route 53 inbound resolver in the DNS hub VPC answers clients that
  forward to it (VPN clients, resolvers elsewhere); like the reference architecture, every
  client location is given a path to it.

Whether a VPC *routes* somewhere is read from the planned network that plan-mode verify reads
too (the compiled resource graph, through :mod:`privnet.reach.graph_snapshot`), so a rule
never accepts a route apply will not write: a VPC given by id gets no routes from privnet.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum
from weakref import WeakKeyDictionary

from privnet.errors import PrivnetError
from privnet.rules.confluent_domains import INGRESS_KIND, PLATT_KIND
from privnet.rules.references import reference_network
from privnet.topology.aws import DnsStrategy
from privnet.topology.view import VPN_LOCATION, PlacedVpc, TopologyView, parse_cidr


@dataclass(frozen=True)
class Location:
    """A client location; ``carrier`` is the VPC whose route tables and attachment carry it."""

    key: str
    label: str
    network: ipaddress.IPv4Network | None
    carrier: PlacedVpc


class Purpose(StrEnum):
    """Why a client must reach a VPC."""

    CONFLUENT = "Confluent endpoint"
    DNS = "DNS resolver"


@dataclass(frozen=True)
class Flow:
    """Traffic from a client location to a server VPC."""

    client: Location
    server: PlacedVpc
    purpose: Purpose

    @property
    def crosses_hub(self) -> bool:
        """Traffic between two VPCs goes through the Transit Gateway; inside one VPC it does not."""
        return self.client.carrier.vpc.name != self.server.vpc.name


def client_locations(view: TopologyView) -> list[Location]:
    """VPCs needing Confluent, and the VPN client range (carried by the VPN VPC)."""
    locations = [
        Location(p.vpc.name, f"clients in {p.vpc.name}", parse_cidr(p.vpc.cidr), p)
        for p in view.vpcs
        if p.vpc.needs_confluent
    ]
    vpn = view.vpn
    if vpn is not None:
        carrier = view.vpc_by_name[vpn.name]
        network = parse_cidr(vpn.client_cidr)
        locations.append(Location(VPN_LOCATION, "VPN clients", network, carrier))
    return locations


def endpoint_vpcs(view: TopologyView) -> list[PlacedVpc]:
    """VPCs with an interface endpoint to a PLATT or ingress gateway of the stack.

    An endpoint naming a PNI gateway or nothing known is a mistake other rules report; it
    carries no Confluent traffic, so it takes no part in the flows.
    """
    return [p for p in view.vpcs if _endpoint_kind(view, p) in (PLATT_KIND, INGRESS_KIND)]


def hub_endpoint_vpc(view: TopologyView) -> PlacedVpc | None:
    """The VPC whose endpoint the centralized records point at.

    ``dns.hub_endpoint`` when it names a VPC with a PLATT endpoint; unset, the first VPC with an
    endpoint to a PrivateLink attachment (hub VPCs first, then ``aws.vpcs`` in file order).
    """
    name = view.topology.aws.dns.hub_endpoint
    if name is not None:
        placed = view.vpc_by_name.get(name)
        if placed is None or _endpoint_kind(view, placed) != PLATT_KIND:
            return None  # reported by the DNS rules; guessing another hub would mislead
        return placed
    candidates = [p for p in endpoint_vpcs(view) if _endpoint_kind(view, p) == PLATT_KIND]
    return candidates[0] if candidates else None


def required_flows(view: TopologyView) -> list[Flow]:
    """Every flow the topology needs to work; none when no VPC has a Confluent endpoint."""
    if not endpoint_vpcs(view):
        return []
    flows: list[Flow] = []
    centralized = view.topology.aws.dns.strategy is DnsStrategy.CENTRALIZED
    hub = hub_endpoint_vpc(view) if centralized else None
    dns_vpc = view.topology.aws.hub.dns_vpc
    dns_placed = view.vpc_by_name.get(dns_vpc.name) if dns_vpc is not None else None
    for location in client_locations(view):
        for server in _endpoint_servers(view, location, hub):
            flows.append(Flow(location, server, Purpose.CONFLUENT))
        if dns_placed is not None and location.carrier.vpc.name != dns_placed.vpc.name:
            flows.append(Flow(location, dns_placed, Purpose.DNS))
    return flows


def _endpoint_servers(
    view: TopologyView, location: Location, hub: PlacedVpc | None
) -> list[PlacedVpc]:
    """The centralized hub (if any), plus the location's own endpoint when its zone is local."""
    servers = [hub] if hub is not None else []
    own = location.carrier
    kind = _endpoint_kind(view, own)
    own_is_local = kind == INGRESS_KIND or (kind == PLATT_KIND and hub is None)
    if own_is_local and own not in servers:
        servers.append(own)
    return servers


def _endpoint_kind(view: TopologyView, placed: PlacedVpc) -> str | None:
    endpoint = placed.vpc.endpoint
    return view.connectivity_names.get(endpoint.connectivity) if endpoint is not None else None


@dataclass(frozen=True)
class PlannedRoutes:
    """What apply writes: route destinations per VPC name with a privnet route table, and the
    VPCs given by id (adopted), whose routes privnet never writes."""

    by_vpc: dict[str, tuple[ipaddress.IPv4Network, ...]]
    adopted: frozenset[str]


_PLANNED: WeakKeyDictionary[TopologyView, PlannedRoutes | None] = WeakKeyDictionary()


def planned_routes(view: TopologyView) -> PlannedRoutes | None:
    """The routes of the planned network; None when the topology does not compile (the
    compile error is what gets reported then)."""
    if view not in _PLANNED:
        _PLANNED[view] = _plan(view)
    return _PLANNED[view]


def _plan(view: TopologyView) -> PlannedRoutes | None:
    """Route destinations per VPC, read from the compiled graph's routes (the same route
    resources apply creates, and the plan-mode snapshot shows): each route's table names its
    VPC. Read straight from the graph rather than through the whole snapshot, which a large
    topology would build for nothing."""
    from privnet.resources.aws_addresses import route_table
    from privnet.resources.compile import planned_resources
    from privnet.resources.kinds.aws_network import ROUTE
    from privnet.resources.model import Ref

    try:
        graph = planned_resources(view.topology)
    except (PrivnetError, ValueError, KeyError):
        return None
    vpc_of_table = {route_table(p.vpc.name): p.vpc.name for p in view.vpcs if p.vpc.id is None}
    routed: dict[str, list[ipaddress.IPv4Network]] = {name: [] for name in (
        vpc_of_table[a] for a, r in graph.resources.items() if a in vpc_of_table)}
    for resource in graph.resources.values():
        if resource.kind != ROUTE.name:
            continue
        table = resource.properties.get("route_table_id")
        name = vpc_of_table.get(table.address) if isinstance(table, Ref) else None
        network = parse_cidr(str(resource.properties.get("destination_cidr", "")))
        if name is not None and network is not None:
            routed.setdefault(name, []).append(network)
    adopted = frozenset(p.vpc.name for p in view.vpcs if p.vpc.id)
    return PlannedRoutes({k: tuple(v) for k, v in routed.items()}, adopted)


def routes_to(
    view: TopologyView, vpc: PlacedVpc, network: ipaddress.IPv4Network | None
) -> bool:
    """Whether ``vpc``'s route tables, as apply writes them, send ``network`` somewhere useful.

    Its own range is always local; a VPC given by id gets no route from privnet; an
    unparsable destination cannot be judged here (an addressing rule reports it). A VPC
    without a privnet route table (no subnets) or a topology that does not compile is judged
    by its ``routes`` (omitted: privnet routes to every location).
    """
    if network is None:
        return True
    own = parse_cidr(vpc.vpc.cidr)
    if own is not None and network.subnet_of(own):
        return True
    plan = planned_routes(view)
    if plan is not None and vpc.vpc.name in plan.adopted:
        return False
    if plan is not None and vpc.vpc.name in plan.by_vpc:
        return any(network.subnet_of(d) for d in plan.by_vpc[vpc.vpc.name])
    if vpc.vpc.routes is None:
        return True
    for route in vpc.vpc.routes:
        destination = reference_network(view, route.destination)
        if destination is not None and network.subnet_of(destination):
            return True
    return False


def reaches_server(view: TopologyView, flow: Flow) -> bool:
    """The client's side routes towards the server (always true inside one VPC)."""
    if not flow.crosses_hub:
        return True
    return routes_to(view, flow.client.carrier, parse_cidr(flow.server.vpc.cidr))
