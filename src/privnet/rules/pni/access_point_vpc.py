"""PNI-007: a PNI access point places its ENIs in a VPC the topology declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import pni_access_points


@dataclass(frozen=True)
class PniAccessPointVpc:
    meta = RuleMeta(
        id="PNI-007",
        title="PNI access point in an undeclared VPC",
        severity=Severity.ERROR,
        description=(
            "privnet creates the access point's ENIs in the subnets of the VPC it names; a VPC "
            "that is not declared has no subnets to put them in."
        ),
        fix="name a VPC declared under aws.vpcs or aws.hub",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.vpc_by_name
        for placed in pni_access_points(ctx.topology):
            ap = placed.access_point
            if ap.vpc not in known:
                yield Violation(
                    (*placed.path, "vpc"),
                    f"PNI access point {ap.name} names VPC {ap.vpc}, which is not declared "
                    f"(known: {', '.join(sorted(known)) or 'none'})",
                )


RULE = PniAccessPointVpc()
