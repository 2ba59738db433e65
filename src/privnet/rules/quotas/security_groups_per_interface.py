"""QUOTA-002: security groups per network interface (AWS default 5).

Source: Amazon VPC quotas, "Security groups" (https://docs.aws.amazon.com/vpc/latest/userguide/
amazon-vpc-limits.html): 5 per network interface, adjustable up to 16, and this quota times
rules per security group cannot exceed 1,000. Counted from the compiled interface endpoints
(``aws.vpc_endpoint``: every endpoint interface carries all the endpoint's groups) and PNI ENIs
(``aws.pni_enis``).
"""

from __future__ import annotations

from collections.abc import Iterator

from privnet.resources.kinds.aws_network import PNI_ENIS, VPC_ENDPOINT
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, vpc_name, vpc_path

SOURCE = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    for kind in (VPC_ENDPOINT, PNI_ENIS):
        for owner in of_kind(graph, kind.name):
            groups = owner.properties.get("security_group_ids") or []
            distinct = {str(g) for g in groups}
            name = vpc_name(graph, owner)
            yield Count(vpc_path(ctx, name), f"the network interfaces of {owner.address}",
                        len(distinct))


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-002",
        title="Too many security groups on a network interface",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "AWS attaches at most 5 security groups to one network interface by default "
            f"(Amazon VPC quotas, {SOURCE}). privnet counts the groups it gives each interface "
            "endpoint and each set of PNI ENIs. A warning above 80% of the limit, an error "
            "above it."),
        fix="merge the groups' rules into fewer groups or have AWS raise the quota and "
            "declare it under aws.quotas.security_groups_per_network_interface",
    ),
    cloud="aws",
    quota="security_groups_per_network_interface",
    unit="security groups",
    design_fix="merge the rules into fewer security groups",
    count=_count,
)
