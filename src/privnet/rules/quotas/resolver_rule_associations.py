"""QUOTA-005: Resolver rule associations per Region (AWS default 2,000).

Source: Route 53 quotas, "Quotas on Route 53 VPC Resolver" (https://docs.aws.amazon.com/Route53/
latest/DeveloperGuide/DNSLimitations.html): 2,000 associations between Resolver rules and VPCs
per Region, adjustable. Counted from the compiled ``aws.resolver_rule_association`` resources,
grouped by the Region of the VPC each associates, plus the associations of the existing
forwarding rules the topology describes (``dns.forwarding_rules[].vpcs``).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.aws_names import RESOLVER_RULE_ASSOCIATION
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, vpc_name

SOURCE = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_region: Tally[str] = Tally()
    for association in of_kind(graph, RESOLVER_RULE_ASSOCIATION.name):
        name = vpc_name(graph, association)
        placed = ctx.view.vpc_by_name.get(name) if name else None
        per_region[ctx.view.region_of(placed.vpc.region if placed else None)] += 1
    for rule in ctx.topology.aws.dns.forwarding_rules:
        for name in set(rule.vpcs):
            placed = ctx.view.vpc_by_name.get(name)
            per_region[ctx.view.region_of(placed.vpc.region if placed else None)] += 1
    for region, count in sorted(per_region.items()):
        yield Count(("aws", "dns"), f"Region {region}", count)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-005",
        title="Too many Resolver rule associations in a Region",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Route 53 VPC Resolver allows 2,000 associations between rules and VPCs per Region "
            f"by default (Route 53 quotas, {SOURCE}). privnet associates its SYSTEM rule with "
            "every VPC that resolves Confluent names, and the forwarding rules the topology "
            "describes are associated with the VPCs they list: all count. A warning above 80% "
            "of the limit, an error above it."),
        fix="associate fewer VPCs (dns.associated_vpcs, forwarding_rules[].vpcs), use fewer "
            "forwarding rules, or have AWS raise the quota and declare it under "
            "aws.quotas.resolver_rule_associations_per_region",
    ),
    cloud="aws",
    quota="resolver_rule_associations_per_region",
    unit="Resolver rule associations",
    design_fix="associate fewer VPCs with each resolver rule or use fewer forwarding rules",
    count=_count,
)
