"""ROUTE-004: every VPC lives in the stack's region, where its Transit Gateway is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class VpcRegion:
    meta = RuleMeta(
        id="ROUTE-004",
        title="VPC outside the stack's region",
        severity=Severity.ERROR,
        description=(
            "A Transit Gateway attaches VPCs of its own region only; joining another region "
            "takes a Transit Gateway peering attachment, which privnet does not build. privnet "
            "creates and looks up every VPC in the stack's region, so a VPC declared in another "
            "region would be built, or searched for, in the wrong place."
        ),
        fix="remove the VPC's region (it defaults to the stack's), or give it its own stack",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        stack_region = ctx.topology.region
        for placed in ctx.view.vpcs:
            region = placed.vpc.region
            if region is None or region == stack_region:
                continue
            yield Violation(
                (*placed.path, "region"),
                f"VPC {placed.vpc.name} is declared in {region}, the stack is in {stack_region}",
                fix=f"remove 'region: {region}' or describe this VPC in a stack of {region}",
            )


RULE = VpcRegion()
