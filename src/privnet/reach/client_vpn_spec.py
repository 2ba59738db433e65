"""The topology's Client VPN endpoint, as plan mode expects it and as live mode finds it.

``hub.vpn_vpc.client_vpn`` declares the endpoint VPN clients connect to. Plan mode builds it
from the declaration (and its defaults); live mode finds the endpoint by id, else the one
associated with the VPN VPC. Either way the ``vpn`` location is tied to it by id, so verify
judges VPN clients by the endpoint's associations (the source-NAT addresses), routes and
authorization rules, never by the client range.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import replace

from privnet.facts.stand_in_address import stand_in_address
from privnet.reach.client_vpn import VPC_RESOLVER_OFFSET
from privnet.reach.snapshot import (
    ClientVpnAssociation,
    ClientVpnAuthorization,
    ClientVpnEndpoint,
    ClientVpnRoute,
    NetworkSnapshot,
    Subnet,
)
from privnet.topology.aws import VpnVpc
from privnet.topology.model import Topology
from privnet.topology.view import VPN_LOCATION, TopologyView

NO_ENDPOINT = "(none)"
"""The ``client_vpn_id`` of a VPN location whose endpoint was not found."""


def _destinations(view: TopologyView, names: list[str]) -> list[str]:
    """CIDRs and VPC names as CIDRs (unknown names are left out; ``validate`` reports them)."""
    found = []
    for name in names:
        placed = view.vpc_by_name.get(name)
        if placed is not None:
            found.append(placed.vpc.cidr)
            continue
        try:
            found.append(str(ipaddress.IPv4Network(name, strict=False)))
        except ValueError:
            continue
    return found


def default_destinations(view: TopologyView) -> list[str]:
    """The VPCs that hold Confluent endpoints (where clients' traffic must go)."""
    return [p.vpc.cidr for p in view.vpcs if p.vpc.endpoint is not None]


def declared_routes(view: TopologyView, vpn: VpnVpc) -> list[str]:
    declared = vpn.client_vpn.routes
    return (_destinations(view, declared) if declared is not None
            else default_destinations(view))


def declared_authorized(view: TopologyView, vpn: VpnVpc) -> list[str]:
    declared = vpn.client_vpn.authorized
    return (_destinations(view, declared) if declared is not None
            else declared_routes(view, vpn))


def vpc_resolver(cidr: str) -> str:
    """``10.254.0.0/24`` -> ``10.254.0.2``."""
    return str(ipaddress.IPv4Network(cidr, strict=False).network_address + VPC_RESOLVER_OFFSET)


def planned_endpoint(topology: Topology, vpc_id: str, subnets: tuple[Subnet, ...],
                     endpoint_id: str) -> ClientVpnEndpoint | None:
    """The endpoint as declared: associations get the subnet's stand-in address."""
    view = TopologyView(topology)
    vpn = view.vpn
    if vpn is None:
        return None
    wanted = vpn.client_vpn.associated_subnets
    associated = [s for s in subnets if s.vpc_id == vpc_id
                  and (wanted is None or s.az_id in wanted)]
    associations = tuple(ClientVpnAssociation(f"cvpn-assoc-{s.id}", s.id,
                                              stand_in_address(s.cidr))
                         for s in associated)
    # the association adds the route to its VPC's CIDR by itself
    routes = [ClientVpnRoute(vpn.cidr, s.id) for s in associated if vpn.cidr]
    routes += [ClientVpnRoute(cidr, s.id) for cidr in declared_routes(view, vpn)
               for s in associated if cidr != vpn.cidr]
    dns = vpn.client_vpn.dns_servers
    return ClientVpnEndpoint(
        id=vpn.client_vpn.id or endpoint_id, client_cidr=vpn.client_cidr, vpc_id=vpc_id,
        associations=associations, routes=tuple(routes),
        authorizations=tuple(ClientVpnAuthorization(cidr)
                             for cidr in declared_authorized(view, vpn)),
        dns_servers=(tuple(dns) if dns is not None
                     else (vpc_resolver(vpn.cidr),) if vpn.cidr else ()),
        name=vpn.name)


def with_client_vpn(snapshot: NetworkSnapshot, topology: Topology,
                    vpc_id_of: Callable[[str], str]) -> NetworkSnapshot:
    """Tie the ``vpn`` location to its endpoint: the declared id, else the endpoint associated
    with (or created in) the VPN VPC, else ``NO_ENDPOINT`` (verify says none was found)."""
    vpn = TopologyView(topology).vpn
    if vpn is None:
        return snapshot
    vpc_id = vpc_id_of(vpn.name)
    in_vpc = {s.id for s in snapshot.subnets if s.vpc_id == vpc_id}
    found = vpn.client_vpn.id or next(
        (e.id for e in sorted(snapshot.client_vpn_endpoints, key=lambda e: e.id)
         if e.vpc_id == vpc_id or any(a.subnet_id in in_vpc for a in e.associations)),
        NO_ENDPOINT)
    locations = tuple(replace(loc, client_vpn_id=found)
                      if loc.name == VPN_LOCATION and loc.cidr == vpn.client_cidr else loc
                      for loc in snapshot.locations)
    return replace(snapshot, locations=locations)
