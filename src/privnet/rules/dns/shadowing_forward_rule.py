"""DNS-003: a forwarding rule for a parent of the Confluent domain hides the private zone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import (
    PLATT_KIND,
    confluent_domains,
    is_parent_or_same,
    normalize_domain,
    zone_vpc_names,
)
from privnet.topology.aws import DnsStrategy
from privnet.topology.view import TopologyView


@dataclass(frozen=True)
class ShadowingForwardRule:
    meta = RuleMeta(
        id="DNS-003",
        title="Forwarding rule shadows the Confluent zone",
        severity=Severity.ERROR,
        description=(
            "Route 53 Resolver rules are consulted before private hosted zones: a FORWARD rule "
            "for confluent.cloud (or any parent, or '.') on a VPC sends private cluster names "
            "to other resolvers, which answer with public or no addresses. privnet's SYSTEM "
            "rule for the Confluent domain is more specific and restores the zone; turning it "
            "off leaves the forwarding rule in charge. A FORWARD rule for exactly the Confluent "
            "domain cannot share a VPC with that SYSTEM rule at all."
        ),
        fix="keep dns.system_rule: true, or remove the VPC from the forwarding rule",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        dns = ctx.topology.aws.dns
        domains = confluent_domains(ctx.view)
        needing = {p.vpc.name for p in ctx.view.vpcs if p.vpc.needs_confluent}
        with_system_rule = _system_rule_vpcs(ctx.view) if dns.system_rule else set()
        for r_index, rule in enumerate(dns.forwarding_rules):
            shadowed = [d for d in domains if is_parent_or_same(rule.domain, d.name)]
            exact = any(
                d.kind == PLATT_KIND and normalize_domain(rule.domain) == d.name for d in shadowed
            )
            names = ", ".join(d.name for d in shadowed)
            for v_index, vpc in enumerate(rule.vpcs):
                path = ("aws", "dns", "forwarding_rules", r_index, "vpcs", v_index)
                if exact and vpc in with_system_rule:
                    yield Violation(
                        path,
                        f"forwarding rule {rule.name} for {rule.domain} on VPC {vpc} has the "
                        "same domain as privnet's SYSTEM rule there; Route 53 takes one rule per "
                        "domain and VPC (RSLVR-00802)",
                        fix=f"remove {vpc} from forwarding rule {rule.name}",
                    )
                elif shadowed and not dns.system_rule and vpc in needing:
                    yield Violation(
                        path,
                        f"forwarding rule {rule.name} for '{rule.domain}' on VPC {vpc} captures "
                        f"{names} while dns.system_rule is false: private cluster names are "
                        "forwarded away from the private zone",
                    )


def _system_rule_vpcs(view: TopologyView) -> set[str]:
    """Where privnet associates its SYSTEM rule: the zone's VPCs (per_vpc: endpoint VPCs)."""
    if view.topology.aws.dns.strategy is DnsStrategy.CENTRALIZED:
        return set(zone_vpc_names(view))
    return {
        p.vpc.name
        for p in view.vpcs
        if p.vpc.endpoint is not None
        and view.connectivity_names.get(p.vpc.endpoint.connectivity) == PLATT_KIND
    }


RULE = ShadowingForwardRule()
