"""What ``privnet discover`` finds in a live account: the part of the network Confluent uses.

Works on a described :class:`NetworkSnapshot` (the same describe calls ``verify --source aws``
makes), so discovery and verification cannot read the account differently. The Confluent part
of a network is found from the account alone: interface endpoints to PrivateLink endpoint
services that Confluent's private zones point at, the VPCs those zones are associated with,
and every VPC attached to a Transit Gateway one of those VPCs is attached to.
Objects built without tags or names (Terraform, the console) are named by their ids.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from privnet.facts.confluent_dns import ACCESS_POINT_PARENT, PRIVATELINK_PARENT
from privnet.reach.snapshot import (
    ClientVpnEndpoint,
    HostedZone,
    InterfaceEndpoint,
    NetworkSnapshot,
    ResolverRule,
    Subnet,
    TgwRouteTable,
)

PRIVATELINK_SERVICE = re.compile(r"^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+$")
"""A PrivateLink endpoint service (a provider's, such as Confluent's), not an AWS service."""
HIGH_AVAILABILITY_ZONES = 3
"""Without Confluent's answer a cluster is taken as multi-zone when its endpoint spans 3 AZs."""
_NOT_A_NAME = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class FoundSubnet:
    id: str
    cidr: str
    az_id: str


@dataclass(frozen=True)
class FoundVpc:
    """A VPC of the Confluent network; ``endpoint`` names its Confluent attachment, if any."""

    id: str
    name: str
    cidr: str
    subnets: tuple[FoundSubnet, ...]
    endpoint: str = ""
    client_vpn_cidr: str = ""
    client_vpn_id: str = ""


@dataclass(frozen=True)
class FoundCluster:
    name: str
    connectivity: str
    high_availability: bool = True
    id: str = ""
    bootstrap: str = ""


@dataclass(frozen=True)
class FoundAttachment:
    """A Confluent PrivateLink attachment, as its endpoint service shows it."""

    name: str
    service_name: str
    region: str
    id: str = ""
    kind: str = "platt"
    """``platt`` (a PrivateLink attachment), ``ingress`` or ``pni`` (gateways)."""
    access_points: tuple[tuple[str, str, str], ...] = ()
    """Of a gateway: (access point name, VPC name, endpoint id or, for PNI, first ENI id)."""
    zones: tuple[str, ...] = ()
    """Of a PNI gateway: the AZ IDs its interfaces are in."""
    interfaces: tuple[tuple[str, ...], ...] = ()
    """Of a PNI gateway: each access point's interface ids (as ``access_points``)."""


@dataclass(frozen=True)
class FoundZone:
    id: str
    name: str
    vpcs: tuple[str, ...]


@dataclass(frozen=True)
class FoundRule:
    """A Resolver rule for a Confluent domain or a parent of it, and the VPCs it serves."""

    id: str
    type: str
    domain: str
    target_ips: tuple[str, ...]
    vpcs: tuple[str, ...]


@dataclass(frozen=True)
class DiscoveredNetwork:
    """Everything a topology file needs to describe the live network to verify."""

    region: str
    vpcs: tuple[FoundVpc, ...] = ()
    transit_gateway: str = ""
    tgw_route_table: str = ""
    attachments: tuple[FoundAttachment, ...] = ()
    clusters: tuple[FoundCluster, ...] = ()
    environment: str = "discovered"
    environment_id: str = ""
    hub_endpoint: str = ""
    zones: tuple[FoundZone, ...] = ()
    rules: tuple[FoundRule, ...] = ()
    tgw_tables: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()
    """The hub gateway's route tables: (id, associated VPCs, propagating VPCs)."""
    compute_pools: tuple[tuple[str, int], ...] = ()
    """Flink compute pools (name, max CFU) of an environment whose Flink is private."""
    notes: tuple[str, ...] = field(default=())


def is_confluent_zone(zone: HostedZone) -> bool:
    name = zone.name.rstrip(".")
    return any(name == p or name.endswith("." + p)
               for p in (PRIVATELINK_PARENT, ACCESS_POINT_PARENT))


def local_name(label: str, fallback: str) -> str:
    """A Name tag made into a topology name (lower case, ``[a-z0-9_-]``), else the id."""
    cleaned = _NOT_A_NAME.sub("-", label.lower()).strip("-_")[:63]
    if not cleaned or not cleaned[0].isalpha():
        return fallback
    return cleaned


def confluent_endpoints(snapshot: NetworkSnapshot,
                        services: Iterable[str] = ()) -> tuple[InterfaceEndpoint, ...]:
    """Interface endpoints to Confluent: to a service Confluent named (``services``, from its
    API), else to a PrivateLink service a Confluent private zone points at an endpoint of;
    with neither,
    every PrivateLink (non-AWS) service endpoint, since an unconnected zone is a fault to show,
    not a reason to hide the endpoint."""
    known = set(services)
    candidates = [e for e in snapshot.endpoints if PRIVATELINK_SERVICE.match(e.service_name)]
    if known:
        return tuple(e for e in candidates if e.service_name in known)
    targets = _record_targets(snapshot)
    # every endpoint to a service the zones use: a second VPC's endpoint the records do not
    # name (a centralized zone names one) is still Confluent's
    services = {e.service_name for e in candidates
                if any(d.name in targets for d in e.dns_entries)}
    pointed = [e for e in candidates if e.service_name in services]
    return tuple(pointed or candidates)


def _within(cidr: str, outer: str) -> bool:
    try:
        inner, whole = ipaddress.IPv4Network(cidr), ipaddress.IPv4Network(outer)
    except ValueError:
        return False
    return inner.subnet_of(whole)


def _record_targets(snapshot: NetworkSnapshot) -> set[str]:
    """Every name the records of Confluent's private zones point at."""
    return {v.lower().rstrip(".") for z in snapshot.hosted_zones if is_confluent_zone(z)
            for r in z.records for v in r.values}


def _relevant_vpc_ids(snapshot: NetworkSnapshot, endpoints: tuple[InterfaceEndpoint, ...],
                      client_vpns: tuple[ClientVpnEndpoint, ...]) -> tuple[set[str], str]:
    seeds = {e.vpc_id for e in endpoints}
    seeds |= {v for z in snapshot.hosted_zones if is_confluent_zone(z) for v in z.vpc_ids}
    seeds |= {c.vpc_id for c in client_vpns}
    seeds |= {p.vpc_id for p in snapshot.pni_access_points}
    known = {v.id for v in snapshot.vpcs}
    seeds &= known
    gateways = sorted({a.tgw_id for a in snapshot.tgw_attachments if a.vpc_id in seeds})
    found = set(seeds)
    found |= {a.vpc_id for a in snapshot.tgw_attachments if a.tgw_id in gateways}
    # the gateway most of the endpoints' VPCs use is the hub (ties: the lowest id)
    endpoint_vpcs = {e.vpc_id for e in endpoints}
    hub = min(gateways, key=lambda g: (-sum(1 for a in snapshot.tgw_attachments
                                             if a.tgw_id == g and a.vpc_id in endpoint_vpcs), g),
              default="")
    return found & known, hub


def _tgw_tables(snapshot: NetworkSnapshot, tgw_id: str, names: dict[str, str]
                ) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    vpc_of = {a.id: names.get(a.vpc_id, a.vpc_id) for a in snapshot.tgw_attachments}
    return tuple((t.id, tuple(sorted(vpc_of.get(a, a) for a in t.associations)),
                  tuple(sorted(vpc_of.get(a, a) for a in t.propagations)))
                 for t in sorted(snapshot.tgw_route_tables, key=lambda t: t.id)
                 if t.tgw_id == tgw_id)


def _hub_table(snapshot: NetworkSnapshot, tgw_id: str) -> str:
    tables: list[TgwRouteTable] = [t for t in snapshot.tgw_route_tables if t.tgw_id == tgw_id]
    best = min(tables, key=lambda t: (-len(t.associations), t.id), default=None)
    return best.id if best is not None else ""


def discover(snapshot: NetworkSnapshot, region: str,
             services: Iterable[str] = ()) -> DiscoveredNetwork:
    """The Confluent part of ``snapshot``, in a deterministic order (by id)."""
    endpoints = confluent_endpoints(snapshot, services)
    client_vpns = snapshot.client_vpn_endpoints
    vpc_ids, tgw = _relevant_vpc_ids(snapshot, endpoints, client_vpns)
    names = _names(snapshot, vpc_ids)
    attachments = _attachments(endpoints, region, snapshot, names) + _pni(snapshot, region,
                                                                         names)
    attachment_of_service = {a.service_name: a.name for a in attachments}
    endpoint_of_vpc: dict[str, str] = {}
    for e in sorted(endpoints, key=lambda e: e.id):
        endpoint_of_vpc.setdefault(e.vpc_id, attachment_of_service[e.service_name])
    # the topology has one VPN VPC: the first Client VPN endpoint (by id) is described
    vpn = min(client_vpns, key=lambda c: c.id, default=None)
    vpn_of_vpc = {vpn.vpc_id: (vpn.client_cidr, vpn.id)} if vpn is not None else {}
    notes = [f"Client VPN endpoint {c.id} is not described (one VPN VPC per topology)"
             for c in sorted(client_vpns, key=lambda c: c.id) if c is not vpn]
    subnets_of: dict[str, list[Subnet]] = {}
    for s in snapshot.subnets:
        subnets_of.setdefault(s.vpc_id, []).append(s)
    # an endpoint VPC lists its endpoint's subnets: the topology's brokers live in their AZs
    endpoint_subnets = {eni.subnet_id for e in endpoints for eni in e.enis}
    vpcs = []
    for v in sorted(snapshot.vpcs, key=lambda v: v.id):
        if v.id not in vpc_ids:
            continue
        chosen = [s for s in sorted(subnets_of.get(v.id, []), key=lambda s: s.id)
                  if v.id not in endpoint_of_vpc or s.id in endpoint_subnets]
        # the file's cidr is the primary one; subnets of secondary CIDRs would not fit it
        inside = [s for s in chosen if _within(s.cidr, v.cidrs[0])]
        notes += [f"subnet {s.id} of {v.id} is in a secondary CIDR ({s.cidr}): not written "
                  "(verify reads every subnet live)" for s in chosen if s not in inside]
        vpcs.append(FoundVpc(v.id, names[v.id], v.cidrs[0],
                             tuple(FoundSubnet(s.id, s.cidr, s.az_id) for s in inside),
                             endpoint_of_vpc.get(v.id, ""), *vpn_of_vpc.get(v.id, ("", ""))))
    zones_of = {a.name: {s.az_id for v in vpcs if v.endpoint == a.name for s in v.subnets}
                for a in attachments}
    zones = [z for z in snapshot.hosted_zones if is_confluent_zone(z)]
    targets = _record_targets(snapshot)
    pointed = {e.vpc_id for e in endpoints if any(d.name in targets for d in e.dns_entries)}
    hub = next((v.name for v in vpcs if v.endpoint and v.id in pointed),
               next((v.name for v in vpcs if v.endpoint), ""))
    return DiscoveredNetwork(
        region=region, vpcs=tuple(vpcs), transit_gateway=tgw,
        tgw_route_table=_hub_table(snapshot, tgw) if tgw else "",
        attachments=attachments,
        clusters=tuple(FoundCluster(f"{a.name}-cluster", a.name,
                                    len(zones_of[a.name]) >= HIGH_AVAILABILITY_ZONES)
                       for a in attachments),
        hub_endpoint=hub,
        zones=tuple(FoundZone(z.id, z.name.rstrip("."),
                              tuple(sorted(names.get(v, v) for v in z.vpc_ids)))
                    for z in sorted(zones, key=lambda z: z.id)),
        rules=_rules(snapshot.resolver_rules, names), notes=tuple(notes),
        tgw_tables=_tgw_tables(snapshot, tgw, names))


def _attachments(endpoints: tuple[InterfaceEndpoint, ...], region: str,
                 snapshot: NetworkSnapshot, names: dict[str, str]) -> tuple[FoundAttachment, ...]:
    """One attachment per endpoint service; a service that an access point zone's records
    point at is an ingress gateway, with one access point per endpoint."""
    access_targets = {v.lower().rstrip(".") for z in snapshot.hosted_zones
                      if z.name.rstrip(".").endswith(ACCESS_POINT_PARENT)
                      for r in z.records for v in r.values}
    ingress = {e.service_name for e in endpoints
               if any(d.name in access_targets for d in e.dns_entries)}
    found = []
    for kind, services in (("platt", sorted({e.service_name for e in endpoints} - ingress)),
                           ("ingress", sorted(ingress))):
        for i, service in enumerate(services):
            name = f"{kind}-{i + 1}" if len(services) > 1 else kind
            points = tuple(
                (f"ap-{names.get(e.vpc_id, e.vpc_id)}"[:63], names.get(e.vpc_id, e.vpc_id), e.id)
                for e in sorted(endpoints, key=lambda e: e.id)
                if e.service_name == service) if kind == "ingress" else ()
            found.append(FoundAttachment(name, service, region, kind=kind, access_points=points))
    return tuple(found)


def _pni(snapshot: NetworkSnapshot, region: str,
         names: dict[str, str]) -> tuple[FoundAttachment, ...]:
    """Private Network Interface access points (their interfaces in our subnets) as one
    gateway: Confluent serves one gateway per environment and region."""
    points = sorted(snapshot.pni_access_points, key=lambda p: p.name)
    if not points:
        return ()
    az_of = {s.id: s.az_id for s in snapshot.subnets}
    zones = sorted({az_of[e.subnet_id] for p in points for e in p.enis if e.subnet_id in az_of})
    return (FoundAttachment(
        "pni", "", region, kind="pni", zones=tuple(zones),
        access_points=tuple((local_name(p.name, "pni-access-point"),
                             names.get(p.vpc_id, p.vpc_id),
                             min((e.id for e in p.enis), default="")) for p in points),
        interfaces=tuple(tuple(sorted(e.id for e in p.enis)) for p in points)),)


def _names(snapshot: NetworkSnapshot, vpc_ids: set[str]) -> dict[str, str]:
    """Name tags where present and unique, else ids (always valid names)."""
    chosen = {v.id: local_name(v.name, v.id) for v in snapshot.vpcs if v.id in vpc_ids}
    taken: dict[str, int] = {}
    for name in chosen.values():
        taken[name] = taken.get(name, 0) + 1
    return {vpc_id: name if taken[name] == 1 or name == vpc_id else vpc_id
            for vpc_id, name in chosen.items()}


def _is_confluent_domain(rule: ResolverRule) -> bool:
    """A rule for a Confluent private domain or one of its parents (which shadows it)."""
    domain = rule.domain.rstrip(".")
    return any(domain in ("", p) or p.endswith("." + domain) or domain.endswith("." + p)
               for p in (PRIVATELINK_PARENT, ACCESS_POINT_PARENT))


def _rules(rules: tuple[ResolverRule, ...], names: dict[str, str]) -> tuple[FoundRule, ...]:
    return tuple(
        FoundRule(r.id, r.type.value, r.domain.rstrip(".") or ".", tuple(r.target_ips),
                  tuple(sorted(names[v] for v in r.vpc_ids if v in names)))
        for r in sorted(rules, key=lambda r: r.id) if _is_confluent_domain(r))
