"""ADDR-006: a subnet's AZ ID must belong to its VPC's region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.regions import az_id_belongs, az_ids, is_known_region, looks_like_az_name


@dataclass(frozen=True)
class AzIdRegion:
    meta = RuleMeta(
        id="ADDR-006",
        title="AZ ID outside the VPC's region",
        severity=Severity.ERROR,
        description=(
            "A subnet lives in one of its region's AZs; an AZ ID from another region (or one "
            "the region does not have) cannot be created, and the zonal DNS record for it "
            "would point nowhere. Unknown regions are reported elsewhere and skipped here."
        ),
        fix="use one of the region's AZ IDs",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            region = ctx.view.region_of(placed.vpc.region)
            if not is_known_region(region):
                continue
            valid = az_ids(region)
            for index, subnet in enumerate(placed.vpc.subnets):
                if looks_like_az_name(subnet.az_id) or az_id_belongs(subnet.az_id, region):
                    continue
                yield Violation(
                    (*placed.path, "subnets", index, "az_id"),
                    f"subnet {subnet.cidr} of VPC {placed.vpc.name} uses AZ ID "
                    f"'{subnet.az_id}', which is not an AZ ID of {region}",
                    fix=f"use one of {', '.join(valid)}",
                )


RULE = AzIdRegion()
