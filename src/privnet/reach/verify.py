"""``verify(snapshot, questions)``: can every client location reach every private cluster?

A question is (location, cluster, host name, port). Default questions cover every location and
every private cluster: the bootstrap name on 9092, the REST name on 443, and one broker name
per AZ ID the cluster lives in on 9092. The zonal records are wildcards, so the first label of
a broker name is illustrative; what matters is the ``<az-id>.<dns_domain>`` part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from privnet.facts.dns_names import relative_name
from privnet.facts.ports import HTTPS_PORT, KAFKA_PORT
from privnet.reach import client_vpn
from privnet.reach.designs import design_questions, expand
from privnet.reach.designs.ingress import foreign_access_point
from privnet.reach.dns import Resolution, Resolver
from privnet.reach.flow import check_flow
from privnet.reach.index import SnapshotIndex
from privnet.reach.snapshot import (
    ClientLocation,
    ClusterFacts,
    Expectation,
    InterfaceEndpoint,
    NetworkSnapshot,
)
from privnet.reach.spec_facts import UNKNOWN_AZ
from privnet.reach.trace import Disposition, Hop, Outcome, Question, Step, Trace


def broker_name(cluster: ClusterFacts, number: int, az_id: str) -> str:
    return f"{cluster.id}-b{number}.{az_id}.{relative_name(cluster.dns_domain)}"


def expected(expectations: Sequence[Expectation], source: str, cluster: str) -> bool:
    """The last matching expectation wins (``*`` matches anything); default: reachable."""
    verdict = True
    for item in expectations:
        if item.source in ("*", source) and item.cluster in ("*", cluster):
            verdict = item.reachable
    return verdict


def default_questions(snapshot: NetworkSnapshot) -> list[Question]:
    questions: list[Question] = []
    for location in snapshot.locations:
        for cluster in snapshot.clusters:
            if not cluster.private:
                continue
            expect = expected(snapshot.expectations, location.name, cluster.name)
            bootstrap, rest = relative_name(cluster.bootstrap), relative_name(cluster.rest)
            if cluster.domains:
                domain = relative_name(cluster.domain_for(location.vpc_id))
                bootstrap = rest = f"{cluster.id}.{domain}"
            questions.append(Question(location.name, cluster.name, bootstrap, KAFKA_PORT,
                                      expect))
            questions.append(Question(location.name, cluster.name, rest, HTTPS_PORT, expect))
            for number, az_id in enumerate(cluster.zones, start=1):
                questions.append(Question(location.name, cluster.name,
                                          broker_name(cluster, number, az_id), KAFKA_PORT,
                                          expect, az_id))
    return [*questions, *design_questions(snapshot, expected)]


def select(questions: Iterable[Question], sources: Sequence[str] = (),
           clusters: Sequence[str] = ()) -> list[Question]:
    """Keep questions from ``sources`` to ``clusters`` (empty: all)."""
    return [q for q in questions
            if (not sources or q.source in sources) and (not clusters or q.cluster in clusters)]


class Verifier:
    """Answers questions over one snapshot, sharing DNS and flow results between them."""

    def __init__(self, snapshot: NetworkSnapshot) -> None:
        snapshot = expand(snapshot)
        self.snapshot = snapshot
        self.index = SnapshotIndex(snapshot)
        domains = tuple(d for c in snapshot.clusters if c.private
                        for d in (c.dns_domain, *(domain for _, domain in c.domains)) if d)
        self.resolver = Resolver(self.index, domains)
        self.locations = {loc.name: loc for loc in snapshot.locations}
        self.clusters = {c.name: c for c in snapshot.clusters}
        self._flows: dict[tuple[str, str, str, int], Outcome] = {}

    def answer(self, question: Question) -> Trace:
        location = self.locations.get(question.source)
        cluster = self.clusters.get(question.cluster)
        if cluster is not None and not cluster.dns_domain:
            return self._unknown(question, f"cluster {cluster.name}",
                                 "no private DNS domain known for it: verify models "
                                 "PrivateLink attachments, ingress access points and PNI "
                                 "access points (docs/verify.md, Designs)")
        if cluster is not None and question.az_id.startswith(UNKNOWN_AZ):
            vpc = question.az_id.removeprefix(UNKNOWN_AZ)
            return self._unknown(question, f"VPC {vpc}",
                                 f"no AZ known for the brokers of cluster {cluster.name}: "
                                 f"VPC {vpc}, which hosts its endpoint, lists no subnets in "
                                 "the file (list them, or verify with --source aws, which "
                                 "reads the live endpoint's subnets)")
        if location is None:
            return self._unknown(question, f"location {question.source}",
                                 "no such client location in the snapshot")
        if location.vpc_id and location.vpc_id not in self.index.vpcs:
            region = dict(self.snapshot.absent_vpcs).get(location.vpc_id)
            if region is not None:
                detail = (f"VPC {location.vpc_id} does not exist in {region} of this account "
                          "(check the id and the region)")
                return Trace(question, Disposition.INSUFFICIENT_INFO, (Hop(
                    "gather the facts", (Step(f"location {location.name}", detail),)),),
                    f"location {location.name}", detail)
            return self._unknown(question, f"location {location.name}",
                                 f"its VPC {location.vpc_id} is not in the snapshot")
        entry = client_vpn.entry_problem(self.index, location)
        if entry is not None:
            step, culprit, fix = entry
            return Trace(question, Disposition.INSUFFICIENT_INFO,
                         (Hop("enter the Client VPN", (step,)),), culprit, fix)
        resolve_from = (client_vpn.resolving_vpc(self.index, location)
                        if location.client_vpn_id else location.vpc_id)
        resolution = self.resolver.resolve(resolve_from, question.name)
        dns_hop = Hop(f"resolve {question.name} from {location.name} "
                      f"({self.index.vpc_label(resolve_from)})", resolution.steps)
        if resolution.failure is not None:
            return Trace(question, resolution.failure, (dns_hop,), resolution.culprit,
                         resolution.fix)
        misplaced = (self._misplaced(question, resolution)
                     or foreign_access_point(self.index, cluster, question, resolution))
        if misplaced is not None:
            step, culprit, fix = misplaced
            hop = Hop(dns_hop.title, (*dns_hop.steps, step))
            return Trace(question, Disposition.RESOLVES_ELSEWHERE, (hop,), culprit, fix)
        subnets = (client_vpn.source_subnets(self.index, location) if location.client_vpn_id
                   else [self.index.subnets[location.subnet_id]]
                   if location.subnet_id in self.index.subnets
                   else self.index.subnets_of(location.vpc_id))
        if not subnets:
            return Trace(question, Disposition.INSUFFICIENT_INFO,
                         (dns_hop, Hop("leave the client location", (
                             Step(f"location {location.name}",
                                  "no subnet known for the client location"),))),
                         f"location {location.name}",
                         f"describe the subnets of {self.index.vpc_label(location.vpc_id)}")
        hops: tuple[Hop, ...] = (dns_hop,)
        for ip in sorted(set(resolution.addresses)):
            for number, subnet in enumerate(subnets):
                outcome = self._flow(location, ip, question.port, subnet.id)
                if outcome.disposition is not Disposition.ACCEPTED:
                    return Trace(question, outcome.disposition, (dns_hop, *outcome.hops),
                                 outcome.culprit, outcome.fix)
                if number == 0:
                    hops = (*hops, *outcome.hops)
        if len(subnets) > 1:
            others = ", ".join(s.id for s in subnets[1:])
            hops = (*hops, Hop("the other client subnets", (Step(
                f"location {location.name}", f"the same addresses are reached from {others}, "
                "each through its own route table and network ACL"),)))
        return Trace(question, Disposition.ACCEPTED, hops)

    def _flow(self, location: ClientLocation, ip: str, port: int, subnet_id: str) -> Outcome:
        """Every client subnet is walked (each has its own route table and ACL); cached."""
        key = (location.name, subnet_id, ip, port)
        cached = self._flows.get(key)
        if cached is None:
            walk = client_vpn.check_vpn_flow if location.client_vpn_id else check_flow
            cached = walk(self.index, location, self.index.subnets[subnet_id], ip, port)
            self._flows[key] = cached
        return cached

    def _misplaced(self, question: Question,
                   resolution: Resolution) -> tuple[Step, str, str] | None:
        """Addresses must be interface endpoint ENIs, in the question's AZ for zonal names."""
        deciding = next((s.subject for s in reversed(resolution.steps)
                         if s.subject.startswith("record ")), "")
        for ip in resolution.addresses:
            found = self.index.endpoint_by_ip.get(ip)
            if found is None:
                return (Step(deciding or "answer", f"{ip} is not a network interface of an "
                             "interface endpoint"), deciding or ip,
                        f"point {deciding or 'the record'} at the Confluent endpoint's DNS "
                        "name (or its interface addresses)")
        if not question.az_id:
            return None
        zones = sorted({self.index.subnets[self.index.endpoint_by_ip[ip][1]].az_id
                        for ip in resolution.addresses
                        if self.index.endpoint_by_ip[ip][1] in self.index.subnets})
        if zones == [question.az_id]:
            return None
        suffix = question.name.split(".", 2)[2]
        endpoints = {self.index.endpoint_by_ip[ip][0] for ip in resolution.addresses}
        own_record = f"*.{question.az_id}.{suffix}"
        if deciding.startswith(f"record {own_record} "):
            return self._wrong_zonal_target(question, deciding, zones, endpoints,
                                           resolution.steps)
        detail = (f"a broker in {question.az_id} must be reached through the endpoint "
                  f"interface in {question.az_id}, but the answer lies in "
                  f"{', '.join(zones) or 'no known AZ'}: no record {own_record} matched")
        hint = self._az_name_hint(question)
        served = any(self.index.subnets[eni.subnet_id].az_id == question.az_id
                     for e in endpoints for eni in e.enis if eni.subnet_id in self.index.subnets)
        fix = (f"add a record *.{question.az_id}.{suffix} for the endpoint's zonal name in "
               f"{question.az_id}" + (" (key the zonal records by AZ ID)" if hint else "")
               if served else
               f"give endpoint {', '.join(sorted(e.id for e in endpoints))} a subnet in "
               f"{question.az_id} (the cluster has brokers there), then a record "
               f"*.{question.az_id}.{suffix} for its zonal name")
        return (Step(deciding or "answer", detail + hint), deciding or "answer", fix)

    def _wrong_zonal_target(self, question: Question, deciding: str, zones: list[str],
                            endpoints: set[InterfaceEndpoint],
                            steps: tuple[Step, ...]) -> tuple[Step, str, str]:
        """The AZ's own record exists and answered, but names another AZ's endpoint name."""
        record = deciding.split(" ", 2)[1]
        pointed = next((s.detail.partition(" -> ")[2] for s in steps if s.subject == deciding),
                       "")
        wanted = sorted(name for name, (endpoint, az_name) in self.index.endpoint_by_dns.items()
                        if endpoint in endpoints and az_name
                        and self._az_id_of_name(az_name) == question.az_id)
        where = ", ".join(zones) or "no known AZ"
        detail = (f"record {record} answered, but it points at the endpoint's {where} name"
                  f"{f' ({pointed})' if pointed else ''}; a broker in "
                  f"{question.az_id} must be reached through the interface in "
                  f"{question.az_id}")
        fix = (f"point record {record} at {wanted[0]} (the endpoint's {question.az_id} name)"
               if wanted else
               f"give endpoint {', '.join(sorted(e.id for e in endpoints))} a subnet in "
               f"{question.az_id}, then point record {record} at its zonal name there")
        return Step(deciding, detail), deciding, fix

    def _az_id_of_name(self, az_name: str) -> str:
        return next((s.az_id for s in self.index.subnets.values() if s.az_name == az_name), "")

    def _az_name_hint(self, question: Question) -> str:
        from privnet.topology.regions import looks_like_az_name

        domain = question.name.split(".", 2)[2]
        for zone in self.snapshot.hosted_zones:
            for record in zone.records:
                labels = relative_name(record.name).split(".", 2)
                if (len(labels) == 3 and labels[0] == "*" and labels[2] == domain
                        and looks_like_az_name(labels[1])):
                    return (f" (record {relative_name(record.name)} in zone {zone.id} is keyed "
                            "by AZ name; zonal names use AZ IDs)")
        return ""

    def _unknown(self, question: Question, subject: str, detail: str) -> Trace:
        return Trace(question, Disposition.INSUFFICIENT_INFO,
                     (Hop("gather the facts", (Step(subject, detail),)),), subject,
                     f"give verify what it lacks: {detail}")


def verify(snapshot: NetworkSnapshot,
           questions: Sequence[Question] | None = None) -> list[Trace]:
    """Answer ``questions`` (default: every location x every private cluster)."""
    verifier = Verifier(snapshot)
    asked = default_questions(snapshot) if questions is None else questions
    return [verifier.answer(q) for q in asked]
