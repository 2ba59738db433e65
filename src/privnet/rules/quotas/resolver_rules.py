"""QUOTA-006: Resolver rules per Region (AWS default 1,000).

Source: Route 53 quotas, "Quotas on Route 53 VPC Resolver" (https://docs.aws.amazon.com/Route53/
latest/DeveloperGuide/DNSLimitations.html): 1,000 rules per Region, adjustable. Counted from the
compiled ``aws.resolver_rule`` resources (the SYSTEM rule privnet creates in the stack's Region)
plus the existing forwarding rules the topology describes (``dns.forwarding_rules``), which
count against the same quota.
"""

from __future__ import annotations

from collections.abc import Iterator

from privnet.resources.kinds.aws_names import RESOLVER_RULE
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind

SOURCE = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    rules = sum(1 for _ in of_kind(graph, RESOLVER_RULE.name))
    rules += len({rule.name for rule in ctx.topology.aws.dns.forwarding_rules})
    if rules:
        yield Count(("aws", "dns"), f"Region {ctx.topology.region}", rules)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-006",
        title="Too many Resolver rules in a Region",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Route 53 VPC Resolver allows 1,000 rules per Region by default (Route 53 quotas, "
            f"{SOURCE}). privnet creates the SYSTEM rule for the Confluent domain; the forwarding "
            "rules the topology describes exist in the same Region and count too. Rules the "
            "topology does not describe are not seen: declare the quota that is left. A "
            "warning above 80% of the limit, an error above it."),
        fix="forward a parent domain with one rule instead of many, or have AWS raise the "
            "quota and declare it under aws.quotas.resolver_rules_per_region",
    ),
    cloud="aws",
    quota="resolver_rules_per_region",
    unit="Resolver rules",
    design_fix="forward a parent domain with one rule instead of one rule per subdomain",
    count=_count,
)
