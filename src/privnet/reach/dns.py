"""Name resolution as seen from inside a VPC (Route 53 Resolver semantics).

Order: the most specific Resolver rule associated with the VPC (FORWARD leaves the VPC, SYSTEM
keeps its own view), then the most specific private hosted zone associated with the VPC (which
is authoritative: no matching record is NXDOMAIN), then public DNS, where interface endpoint
names resolve to their ENI addresses and private Confluent names do not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from privnet.facts.confluent_dns import PRIVATE_SUFFIXES
from privnet.facts.dns_names import relative_name
from privnet.reach.designs.pni import PNI_SERVICE
from privnet.reach.index import SnapshotIndex
from privnet.reach.snapshot import HostedZone, RecordSet, ResolverRule, RuleType
from privnet.reach.trace import Disposition, Step

MAX_CHAIN = 8
"""CNAME and forwarding hops followed before calling it a loop."""

PRIVATE_CONFLUENT_SUFFIXES = PRIVATE_SUFFIXES


@dataclass(frozen=True)
class Resolution:
    """Addresses (when ``failure`` is None) and the steps that led there."""

    addresses: tuple[str, ...]
    steps: tuple[Step, ...]
    failure: Disposition | None = None
    culprit: str = ""
    fix: str = ""


def in_domain(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


class Resolver:
    """Resolves names from VPCs of one snapshot; answers are cached per (VPC, name)."""

    def __init__(self, index: SnapshotIndex, private_domains: tuple[str, ...] = ()) -> None:
        self.index = index
        self.private_domains = tuple(relative_name(d) for d in private_domains)
        self._zone_nodes: dict[str, tuple[dict[str, RecordSet], frozenset[str]]] = {}
        self.resolve = lru_cache(maxsize=None)(self._resolve)

    def _resolve(self, vpc_id: str, name: str) -> Resolution:
        return self._walk(vpc_id, relative_name(name), (), 0)

    def _walk(self, vpc_id: str, name: str, steps: tuple[Step, ...], depth: int) -> Resolution:
        if depth > MAX_CHAIN:
            return Resolution((), steps, Disposition.INSUFFICIENT_INFO, name,
                              f"break the CNAME or forwarding loop through {name}")
        rule = self._rule_for(vpc_id, name)
        view_vpc = vpc_id
        if rule is not None and rule.type is RuleType.FORWARD:
            step_subject = f"resolver-rule {rule.id} ({rule.name or rule.domain})"
            target_vpc = next(
                (self.index.inbound_vpc_by_ip[ip] for ip in rule.target_ips
                 if ip in self.index.inbound_vpc_by_ip), None)
            if target_vpc is None:
                targets = ", ".join(rule.target_ips) or "no targets"
                step = Step(step_subject, f"FORWARD {rule.domain} matches {name}: sent to "
                            f"{targets}, no inbound resolver endpoint in this network; the "
                            "answer comes from outside")
                unassociated = self._unassociated_system_rule(vpc_id, name)
                if unassociated is not None:
                    system = (f"resolver-rule {unassociated.id} "
                              f"({unassociated.name or unassociated.domain})")
                    note = Step(system, f"SYSTEM {unassociated.domain} would keep {name} in the "
                                f"VPC's own view, but it is not associated with {vpc_id}")
                    return Resolution(
                        (), (*steps, step, note), Disposition.RESOLVES_ELSEWHERE,
                        f"{system} not associated with {vpc_id}, so {step_subject} answers",
                        f"associate SYSTEM rule {unassociated.id} with {vpc_id}")
                return Resolution((), (*steps, step), Disposition.RESOLVES_ELSEWHERE,
                                  step_subject,
                                  f"associate a SYSTEM rule for the private domain with "
                                  f"{vpc_id}, or point {rule.id} at an inbound resolver "
                                  "endpoint of the VPC whose zone holds the records")
            step = Step(step_subject, f"FORWARD {rule.domain} matches {name}: resolved by the "
                        f"inbound endpoint in {self.index.vpc_label(target_vpc)}")
            if target_vpc == vpc_id:
                return Resolution((), (*steps, step), Disposition.INSUFFICIENT_INFO,
                                  step_subject, f"{rule.id} forwards {vpc_id} to its own "
                                  "inbound endpoint: a loop; disassociate it from that VPC")
            return self._walk(target_vpc, name, (*steps, step), depth + 1)
        if rule is not None:
            steps = (*steps, Step(f"resolver-rule {rule.id} ({rule.name or rule.domain})",
                                  f"SYSTEM {rule.domain} matches {name}: the VPC's own view "
                                  "(private zones) answers"))
        zone = self._zone_for(view_vpc, name)
        if zone is not None:
            return self._answer_from_zone(view_vpc, zone, name, steps, depth)
        return self._public(view_vpc, name, steps)

    def _unassociated_system_rule(self, vpc_id: str, name: str) -> ResolverRule | None:
        """A SYSTEM rule for ``name`` that exists but is not associated with ``vpc_id``."""
        matching = [r for r in self.index.snapshot.resolver_rules
                    if r.type is RuleType.SYSTEM and vpc_id not in r.vpc_ids
                    and in_domain(name, relative_name(r.domain))]
        return max(matching, key=lambda r: len(r.domain), default=None)

    def _rule_for(self, vpc_id: str, name: str) -> ResolverRule | None:
        matching = [(domain, r) for domain, r in self.index.rules_by_vpc.get(vpc_id, ())
                    if r.type is not RuleType.RECURSIVE and in_domain(name, domain)]
        return max(matching, key=lambda m: len(m[0]), default=(None, None))[1]

    def _zone_for(self, vpc_id: str, name: str) -> HostedZone | None:
        matching = [(domain, z) for domain, z in self.index.zones_by_vpc.get(vpc_id, ())
                    if in_domain(name, domain)]
        return max(matching, key=lambda m: len(m[0]), default=(None, None))[1]

    def _nodes(self, zone: HostedZone) -> tuple[dict[str, RecordSet], frozenset[str]]:
        cached = self._zone_nodes.get(zone.id)
        if cached is None:
            apex = relative_name(zone.name)
            records: dict[str, RecordSet] = {}
            nodes: set[str] = {apex}
            for record in zone.records:
                if record.type not in ("A", "CNAME", "ALIAS"):
                    continue
                owner = relative_name(record.name)
                records.setdefault(owner, record)
                while in_domain(owner, apex) and owner not in nodes:
                    nodes.add(owner)
                    owner = owner.partition(".")[2]
            cached = (records, frozenset(nodes))
            self._zone_nodes[zone.id] = cached
        return cached

    def _lookup(self, zone: HostedZone, name: str) -> RecordSet | None:
        """Exact match, else the wildcard at the closest existing ancestor (RFC 4592)."""
        records, nodes = self._nodes(zone)
        if name in records:
            return records[name]
        if name in nodes:
            return None
        ancestor = name.partition(".")[2]
        while ancestor and ancestor not in nodes:
            ancestor = ancestor.partition(".")[2]
        return records.get(f"*.{ancestor}") if ancestor else None

    def _answer_from_zone(self, vpc_id: str, zone: HostedZone, name: str,
                          steps: tuple[Step, ...], depth: int) -> Resolution:
        subject = f"zone {zone.id} ({relative_name(zone.name)})"
        record = self._lookup(zone, name)
        if record is None:
            step = Step(subject, f"private zone associated with {self.index.vpc_label(vpc_id)} "
                        f"is authoritative for {name} and has no matching record")
            return Resolution((), (*steps, step), Disposition.NXDOMAIN, subject,
                              f"add a record for {name} (or its wildcard) to zone {zone.id}")
        record_subject = f"record {relative_name(record.name)} {record.type} in {subject}"
        if record.type == "A":
            step = Step(record_subject, f"{name} -> {', '.join(record.values)}")
            return Resolution(tuple(record.values), (*steps, step))
        target = relative_name(record.values[0]) if record.values else ""
        step = Step(record_subject, f"{name} -> {target}")
        if not target or target == name:
            return Resolution((), (*steps, step), Disposition.INSUFFICIENT_INFO, record_subject,
                              f"point {record_subject} at the endpoint's DNS name")
        return self._walk(vpc_id, target, (*steps, step), depth + 1)

    def _public(self, vpc_id: str, name: str, steps: tuple[Step, ...]) -> Resolution:
        found = self.index.endpoint_by_dns.get(name)
        if found is not None:
            endpoint, az_name = found
            enis = [e for e in endpoint.enis
                    if not az_name or self._az_name_of(e.subnet_id) == az_name]
            subject = f"endpoint {endpoint.id}"
            kind = (f"zonal name for {az_name}" if az_name
                    else "public name" if endpoint.service_name == PNI_SERVICE
                    else "regional name")
            if not enis:
                step = Step(subject, f"{name} is its {kind} but the endpoint has no network "
                            "interface there")
                return Resolution((), (*steps, step), Disposition.NXDOMAIN, subject,
                                  f"give endpoint {endpoint.id} a subnet in {az_name}, or "
                                  "point the record at a name it serves")
            ips = tuple(e.ip for e in enis)
            step = Step(subject, f"{kind} -> {', '.join(ips)} (its network interfaces)")
            return Resolution(ips, (*steps, step))
        if self._is_private_confluent(name) and not vpc_id:
            step = Step("public DNS", f"outside every VPC only public DNS answers, and it has no "
                        f"{name}: the name is private")
            return Resolution((), (*steps, step), Disposition.NXDOMAIN, "public DNS",
                              "run the client inside a VPC associated with the private zone "
                              "(or connected through the VPN)")
        if self._is_private_confluent(name):
            unassociated = [z for z in self.index.snapshot.hosted_zones
                            if in_domain(name, relative_name(z.name)) and vpc_id not in z.vpc_ids]
            if unassociated:
                zone = max(unassociated, key=lambda z: len(relative_name(z.name)))
                subject = f"zone {zone.id} ({relative_name(zone.name)})"
                detail = (f"no private zone for {name} is associated with "
                          f"{self.index.vpc_label(vpc_id)}; {subject} exists but is not "
                          "associated with it, so public DNS answers: no such name")
                fix = f"associate zone {zone.id} with {vpc_id}"
            else:
                subject = self.index.vpc_label(vpc_id)
                detail = (f"no private zone for {name} is associated with {subject}; public "
                          "DNS has no such name")
                fix = (f"create the private zone for {name}'s domain (or forward it to a "
                       f"VPC that has one) and associate it with {vpc_id}")
            return Resolution((), (*steps, Step(subject, detail)), Disposition.NXDOMAIN,
                              subject, fix)
        step = Step("public DNS", f"{name} is answered by public DNS, outside this network")
        return Resolution((), (*steps, step), Disposition.RESOLVES_ELSEWHERE, "public DNS",
                          f"associate a private zone for {name} with {vpc_id or 'the VPC'}")

    def _az_name_of(self, subnet_id: str) -> str:
        subnet = self.index.subnets.get(subnet_id)
        return subnet.az_name if subnet is not None else ""

    def _is_private_confluent(self, name: str) -> bool:
        return any(in_domain(name, d) for d in self.private_domains) or any(
            in_domain(name, d) for d in PRIVATE_CONFLUENT_SUFFIXES)
