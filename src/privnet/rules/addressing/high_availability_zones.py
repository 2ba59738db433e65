"""ADDR-005: an endpoint serving a HIGH availability cluster needs subnets in 3 AZ IDs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import Availability
from privnet.topology.view import TopologyView

REQUIRED_ZONES = 3


@dataclass(frozen=True)
class HighAvailabilityZones:
    meta = RuleMeta(
        id="ADDR-005",
        title="Too few AZs for a HIGH availability cluster",
        severity=Severity.ERROR,
        description=(
            "A HIGH availability cluster spreads its brokers over three zones and clients "
            "reach each broker through the endpoint's ENI in that broker's zone (zonal DNS "
            "names use the AZ ID). An endpoint in fewer zones leaves brokers unreachable "
            "or routes them cross-zone, defeating the availability the cluster pays for."
        ),
        fix="give the VPC private subnets in at least 3 distinct AZ IDs",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        high = _high_availability_connectivities(ctx.view)
        for placed in ctx.view.vpcs:
            endpoint = placed.vpc.endpoint
            if endpoint is None or endpoint.connectivity not in high:
                continue
            zones = sorted({subnet.az_id for subnet in placed.vpc.subnets})
            if len(zones) >= REQUIRED_ZONES:
                continue
            clusters = ", ".join(high[endpoint.connectivity])
            where = ", ".join(zones) if zones else "no subnets"
            path = (*placed.path, "subnets") if placed.vpc.subnets else (*placed.path, "endpoint")
            yield Violation(
                path,
                f"VPC {placed.vpc.name} has an endpoint to {endpoint.connectivity}, used by "
                f"HIGH availability cluster(s) {clusters}, but its subnets cover "
                f"{len(zones)} AZ ID(s) ({where}); {REQUIRED_ZONES} are needed",
            )


def _high_availability_connectivities(view: TopologyView) -> dict[str, list[str]]:
    """Connectivity name -> private HIGH clusters using it (explicitly or as the only one)."""
    only = list(view.connectivity_names)
    default = only[0] if len(only) == 1 else None
    found: dict[str, list[str]] = {}
    for _, cluster in view.private_clusters():
        name = cluster.connectivity or default
        if cluster.availability is Availability.HIGH and name is not None:
            found.setdefault(name, []).append(cluster.name)
    return found


RULE = HighAvailabilityZones()
