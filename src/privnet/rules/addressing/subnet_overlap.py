"""ADDR-003: the subnets of one VPC must not overlap each other."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.view import parse_cidr


@dataclass(frozen=True)
class SubnetOverlap:
    meta = RuleMeta(
        id="ADDR-003",
        title="Overlapping subnets in a VPC",
        severity=Severity.ERROR,
        description=(
            "EC2 refuses a subnet whose range overlaps another subnet of the same VPC, so the "
            "second one (and the endpoint ENI meant for its zone) is never created."
        ),
        fix="give each subnet of the VPC a disjoint CIDR",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            seen: list[tuple[int, ipaddress.IPv4Network]] = []
            for index, subnet in enumerate(placed.vpc.subnets):
                net = parse_cidr(subnet.cidr)
                if net is None:
                    continue
                for other_index, other in seen:
                    if net.overlaps(other):
                        yield Violation(
                            (*placed.path, "subnets", index, "cidr"),
                            f"subnet {net} of VPC {placed.vpc.name} overlaps subnet {other} "
                            f"(subnets[{other_index}])",
                        )
                seen.append((index, net))


RULE = SubnetOverlap()
