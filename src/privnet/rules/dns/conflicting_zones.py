"""DNS-001: two private zones with the same name on one VPC (Route 53 ConflictingDomainExists)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import (
    PLATT_KIND,
    confluent_domains,
    normalize_domain,
    zone_vpc_names,
)
from privnet.topology.aws import DnsStrategy
from privnet.topology.view import TopologyView


@dataclass(frozen=True)
class ConflictingZones:
    meta = RuleMeta(
        id="DNS-001",
        title="Two private zones with the same name on one VPC",
        severity=Severity.ERROR,
        description=(
            "Route 53 refuses to associate a VPC with a second private hosted zone of the same "
            "name (ConflictingDomainExists). A PrivateLink attachment's domain is a shared "
            "regional name, so per-VPC zones for it collide as soon as VPCs are "
            "interconnected, and an existing zone of that name on a VPC blocks privnet's zone."
        ),
        fix=(
            "use the centralized strategy (one zone for all VPCs), or an ingress gateway whose "
            "access points have unique domains; drop the VPC from the other zone"
        ),
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        yield from _per_vpc_shared_namespace(ctx.view)
        yield from _collisions_with_other_zones(ctx.view)


def _per_vpc_shared_namespace(view: TopologyView) -> Iterator[Violation]:
    dns = view.topology.aws.dns
    if dns.strategy is not DnsStrategy.PER_VPC:
        return
    for domain in confluent_domains(view):
        if domain.kind != PLATT_KIND:
            continue
        vpcs = [
            p.vpc.name
            for p in view.vpcs
            if p.vpc.endpoint is not None and p.vpc.endpoint.connectivity == domain.connectivity
        ]
        if len(vpcs) > 1:
            yield Violation(
                ("aws", "dns", "strategy"),
                f"per_vpc DNS with PrivateLink attachment {domain.connectivity}: VPCs "
                f"{', '.join(vpcs)} would each get a zone named {domain.name}; the name is shared, "
                "so interconnected VPCs collide (ConflictingDomainExists)",
                fix="set dns.strategy: centralized (one zone, one hub endpoint)",
            )


def _collisions_with_other_zones(view: TopologyView) -> Iterator[Violation]:
    """Which VPCs carry a Confluent zone of which name, against the zones declared as present."""
    dns = view.topology.aws.dns
    carried: set[tuple[str, str]] = set()
    for domain in confluent_domains(view):
        if domain.kind != PLATT_KIND:
            continue
        if dns.strategy is DnsStrategy.CENTRALIZED:
            vpcs = zone_vpc_names(view)
        else:
            vpcs = [
                p.vpc.name
                for p in view.vpcs
                if p.vpc.endpoint is not None
                and p.vpc.endpoint.connectivity == domain.connectivity
            ]
        carried.update((domain.name, vpc) for vpc in vpcs)
    for z_index, zone in enumerate(dns.other_zones):
        name = normalize_domain(zone.name)
        for v_index, vpc in enumerate(zone.vpcs):
            if (name, vpc) in carried:
                yield Violation(
                    ("aws", "dns", "other_zones", z_index, "vpcs", v_index),
                    f"private zone {zone.name} is already associated with VPC {vpc}, which "
                    "privnet's Confluent zone of the same name must also be associated with "
                    "(ConflictingDomainExists)",
                    fix=f"disassociate {vpc} from the existing {zone.name} zone, or delete it",
                )


RULE = ConflictingZones()
