"""Lookups over a snapshot (by id, by address) built once, so analysis stays linear."""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from functools import lru_cache

from privnet.facts.dns_names import relative_name
from privnet.reach.snapshot import (
    HostedZone,
    InterfaceEndpoint,
    Nacl,
    NetworkSnapshot,
    ResolverRule,
    RouteTable,
    SecurityGroup,
    Subnet,
    TgwAttachment,
    TgwRouteTable,
    Vpc,
)

Network = ipaddress.IPv4Network


@lru_cache(maxsize=65536)
def net(cidr: str) -> Network:
    """Parse a CIDR (or a bare address as /32) leniently; snapshots come from real systems."""
    return ipaddress.IPv4Network(cidr, strict=False)


@lru_cache(maxsize=65536)
def span(cidr: str) -> tuple[int, int]:
    """First and last address of a CIDR as integers (fast containment tests)."""
    network = net(cidr)
    return int(network.network_address), int(network.broadcast_address)


def covers(outer: str, inner: str) -> bool:
    """True when every address of ``inner`` is inside ``outer``."""
    a_start, a_end = span(outer)
    b_start, b_end = span(inner)
    return a_start <= b_start and b_end <= a_end




class SnapshotIndex:
    """Read-only indexes over one :class:`NetworkSnapshot`."""

    def __init__(self, snapshot: NetworkSnapshot) -> None:
        self.snapshot = snapshot
        self.vpcs: dict[str, Vpc] = {v.id: v for v in snapshot.vpcs}
        self.subnets: dict[str, Subnet] = {s.id: s for s in snapshot.subnets}
        self.security_groups: dict[str, SecurityGroup] = {
            g.id: g for g in snapshot.security_groups
        }
        self.tgw_attachments: dict[str, TgwAttachment] = {
            a.id: a for a in snapshot.tgw_attachments
        }
        self.subnet_route_table: dict[str, RouteTable] = {}
        self.main_route_table: dict[str, RouteTable] = {}
        for table in snapshot.route_tables:
            for subnet_id in table.subnet_ids:
                self.subnet_route_table[subnet_id] = table
            if table.main:
                self.main_route_table[table.vpc_id] = table
        self.subnet_nacl: dict[str, Nacl] = {}
        self.default_nacl: dict[str, Nacl] = {}
        for nacl in snapshot.nacls:
            for subnet_id in nacl.subnet_ids:
                self.subnet_nacl[subnet_id] = nacl
            if nacl.default:
                self.default_nacl[nacl.vpc_id] = nacl
        self.attachments_by_vpc: dict[str, list[TgwAttachment]] = defaultdict(list)
        for attachment in snapshot.tgw_attachments:
            self.attachments_by_vpc[attachment.vpc_id].append(attachment)
        self.tgw_table_of_attachment: dict[str, TgwRouteTable] = {}
        for tgw_table in snapshot.tgw_route_tables:
            for attachment_id in tgw_table.associations:
                self.tgw_table_of_attachment[attachment_id] = tgw_table
        self.zones_by_vpc: dict[str, list[tuple[str, HostedZone]]] = defaultdict(list)
        for zone in snapshot.hosted_zones:
            for vpc_id in zone.vpc_ids:
                self.zones_by_vpc[vpc_id].append((relative_name(zone.name), zone))
        self.rules_by_vpc: dict[str, list[tuple[str, ResolverRule]]] = defaultdict(list)
        for rule in snapshot.resolver_rules:
            for vpc_id in rule.vpc_ids:
                self.rules_by_vpc[vpc_id].append((relative_name(rule.domain), rule))
        self.inbound_vpc_by_ip: dict[str, str] = {}
        for resolver_endpoint in snapshot.resolver_endpoints:
            if resolver_endpoint.inbound:
                for ip in resolver_endpoint.ips:
                    self.inbound_vpc_by_ip[ip] = resolver_endpoint.vpc_id
        self.endpoint_by_dns: dict[str, tuple[InterfaceEndpoint, str]] = {}
        self.endpoint_by_ip: dict[str, tuple[InterfaceEndpoint, str]] = {}
        self._endpoint_by_vpc_ip: dict[tuple[str, str], tuple[InterfaceEndpoint, str]] = {}
        for endpoint in snapshot.endpoints:
            for entry in endpoint.dns_entries:
                self.endpoint_by_dns[relative_name(entry.name)] = (endpoint, entry.az_name)
            for eni in endpoint.enis:
                self.endpoint_by_ip[eni.ip] = (endpoint, eni.subnet_id)
                self._endpoint_by_vpc_ip[(endpoint.vpc_id, eni.ip)] = (endpoint, eni.subnet_id)
        self._subnets_by_vpc: dict[str, list[Subnet]] = defaultdict(list)
        for subnet in snapshot.subnets:
            self._subnets_by_vpc[subnet.vpc_id].append(subnet)

    def route_table_of(self, subnet_id: str) -> RouteTable | None:
        """The subnet's explicit route table, else its VPC's main table."""
        table = self.subnet_route_table.get(subnet_id)
        if table is not None:
            return table
        subnet = self.subnets.get(subnet_id)
        return self.main_route_table.get(subnet.vpc_id) if subnet else None

    def nacl_of(self, subnet_id: str) -> Nacl | None:
        nacl = self.subnet_nacl.get(subnet_id)
        if nacl is not None:
            return nacl
        subnet = self.subnets.get(subnet_id)
        return self.default_nacl.get(subnet.vpc_id) if subnet else None

    def subnets_of(self, vpc_id: str) -> list[Subnet]:
        return sorted(self._subnets_by_vpc.get(vpc_id, []), key=lambda s: (s.az_id, s.cidr))

    def endpoint_at(self, ip: str, vpc_id: str = "") -> tuple[InterfaceEndpoint, str] | None:
        """The endpoint (and ENI subnet) owning ``ip``; inside ``vpc_id`` when given, since
        unconnected VPCs of one account may reuse the same addresses."""
        if vpc_id:
            return self._endpoint_by_vpc_ip.get((vpc_id, ip))
        return self.endpoint_by_ip.get(ip)

    def subnet_for_ip(self, ip: str, vpc_id: str = "") -> Subnet | None:
        """The subnet holding ``ip`` (an endpoint ENI first, then any subnet by CIDR), inside
        ``vpc_id`` when given."""
        found = self.endpoint_at(ip, vpc_id)
        if found is not None and found[1] in self.subnets:
            return self.subnets[found[1]]
        address = ipaddress.IPv4Address(ip)
        candidates = self._subnets_by_vpc.get(vpc_id, []) if vpc_id else self.snapshot.subnets
        for subnet in candidates:
            if address in net(subnet.cidr):
                return subnet
        return None

    def network_of(self, target: str, vpc_id: str = "") -> str:
        """The VPC CIDR wholly holding ``target`` (an address or CIDR), inside ``vpc_id`` when
        given, else ``target`` itself: a fix naming the network is the same for every address
        of it, so one missing route reads as one failure."""
        if "/" not in target:
            target = f"{target}/32"
        vpcs = [self.vpcs[vpc_id]] if vpc_id in self.vpcs else list(self.vpcs.values())
        held = [c for v in vpcs for c in v.cidrs if covers(c, target)]
        return min(held, key=lambda c: net(c).prefixlen, default=target)

    def vpc_label(self, vpc_id: str) -> str:
        if not vpc_id:
            return "the internet"
        vpc = self.vpcs.get(vpc_id)
        return f"{vpc_id} ({vpc.name})" if vpc is not None and vpc.name else vpc_id
