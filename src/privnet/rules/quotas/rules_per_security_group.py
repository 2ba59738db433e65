"""QUOTA-001: inbound, and separately outbound, rules per security group (AWS default 60).

Source: Amazon VPC quotas, "Security groups" (https://docs.aws.amazon.com/vpc/latest/userguide/
amazon-vpc-limits.html): 60 inbound and 60 outbound rules per security group, adjustable; the
quota times security groups per network interface cannot exceed 1,000. Counted from the
compiled ``aws.security_group`` resources: one rule per distinct protocol, port range and CIDR,
as privnet writes them (the hub endpoint's group gets one per client range and port).
"""

from __future__ import annotations

from collections.abc import Iterator

from privnet.resources.kinds.aws_network import SECURITY_GROUP
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, vpc_name, vpc_path

SOURCE = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    for group in of_kind(graph, SECURITY_GROUP.name):
        name = vpc_name(graph, group)
        path = (*vpc_path(ctx, name), "security_group") if (
            name in ctx.view.vpc_by_name
            and ctx.view.vpc_by_name[name].vpc.security_group is not None) else vpc_path(ctx, name)
        for direction in ("ingress", "egress"):
            rules = group.properties.get(direction) or []
            distinct = {(r.get("protocol"), r.get("from_port"), r.get("to_port"), r.get("cidr"))
                        for r in rules}
            yield Count(path, f"security group {group.address}", len(distinct),
                        "inbound" if direction == "ingress" else "outbound")


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-001",
        title="Too many rules in a security group",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "AWS allows 60 inbound and 60 outbound rules per security group by default "
            f"(Amazon VPC quotas, {SOURCE}); one more is refused with "
            "RulesPerSecurityGroupLimitExceeded in the middle of apply. privnet counts the "
            "rules of every security group it compiles: one per protocol, port range and "
            "source CIDR, so the hub endpoint's group grows with every client range. A "
            "warning above 80% of the limit, an error above it."),
        fix="aggregate the sources (contiguous client ranges, fewer ports) or have AWS raise "
            "the quota and declare it under aws.quotas.rules_per_security_group",
    ),
    cloud="aws",
    quota="rules_per_security_group",
    unit="rules",
    design_fix="give the clients contiguous ranges that merge into fewer sources, or declare "
               "the endpoint VPC's security_group with sources that cover them (their "
               "supernets, such as 10.0.0.0/8), or split the clients over more endpoint VPCs",
    count=_count,
)
