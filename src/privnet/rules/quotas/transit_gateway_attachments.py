"""QUOTA-007: attachments per transit gateway (AWS: 5,000, not adjustable).

Source: AWS Transit Gateway quotas, "Transit gateway attachments" (https://docs.aws.amazon.com/
vpc/latest/tgw/transit-gateway-quotas.html): 5,000 attachments per transit gateway, not
adjustable. Counted from the compiled ``aws.tgw_attachment`` resources per transit gateway.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.aws_transit import TGW_ATTACHMENT
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, ref_address

SOURCE = "https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_gateway: Tally[str] = Tally()
    for attachment in of_kind(graph, TGW_ATTACHMENT.name):
        gateway = attachment.properties.get("transit_gateway_id")
        per_gateway[ref_address(gateway) or str(gateway)] += 1
    for gateway, count in sorted(per_gateway.items()):
        yield Count(("aws", "hub", "transit_gateway"), f"transit gateway {gateway}", count)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-007",
        title="Too many attachments on the transit gateway",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "A transit gateway takes at most 5,000 attachments and AWS does not raise this "
            f"quota (Transit Gateway quotas, {SOURCE}). privnet attaches every VPC it routes. "
            "A warning above 80% of the limit, an error above it."),
        fix="split the VPCs over more stacks, each with its own transit gateway",
    ),
    cloud="aws",
    quota="attachments_per_transit_gateway",
    unit="attachments",
    design_fix="split the VPCs over more stacks, each with its own transit gateway, or "
               "leave VPCs that need no route unattached (transit_gateway.attach: false)",
    count=_count,
)
