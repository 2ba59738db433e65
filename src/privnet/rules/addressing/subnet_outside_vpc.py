"""ADDR-002: a subnet's CIDR must lie inside the CIDR of the VPC it belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.view import parse_cidr


@dataclass(frozen=True)
class SubnetOutsideVpc:
    meta = RuleMeta(
        id="ADDR-002",
        title="Subnet outside its VPC",
        severity=Severity.ERROR,
        description=(
            "EC2 only accepts subnets carved from their VPC's range; a subnet outside it fails "
            "at creation and leaves the endpoint without the zone it was meant to cover."
        ),
        fix="choose a subnet CIDR inside the VPC CIDR",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            vpc_net = parse_cidr(placed.vpc.cidr)
            if vpc_net is None:
                continue
            for index, subnet in enumerate(placed.vpc.subnets):
                net = parse_cidr(subnet.cidr)
                if net is not None and not net.subnet_of(vpc_net):
                    yield Violation(
                        (*placed.path, "subnets", index, "cidr"),
                        f"subnet {net} ({subnet.az_id}) of VPC {placed.vpc.name} is not inside "
                        f"the VPC CIDR {vpc_net}",
                        fix=f"choose a subnet CIDR inside {vpc_net}",
                    )


RULE = SubnetOutsideVpc()
