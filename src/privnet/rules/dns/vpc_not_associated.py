"""DNS-002: a VPC that needs Confluent is missing from an explicit ``dns.associated_vpcs``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import PLATT_KIND, confluent_domains
from privnet.topology.aws import DnsStrategy


@dataclass(frozen=True)
class VpcNotAssociated:
    meta = RuleMeta(
        id="DNS-002",
        title="VPC needing Confluent not associated with the zone",
        severity=Severity.ERROR,
        description=(
            "Private cluster names only resolve in VPCs associated with the private hosted "
            "zone; elsewhere they fall through to public DNS and clients fail with "
            "'no such host'. Omitting associated_vpcs associates every VPC needing Confluent. "
            "(Applies to the centralized PrivateLink attachment zone.)"
        ),
        fix="add the VPC to dns.associated_vpcs (or omit the list), or set needs_confluent: false",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        dns = ctx.topology.aws.dns
        associated = dns.associated_vpcs
        if associated is None or dns.strategy is not DnsStrategy.CENTRALIZED:
            return
        if not any(d.kind == PLATT_KIND for d in confluent_domains(ctx.view)):
            return  # no centralized zone: ingress access points get zones of their own
        for placed in ctx.view.vpcs:
            if placed.vpc.needs_confluent and placed.vpc.name not in associated:
                yield Violation(
                    ("aws", "dns", "associated_vpcs"),
                    f"VPC {placed.vpc.name} needs Confluent but is not in dns.associated_vpcs: "
                    "private cluster names will not resolve there",
                    fix=f"add {placed.vpc.name} to dns.associated_vpcs, or set its "
                    "needs_confluent: false",
                )


RULE = VpcNotAssociated()
