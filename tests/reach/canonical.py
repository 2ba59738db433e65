"""A snapshot with every id replaced by the name of what it identifies, for plan/live diffs.

Plan-mode ids are stand-ins and live ids are the cloud's, so two snapshots of the same network
only compare once each id is replaced by something both sides know: a VPC by its name, a
subnet by its CIDR, a group by its VPC and name, an endpoint name by its endpoint and AZ ID.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from privnet.reach.snapshot import NetworkSnapshot, RuleType

ACCESS_POINT_SUFFIX = ".accesspoint.confluent.cloud"
Canon = dict[str, list[Any]]


def _dns(name: str) -> str:
    return name.lower().rstrip(".")


class _Names:
    """id -> canonical name, for the objects of one stack in one snapshot."""

    def __init__(self, snapshot: NetworkSnapshot, stack: str) -> None:
        self.vpcs = {v.id: v.name for v in snapshot.vpcs if v.stack == stack}
        self.subnets = {s.id: s.cidr for s in snapshot.subnets if s.vpc_id in self.vpcs}
        az_ids = {(s.vpc_id, s.az_name): s.az_id for s in snapshot.subnets}
        self.ids: dict[str, str] = {**{k: f"vpc {v}" for k, v in self.vpcs.items()},
                                    **{k: f"subnet {v}" for k, v in self.subnets.items()}}
        self.ids.update({t.id: "tgw" for t in snapshot.transit_gateways})
        self.ids.update({a.id: f"attachment of {self.vpcs.get(a.vpc_id, a.vpc_id)}"
                         for a in snapshot.tgw_attachments})
        self.ids.update({g.id: f"sg {self.vpcs.get(g.vpc_id, '?')}/{g.name}"
                         for g in snapshot.security_groups})
        self.dns: dict[str, str] = {}
        for e in snapshot.endpoints:
            where = f"endpoint of {self.vpcs.get(e.vpc_id, e.vpc_id)}"
            self.ids[e.id] = where
            for entry in e.dns_entries:
                zone = az_ids.get((e.vpc_id, entry.az_name), entry.az_name) or "regional"
                self.dns[_dns(entry.name)] = f"{where} ({zone})"

    def of(self, value: str) -> str:
        return self.ids.get(value, value)

    def zone_name(self, name: str) -> str:
        # An access point's domain is unique and assigned by Confluent: the emulator's and the
        # plan's stand-in cannot match, and both are only ever used through their own zone.
        return "<access point domain>" if _dns(name).endswith(ACCESS_POINT_SUFFIX) else _dns(name)


def canonical(snapshot: NetworkSnapshot, stack: str) -> Canon:
    """Sorted, id-free lists per kind of object, for the stack's VPCs and the hub."""
    n = _Names(snapshot, stack)
    mine = n.vpcs
    out: Canon = defaultdict(list)
    out["vpcs"] = [(name, sorted(v.cidrs)) for v in snapshot.vpcs if v.id in mine
                   for name in [v.name]]
    # AZ names are a per-account mapping (the plan's are stand-ins): compare AZ IDs only.
    out["subnets"] = [(mine[s.vpc_id], s.cidr, s.az_id) for s in snapshot.subnets
                      if s.vpc_id in mine]
    out["route_tables"] = [
        (mine[t.vpc_id], t.main, sorted(n.of(s) for s in t.subnet_ids),
         sorted((r.destination, n.of(r.target), r.blackhole) for r in t.routes))
        for t in snapshot.route_tables if t.vpc_id in mine]
    out["nacls"] = [
        (mine[a.vpc_id], a.default, sorted(n.of(s) for s in a.subnet_ids),
         sorted((e.rule_number, e.egress, e.protocol, e.allow, e.cidr, e.from_port, e.to_port)
                for e in a.entries))
        for a in snapshot.nacls if a.vpc_id in mine]
    # AWS gives every VPC a "default" group; privnet neither changes nor uses it.
    out["security_groups"] = [
        (n.of(g.id), _rules(g.ingress, n), _rules(g.egress, n))
        for g in snapshot.security_groups if g.vpc_id in mine and g.name != "default"]
    out["transit_gateways"] = [n.of(t.id) for t in snapshot.transit_gateways]
    out["tgw_attachments"] = [(n.of(a.id), n.of(a.tgw_id), sorted(n.of(s) for s in a.subnet_ids))
                              for a in snapshot.tgw_attachments]
    # The local cloud makes a default TGW route table although privnet disables default
    # association and propagation; nothing uses it, so empty tables are left out.
    out["tgw_route_tables"] = [
        (n.of(t.tgw_id), sorted(n.of(a) for a in t.associations),
         sorted(n.of(a) for a in t.propagations),
         sorted((r.destination, sorted(n.of(a) for a in r.attachment_ids), r.origin,
                 r.blackhole) for r in t.routes))
        for t in snapshot.tgw_route_tables if t.associations or t.propagations or t.routes]
    # Endpoint service names are Confluent's (stand-ins in the plan), and interface addresses
    # are picked by AWS: an endpoint is its VPC, subnets, groups and DNS names.
    out["endpoints"] = [
        (n.of(e.id), mine.get(e.vpc_id, e.vpc_id), sorted(n.of(x.subnet_id) for x in e.enis),
         sorted(n.of(g) for g in e.security_group_ids),
         sorted(n.dns.get(_dns(d.name), d.name) for d in e.dns_entries))
        for e in snapshot.endpoints]
    # Route 53 adds NS and SOA records to every zone; privnet writes neither.
    out["hosted_zones"] = [
        (n.zone_name(z.name), sorted(mine.get(v, v) for v in z.vpc_ids),
         sorted((_relative(r.name, z.name), r.type,
                 sorted(n.dns.get(_dns(v), v) for v in r.values))
                for r in z.records if r.type not in ("NS", "SOA")))
        for z in snapshot.hosted_zones]
    # RECURSIVE is AWS's own "Internet Resolver" rule, present in every account.
    out["resolver_rules"] = [
        (n.zone_name(r.domain), str(r.type), sorted(r.target_ips),
         sorted(mine.get(v, v) for v in r.vpc_ids))
        for r in snapshot.resolver_rules if r.type is not RuleType.RECURSIVE]
    # PNI interfaces: addresses are AWS's pick; an access point is its VPC, its interfaces'
    # subnets (with their count) and its groups.
    out["pni_access_points"] = [
        (p.name, mine.get(p.vpc_id, p.vpc_id), sorted(n.of(e.subnet_id) for e in p.enis),
         sorted(n.of(g) for g in p.security_group_ids))
        for p in snapshot.pni_access_points]
    out["resolver_endpoints"] = [(mine.get(e.vpc_id, e.vpc_id), e.inbound, len(e.ips))
                                 for e in snapshot.resolver_endpoints]
    return {kind: sorted(items, key=repr) for kind, items in out.items()}


def _rules(rules: Any, n: _Names) -> list[tuple[str, int, int, str]]:
    """One entry per (protocol, ports, source): AWS may group CIDRs differently."""
    return sorted({(r.protocol, r.from_port, r.to_port, c) for r in rules
                   for c in (*r.cidrs, *(n.of(g) for g in r.group_ids))})


def _relative(name: str, zone: str) -> str:
    name, zone = _dns(name), _dns(zone)
    return name[: -len(zone)] + "@" if name.endswith(zone) else name
