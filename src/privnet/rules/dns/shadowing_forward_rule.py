"""DNS-003: a forwarding rule for a parent of the Confluent domain hides the private zone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import (
    confluent_domains,
    is_parent_or_same,
    normalize_domain,
)


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
            "off leaves the forwarding rule in charge."
        ),
        fix="keep dns.system_rule: true, or remove the VPC from the forwarding rule",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        dns = ctx.topology.aws.dns
        domains = confluent_domains(ctx.view)
        needing = {p.vpc.name for p in ctx.view.vpcs if p.vpc.needs_confluent}
        for r_index, rule in enumerate(dns.forwarding_rules):
            shadowed = [d.name for d in domains if is_parent_or_same(rule.domain, d.name)]
            if not shadowed:
                continue
            exact = [d for d in shadowed if normalize_domain(rule.domain) == d]
            for v_index, vpc in enumerate(rule.vpcs):
                if vpc not in needing:
                    continue
                path = ("aws", "dns", "forwarding_rules", r_index, "vpcs", v_index)
                if exact and dns.system_rule:
                    yield Violation(
                        path,
                        f"forwarding rule {rule.name} for {rule.domain} on VPC {vpc} has the "
                        "same domain as privnet's SYSTEM rule; a VPC takes one rule per domain",
                        fix=f"remove {vpc} from forwarding rule {rule.name}",
                    )
                elif not dns.system_rule:
                    yield Violation(
                        path,
                        f"forwarding rule {rule.name} for '{rule.domain}' on VPC {vpc} captures "
                        f"{', '.join(shadowed)} while dns.system_rule is false: private cluster "
                        "names are forwarded away from the private zone",
                    )


RULE = ShadowingForwardRule()
