"""ROUTE-005: an explicit route may cover its own VPC (a supernet), not lie inside it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.view import parse_cidr


@dataclass(frozen=True)
class RouteInsideVpc:
    meta = RuleMeta(
        id="ROUTE-005",
        title="Route to the VPC's own addresses",
        severity=Severity.ERROR,
        description=(
            "Every route privnet adds leads to the Transit Gateway. A destination inside the "
            "VPC's own CIDR (or equal to it) would send the VPC's own addresses away from its "
            "local route, so privnet refuses to build it. A destination that covers the VPC "
            "(a supernet such as 10.0.0.0/8 from 10.1.0.0/16) is fine: the local route is "
            "more specific, so the VPC's own traffic stays local, and one such route can "
            "replace many (QUOTA-003)."
        ),
        fix="remove the route, or route to a range outside the VPC or one that covers it",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            own = parse_cidr(placed.vpc.cidr)
            if own is None:
                continue
            for index, route in enumerate(placed.vpc.routes or []):
                destination = ctx.view.location_cidr(route.destination)
                if destination is None or not destination.subnet_of(own):
                    continue
                yield Violation(
                    (*placed.path, "routes", index, "destination"),
                    f"route of VPC {placed.vpc.name} to {route.destination} ({destination}) "
                    f"lies inside the VPC itself ({own}), which its local route serves",
                    fix="remove this route; to reach other VPCs through one route, use a "
                        "range that covers them and this VPC, such as its supernet",
                )


RULE = RouteInsideVpc()
