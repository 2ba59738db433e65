"""Which drawn elements a failing trace points at, so the report's diagram can mark them.

A trace names cloud ids (``rtb-...``, ``sg-...``, ``tgw-attach-...``); the diagram is keyed by
privnet addresses. The snapshot that produced the traces links the two: every id it holds is
looked up in the words of the culprit (and, failing that, of the last step), and mapped to
the node or edge that draws it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from privnet.reach.snapshot import NetworkSnapshot
from privnet.render.diagram_model import Diagram
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.topology.model import Topology
from privnet.topology.view import VPN_LOCATION, TopologyView

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")


@dataclass
class Highlight:
    """Node addresses and edge resource addresses to mark: ``culprits`` red and filled,
    ``ends`` (the failing pairs' locations and clusters) with a red outline."""

    culprits: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    edges: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.culprits or self.ends or self.edges)


def vpc_names(topology: Topology, snapshot: NetworkSnapshot) -> dict[str, str]:
    """Snapshot VPC id -> topology VPC name (by declared id, location, name or stack name)."""
    view = TopologyView(topology)
    by_id: dict[str, str] = {}
    for placed in view.vpcs:
        name = placed.vpc.name
        for vpc in snapshot.vpcs:
            if vpc.id == placed.vpc.id or vpc.name in (name, f"{topology.stack}-{name}"):
                by_id.setdefault(vpc.id, name)
    for location in snapshot.locations:
        if location.vpc_id and location.name in view.vpc_by_name:
            by_id.setdefault(location.vpc_id, location.name)
    return by_id


def id_addresses(topology: Topology, snapshot: NetworkSnapshot,
                 diagram: Diagram) -> dict[str, tuple[str, ...]]:
    """Every id the snapshot holds -> the diagram node or edge addresses drawing it."""
    names = vpc_names(topology, snapshot)
    index: dict[str, list[str]] = {}

    def add(resource_id: str, *addresses: str) -> None:
        index.setdefault(resource_id, []).extend(addresses)

    def vpc_node(vpc_id: str) -> tuple[str, ...]:
        return (aws.vpc(names[vpc_id]),) if vpc_id in names else ()

    subnet_vpc = {s.id: s.vpc_id for s in snapshot.subnets}
    for vpc_id, name in names.items():
        add(vpc_id, aws.vpc(name))
    for subnet in snapshot.subnets:
        if subnet.vpc_id in names:
            add(subnet.id, aws.subnet(names[subnet.vpc_id], subnet.az_id))
    for table in snapshot.route_tables:
        add(table.id, *vpc_node(table.vpc_id))
    for gateway in snapshot.transit_gateways:
        add(gateway.id, aws.TRANSIT_GATEWAY)
    for tgw_table in snapshot.tgw_route_tables:
        add(tgw_table.id, aws.TGW_ROUTE_TABLE)
    for attachment in snapshot.tgw_attachments:
        if attachment.vpc_id in names:
            add(attachment.id, aws.tgw_attachment(names[attachment.vpc_id]))
    endpoint_groups: dict[str, str] = {}
    for endpoint in snapshot.endpoints:
        if endpoint.vpc_id in names:
            drawn_as = aws.vpc_endpoint(names[endpoint.vpc_id])
            add(endpoint.id, drawn_as)
            endpoint_groups.update(dict.fromkeys(endpoint.security_group_ids, drawn_as))
    for group in snapshot.security_groups:
        add(group.id, *([endpoint_groups[group.id]] if group.id in endpoint_groups
                        else vpc_node(group.vpc_id)))
    for acl in snapshot.nacls:
        subnets = [s for s in snapshot.subnets if s.id in acl.subnet_ids]
        add(acl.id, *(aws.subnet(names[s.vpc_id], s.az_id) for s in subnets
                      if s.vpc_id in names))
    for zone in snapshot.hosted_zones:
        add(zone.id, *_zone_nodes(diagram, zone.vpc_ids, names))
    for rule in snapshot.resolver_rules:
        add(rule.id, aws.RESOLVER_RULE)
    for vpn in snapshot.client_vpn_endpoints:
        add(vpn.id, *vpc_node(vpn.vpc_id))
        for association in vpn.associations:
            add(association.id, *vpc_node(subnet_vpc.get(association.subnet_id, "")))
    drawn = set(diagram.nodes) | {a for e in diagram.edges for a in e.addresses}
    return {key: tuple(a for a in dict.fromkeys(found) if a in drawn)
            for key, found in index.items() if any(a in drawn for a in found)}


def _zone_nodes(diagram: Diagram, vpc_ids: Iterable[str],
                names: Mapping[str, str]) -> tuple[str, ...]:
    per_vpc = tuple(aws.per_vpc_zone(names[v]) for v in vpc_ids
                    if v in names and aws.per_vpc_zone(names[v]) in diagram.nodes)
    return per_vpc or (aws.CENTRAL_ZONE,)


def highlight(traces: Sequence[Mapping[str, Any]], topology: Topology,
              snapshot: NetworkSnapshot, diagram: Diagram) -> Highlight:
    """What to mark for the failing traces (dicts as ``verify --format json`` prints them)."""
    index = id_addresses(topology, snapshot, diagram)
    locations = {loc.name: loc for loc in snapshot.locations}
    names = vpc_names(topology, snapshot)
    edge_addresses = {a for e in diagram.edges for a in e.addresses}
    view = TopologyView(topology)
    marked = Highlight()
    for trace in traces:
        found = _mentioned(str(trace.get("culprit", "")), index)
        if not found:
            hops = trace.get("hops") or [{}]
            steps = hops[-1].get("steps") or [{}]
            found = _mentioned(str(steps[-1].get("subject", "")), index)
        for address in found:
            (marked.edges if address in edge_addresses else marked.culprits).add(address)
        source = str(trace.get("source", ""))
        location = locations.get(source)
        if location is not None and location.vpc_id in names:
            marked.ends.add(aws.vpc(names[location.vpc_id]))
        elif source == VPN_LOCATION and view.vpn is not None:
            marked.ends.add(aws.vpc(view.vpn.name))
        marked.ends.add(cc.cluster(str(trace.get("cluster", ""))))
    marked.ends = {a for a in marked.ends - marked.culprits if a in diagram.nodes}
    return marked


def _mentioned(text: str, index: Mapping[str, tuple[str, ...]]) -> list[str]:
    found: list[str] = []
    for word in _WORD.findall(text):
        for candidate in (word, word.rstrip(".:,;)/")):
            found.extend(index.get(candidate, ()))
    return list(dict.fromkeys(found))
