"""Facts a topology file gives verify: Confluent clusters, client locations, expectations.

Cluster ids are unknown until Confluent creates the clusters, so a deterministic stand-in id is
used. That is sound for PrivateLink attachments: their records are wildcards, so any cluster id
under the same ``dns_domain`` takes the same path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace

from privnet.facts.confluent_dns import ACCESS_POINT_SUFFIX, privatelink_domain
from privnet.reach.client_vpn_spec import with_client_vpn
from privnet.reach.designs.pni import (
    pni_access_point_id,
    pni_access_points,
    pni_domain,
    pni_host,
)
from privnet.reach.designs.services import design_services
from privnet.reach.snapshot import ClientLocation, ClusterFacts, Expectation, NetworkSnapshot
from privnet.topology.aws import Vpc
from privnet.topology.confluent import Availability, Cluster
from privnet.topology.connectivity import (
    INGRESS,
    PLATT,
    PNI,
    cluster_connectivity,
    connectivity_by_name,
)
from privnet.topology.model import Topology
from privnet.topology.view import INTERNET_LOCATION, VPN_LOCATION, TopologyView


def stable_token(*parts: str, length: int = 17) -> str:
    """A deterministic lower-case hex token for fake ids in plan-mode snapshots."""
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:length]


platt_domain = privatelink_domain
"""The shared regional namespace of PrivateLink attachments for serverless clusters."""


def hub_vpc_for(topology: Topology, connectivity: str) -> Vpc | None:
    """The VPC whose endpoint the records for ``connectivity`` point at."""
    view = TopologyView(topology)
    with_endpoint = [p.vpc for p in view.vpcs
                     if p.vpc.endpoint is not None and p.vpc.endpoint.connectivity == connectivity]
    hub = topology.aws.dns.hub_endpoint
    chosen = next((v for v in with_endpoint if v.name == hub), None)
    return chosen or (with_endpoint[0] if with_endpoint else None)


def access_point_domain(stack: str, access_point: str, region: str) -> str:
    """A stand-in for the unique domain Confluent gives an ingress access point."""
    return f"ap{stable_token(stack, access_point, length=6)}.{region}.aws{ACCESS_POINT_SUFFIX}"


def access_point_domains(topology: Topology, gateway_name: str,
                         vpc_id_of: Callable[[str], str]) -> tuple[tuple[str, str], ...]:
    """(VPC id, domain) of every access point of an ingress gateway."""
    placed = connectivity_by_name(topology).get(gateway_name)
    region = placed.region if placed is not None else topology.region
    return tuple(
        (vpc_id_of(point.vpc), access_point_domain(topology.stack, point.name, region))
        for gateway in topology.confluent.connectivity.ingress_gateways
        if gateway.name == gateway_name for point in gateway.access_points)


def cluster_facts(topology: Topology,
                  vpc_id_of: Callable[[str], str]) -> tuple[ClusterFacts, ...]:
    """Every cluster. PrivateLink attachment clusters get the shared regional domain; ingress
    clusters one domain per access point VPC; others none (reported as not modelled)."""
    placed = connectivity_by_name(topology)
    facts = []
    for cluster in topology.confluent.clusters:
        cluster_id = cluster.id or "lkc-" + stable_token(topology.stack, cluster.name, length=6)
        name = cluster_connectivity(topology, cluster)
        conn = placed.get(name) if name else None
        domain = ""
        zones: tuple[str, ...] = ()
        domains: tuple[tuple[str, str], ...] = ()
        points: tuple[tuple[str, str], ...] = ()
        if conn is not None and conn.kind == PLATT:
            domain = platt_domain(conn.region)
            zones = _zones(topology, cluster, name)
        elif conn is not None and conn.kind == INGRESS:
            domains = access_point_domains(topology, conn.name, vpc_id_of)
            domain = domains[0][1] if domains else ""
        host = f"{cluster_id}.{domain}" if domain else cluster_id
        if conn is not None and conn.kind == PNI:
            points = pni_access_points(topology, conn.name, vpc_id_of)
            domain = pni_domain(conn.region)
            host = pni_host(cluster_id, pni_access_point_id(topology.stack, points),
                            conn.region)
        facts.append(ClusterFacts(cluster_id, cluster.name, host, host,
                                  cluster.access.value == "private", domain, zones, domains,
                                  points))
    return tuple(facts)


UNKNOWN_AZ = "unknown-az-in-"
"""Prefix of the stand-in AZ of a cluster whose endpoint VPC lists no subnets in the file: its
broker question is answered INSUFFICIENT_INFO naming that VPC, not silently dropped (with
``--source aws`` the live endpoint's AZs replace it)."""


def _zones(topology: Topology, cluster: Cluster, connectivity: str | None) -> tuple[str, ...]:
    hub = hub_vpc_for(topology, connectivity) if connectivity else None
    az_ids = sorted({s.az_id for s in hub.subnets}) if hub is not None else []
    if hub is not None and not az_ids:
        return (f"{UNKNOWN_AZ}{hub.name}",)
    count = 3 if cluster.availability is Availability.HIGH else 1
    return tuple(az_ids[:count])


def client_locations(topology: Topology,
                     vpc_id_of: Callable[[str], str]) -> tuple[ClientLocation, ...]:
    """VPCs needing Confluent, VPN clients (named ``vpn``, entering through the VPN VPC, which
    is not a location of its own) and the runner when it is not one of those (``internet``
    when the file says it runs outside every VPC; none when the file does not say).
    ``vpc_id_of`` maps a VPC name to its id ('' when unknown)."""
    view = TopologyView(topology)
    found = [ClientLocation(p.vpc.name, p.vpc.cidr, vpc_id_of(p.vpc.name))
             for p in view.vpcs if p.vpc.needs_confluent and p.role != "vpn"]
    vpn = view.vpn
    if vpn is not None:
        found.append(ClientLocation(VPN_LOCATION, vpn.client_cidr, vpc_id_of(vpn.name)))
    runner = topology.runner.location
    if runner == INTERNET_LOCATION and not runner_declared(topology):
        return tuple(found)  # where privnet runs is unsaid: no runner location is checked
    if runner == INTERNET_LOCATION:
        found.append(ClientLocation(INTERNET_LOCATION, "0.0.0.0/0", ""))
    elif runner not in {loc.name for loc in found} and runner in view.vpc_by_name:
        vpc = view.vpc_by_name[runner].vpc
        found.append(ClientLocation(runner, vpc.cidr, vpc_id_of(runner)))
    return tuple(found)


def runner_declared(topology: Topology) -> bool:
    """``runner.location`` is written in the file (its ``internet`` default is the engine's
    assumption for its own calls, not a client location anyone asked verify about)."""
    return "runner" in topology.model_fields_set and (
        "location" in topology.runner.model_fields_set)


def expectations(topology: Topology) -> tuple[Expectation, ...]:
    return tuple(Expectation(e.source, e.to, e.reachable) for e in topology.verify.expect)


def with_topology(snapshot: NetworkSnapshot, topology: Topology) -> NetworkSnapshot:
    """Add the topology's clusters, locations and expectations to a described network.

    A topology VPC is found by its ``id`` when given, else by name (privnet's address tag or
    the Name tag, preferring VPCs tagged for this stack); a VPC that is not found gives
    locations that verify reports as unknown.
    """
    # other stacks in the account may use the same names: this stack's VPCs win
    ranked = sorted((v for v in snapshot.vpcs if v.name), key=lambda v: v.stack == topology.stack)
    by_name = {v.name: v.id for v in ranked}
    view = TopologyView(topology)

    def vpc_id_of(name: str) -> str:
        placed = view.vpc_by_name.get(name)
        if placed is not None and placed.vpc.id:
            return placed.vpc.id
        return by_name.get(name, by_name.get(f"{topology.stack}-{name}", f"<{name} not found>"))

    from privnet.reach.live_truth import with_live_truth

    clusters = tuple(_live_domains(c, snapshot) for c in cluster_facts(topology, vpc_id_of))
    live = {v.id for v in snapshot.vpcs}
    absent = tuple((p.vpc.id, view.region_of(p.vpc.region)) for p in view.vpcs
                   if p.vpc.id and p.vpc.id not in live)
    located = replace(snapshot, clusters=clusters, services=design_services(topology),
                      locations=client_locations(topology, vpc_id_of),
                      expectations=expectations(topology), absent_vpcs=absent)
    return with_client_vpn(with_live_truth(located, topology, vpc_id_of), topology, vpc_id_of)


def _live_domains(cluster: ClusterFacts, snapshot: NetworkSnapshot) -> ClusterFacts:
    """Access point domains are unique and only Confluent knows them: take the access point
    zone found on each VPC instead of the stand-in (kept when none is found)."""
    if not cluster.domains:
        return cluster
    found = []
    for vpc_id, domain in cluster.domains:
        zone = next((z.name.rstrip(".") for z in snapshot.hosted_zones
                     if vpc_id in z.vpc_ids and z.name.rstrip(".").endswith(ACCESS_POINT_SUFFIX)),
                    domain)
        found.append((vpc_id, zone))
    host = f"{cluster.id}.{found[0][1]}"
    return replace(cluster, dns_domain=found[0][1], domains=tuple(found), bootstrap=host,
                   rest=host)
