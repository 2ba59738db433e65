"""QUOTA-008: interface endpoints per VPC (AWS default 50).

Source: AWS PrivateLink quotas, "VPC endpoint quotas" (https://docs.aws.amazon.com/vpc/latest/
privatelink/vpc-limits-endpoints.html): 50 interface and Gateway Load Balancer endpoints per
VPC, adjustable. Counted from the compiled ``aws.vpc_endpoint`` resources per VPC (endpoints
privnet did not create count too, but privnet cannot see them: keep a margin).
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.aws_network import VPC_ENDPOINT
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, vpc_name, vpc_path

SOURCE = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-limits-endpoints.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_vpc: Tally[str] = Tally()
    for endpoint in of_kind(graph, VPC_ENDPOINT.name):
        per_vpc[vpc_name(graph, endpoint) or ""] += 1
    for name, count in sorted(per_vpc.items()):
        yield Count(vpc_path(ctx, name or None), f"VPC {name or '(unknown)'}", count)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-008",
        title="Too many interface endpoints in a VPC",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "AWS allows 50 interface (and Gateway Load Balancer) endpoints per VPC by default "
            f"(AWS PrivateLink quotas, {SOURCE}). privnet creates one interface endpoint per "
            "Confluent connectivity a VPC reaches. A warning above 80% of the limit, an error "
            "above it."),
        fix="reach the clusters through fewer PrivateLink attachments (one attachment serves "
            "every cluster of its environment and region), or have AWS raise the quota and "
            "declare it under aws.quotas.interface_endpoints_per_vpc",
    ),
    cloud="aws",
    quota="interface_endpoints_per_vpc",
    unit="interface endpoints",
    design_fix="reach the clusters through fewer PrivateLink attachments or ingress gateways",
    count=_count,
)
