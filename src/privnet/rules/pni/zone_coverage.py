"""PNI-002: ENI subnets and the PNI gateway zones must be the same set of AZ IDs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import pni_access_points


@dataclass(frozen=True)
class PniZoneCoverage:
    meta = RuleMeta(
        id="PNI-002",
        title="PNI subnets and gateway zones disagree",
        severity=Severity.ERROR,
        description=(
            "Confluent attaches only ENIs whose AZ ID is one of the gateway's zones: ENIs in "
            "other zones are refused, and a gateway zone without a subnet in the access point's "
            "VPC leaves the brokers of that zone without an interface."
        ),
        fix="make the VPC's subnets and the gateway's zones cover the same AZ IDs",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in pni_access_points(ctx.topology):
            ap = placed.access_point
            vpc = ctx.view.vpc_by_name.get(ap.vpc)
            if vpc is None or not vpc.vpc.subnets:
                continue
            zones = placed.gateway.zones
            subnet_zones = {s.az_id for s in vpc.vpc.subnets}
            for i, subnet in enumerate(vpc.vpc.subnets):
                if subnet.az_id not in zones:
                    yield Violation(
                        (*vpc.path, "subnets", i, "az_id"),
                        f"subnet {subnet.cidr} of VPC {ap.vpc} is in {subnet.az_id}, which PNI "
                        f"gateway {placed.gateway.name} does not cover ({', '.join(zones)}); "
                        "ENIs there would be refused",
                        fix=f"add {subnet.az_id} to gateway {placed.gateway.name}'s zones or move "
                        "the subnet into a gateway zone",
                    )
            for z, zone in enumerate(zones):
                if zone not in subnet_zones:
                    yield Violation(
                        (*placed.gateway_path, "zones", z),
                        f"PNI gateway {placed.gateway.name} zone {zone} has no subnet in VPC "
                        f"{ap.vpc} (access point {ap.name})",
                        fix=f"add a subnet in {zone} to VPC {ap.vpc} or drop the zone",
                    )


RULE = PniZoneCoverage()
