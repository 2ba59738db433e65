"""With ``--source aws`` the account, not the file, says what a matched VPC is.

A topology written for an existing network is often copied from an example: a wrong CIDR would
then become the source range verify checks filters against (DENIED_IN with no hint), and the
example's subnets would give the brokers AZs the endpoint does not serve (RESOLVES_ELSEWHERE).
So for every topology VPC found in the account, its CIDR comes from the account, the broker AZs
come from the live endpoint that serves the cluster, and a note says where the file differs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from privnet.reach.snapshot import ClientLocation, ClusterFacts, NetworkSnapshot, Vpc
from privnet.reach.spec_facts import UNKNOWN_AZ, hub_vpc_for
from privnet.topology.confluent import Availability
from privnet.topology.connectivity import PLATT, cluster_connectivity, connectivity_by_name
from privnet.topology.model import Topology
from privnet.topology.view import VPN_LOCATION, TopologyView


def with_live_truth(snapshot: NetworkSnapshot, topology: Topology,
                    vpc_id_of: Callable[[str], str]) -> NetworkSnapshot:
    """``snapshot`` (already carrying the topology's locations and clusters) with each matched
    VPC's live CIDR as its location's source range and live broker AZs, plus notes."""
    live = {v.id: v for v in snapshot.vpcs}
    notes: list[str] = []
    view = TopologyView(topology)
    for placed in view.vpcs:
        vpc = live.get(vpc_id_of(placed.vpc.name))
        if vpc is not None:
            notes.extend(_differences(placed.vpc.name, placed.vpc.cidr,
                                      [(s.id, s.cidr, s.az_id) for s in placed.vpc.subnets],
                                      vpc, snapshot))
    locations = tuple(_live_location(loc, live) for loc in snapshot.locations)
    clusters = []
    for cluster in snapshot.clusters:
        fresh, note = _live_zones(cluster, snapshot, topology, vpc_id_of)
        clusters.append(fresh)
        notes.extend([note] if note else [])
    return replace(snapshot, locations=locations, clusters=tuple(clusters),
                   notes=(*snapshot.notes, *notes))


def _live_location(location: ClientLocation, live: dict[str, Vpc]) -> ClientLocation:
    """A VPC location sends from its live primary CIDR (VPN clients keep the client range)."""
    vpc = live.get(location.vpc_id)
    if vpc is None or location.name == VPN_LOCATION or not vpc.cidrs:
        return location
    if location.cidr in vpc.cidrs:
        return location
    return replace(location, cidr=vpc.cidrs[0])


def _differences(name: str, cidr: str | None, subnets: list[tuple[str | None, str, str]],
                 vpc: Vpc, snapshot: NetworkSnapshot) -> list[str]:
    label = f"VPC {name} ({vpc.id})"
    notes = []
    if cidr and cidr not in vpc.cidrs:
        notes.append(f"{label}: the file says cidr {cidr}, the account has "
                     f"{', '.join(vpc.cidrs)}; verify uses the account's")
    live_subnets = [s for s in snapshot.subnets if s.vpc_id == vpc.id]
    by_id = {s.id: s for s in live_subnets}
    by_cidr = {s.cidr: s for s in live_subnets}
    for subnet_id, subnet_cidr, az_id in subnets:
        found = by_id.get(subnet_id or "") or by_cidr.get(subnet_cidr)
        if found is None:
            notes.append(f"{label}: subnet {subnet_id or subnet_cidr} of the file is not in "
                         "the account; verify uses the live subnets "
                         f"({', '.join(s.cidr for s in live_subnets) or 'none'})")
        elif found.az_id != az_id or found.cidr != subnet_cidr:
            notes.append(f"{label}: subnet {found.id} is {found.cidr} in {found.az_id}, the "
                         f"file says {subnet_cidr} in {az_id}; verify uses the account's")
    return notes


def _live_zones(cluster: ClusterFacts, snapshot: NetworkSnapshot, topology: Topology,
                vpc_id_of: Callable[[str], str]) -> tuple[ClusterFacts, str]:
    """Broker AZs from the live interface endpoint that serves the cluster: the AZ IDs of
    its network interfaces' subnets (the file's subnets may be an example's)."""
    spec = next((c for c in topology.confluent.clusters if c.name == cluster.name), None)
    name = cluster_connectivity(topology, spec) if spec is not None else None
    conn = connectivity_by_name(topology).get(name) if name else None
    if spec is None or conn is None or conn.kind != PLATT:
        return cluster, ""
    hub = hub_vpc_for(topology, conn.name)
    hub_id = vpc_id_of(hub.name) if hub is not None else ""
    subnets = {s.id: s for s in snapshot.subnets}
    endpoints = [e for e in snapshot.endpoints if e.vpc_id == hub_id and e.enis]
    az_ids = sorted({subnets[eni.subnet_id].az_id for e in endpoints for eni in e.enis
                     if eni.subnet_id in subnets and subnets[eni.subnet_id].az_id})
    if not az_ids:
        return cluster, ""
    count = 3 if spec.availability is Availability.HIGH else 1
    zones = tuple(az_ids[:count])
    if zones == cluster.zones:
        return cluster, ""
    served = ", ".join(e.id for e in endpoints)
    said = ", ".join(z for z in cluster.zones if not z.startswith(UNKNOWN_AZ)) or "none"
    note = (f"cluster {cluster.name}: broker AZs {', '.join(zones)} from the live endpoint "
            f"{served} in {hub.name if hub else hub_id} (the file's subnets give {said})")
    if len(zones) < count:
        note += (f"; a multi-zone cluster has brokers in {count} AZs, the endpoint serves "
                 f"{len(zones)}")
    return replace(cluster, zones=zones), note

