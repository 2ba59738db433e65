"""QUOTA-004: VPCs associated with one private hosted zone (AWS default 300).

Source: Route 53 quotas, "Quotas on hosted zones" (https://docs.aws.amazon.com/Route53/latest/
DeveloperGuide/DNSLimitations.html): 300 Amazon VPCs per private hosted zone, adjustable (AWS
suggests Route 53 Profiles beyond it). Counted from the compiled zone (created with one VPC) and
its ``aws.zone_association`` resources.
"""

from __future__ import annotations

from collections.abc import Iterator

from privnet.resources.kinds.aws_names import ZONE, ZONE_ASSOCIATION
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, ref_address

SOURCE = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DNSLimitations.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    vpcs: dict[str, set[str]] = {}
    for zone in of_kind(graph, ZONE.name):
        vpcs[zone.address] = {v for v in [ref_address(zone.properties.get("vpc_id"))] if v}
    for association in of_kind(graph, ZONE_ASSOCIATION.name):
        zone_address = ref_address(association.properties.get("zone_id"))
        vpc = ref_address(association.properties.get("vpc_id"))
        if zone_address is not None and vpc is not None:
            vpcs.setdefault(zone_address, set()).add(vpc)
    for zone_address, associated in sorted(vpcs.items()):
        yield Count(("aws", "dns"), f"private hosted zone {zone_address}", len(associated))


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-004",
        title="Too many VPCs associated with a private hosted zone",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Route 53 associates at most 300 VPCs with one private hosted zone by default "
            f"(Route 53 quotas, {SOURCE}). With centralized DNS every associated VPC (by "
            "default every VPC) is associated with the one Confluent zone. A warning above "
            "80% of the limit, an error above it."),
        fix="associate only the VPCs whose clients use Confluent (dns.associated_vpcs), split "
            "the VPCs over more stacks, or have AWS raise the quota and declare it under "
            "aws.quotas.vpcs_per_private_hosted_zone",
    ),
    cloud="aws",
    quota="vpcs_per_private_hosted_zone",
    unit="associated VPCs",
    design_fix="associate only the VPCs whose clients use Confluent (dns.associated_vpcs) "
               "or split the VPCs over more stacks",
    count=_count,
)
