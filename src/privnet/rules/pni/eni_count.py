"""PNI-001: a PNI access point needs at least 51 ENIs so Confluent can scale onto them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import pni_access_points

MIN_ENIS = 51


@dataclass(frozen=True)
class PniEniCount:
    meta = RuleMeta(
        id="PNI-001",
        title="Too few ENIs for a PNI access point",
        severity=Severity.ERROR,
        description=(
            "Confluent requires at least 51 ENIs per PNI access point (17 per subnet in three "
            "zones) so that broker scaling never waits on the network layer. privnet creates "
            "`enis_per_subnet` ENIs in every subnet of the VPC that lies in a gateway zone and "
            "adds the listed `network_interfaces`."
        ),
        fix="raise enis_per_subnet (17 x 3 subnets = 51) or list more existing network_interfaces",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in pni_access_points(ctx.topology):
            ap = placed.access_point
            vpc = ctx.view.vpc_by_name.get(ap.vpc)
            if vpc is None:
                continue  # PNI-007 reports the unknown VPC
            zones = set(placed.gateway.zones)
            subnets = [s for s in vpc.vpc.subnets if s.az_id in zones]
            total = ap.enis_per_subnet * len(subnets) + len(set(ap.network_interfaces))
            if total < MIN_ENIS:
                missing = MIN_ENIS - total
                yield Violation(
                    (*placed.path, "enis_per_subnet"),
                    f"access point {ap.name} would have {total} ENIs ({ap.enis_per_subnet} x "
                    f"{len(subnets)} subnets of VPC {ap.vpc} in gateway zones + "
                    f"{len(set(ap.network_interfaces))} listed); {MIN_ENIS} are needed",
                    fix=f"add {missing} more ENIs: raise enis_per_subnet or add subnets in "
                    f"the gateway zones {', '.join(placed.gateway.zones)}",
                )


RULE = PniEniCount()
