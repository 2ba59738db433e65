"""FLINK-001: private Flink needs a PrivateLink attachment in each compute pool's region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import flink_is_private, platt_regions


@dataclass(frozen=True)
class PoolWithoutPlatt:
    meta = RuleMeta(
        id="FLINK-001",
        title="Private Flink without a PrivateLink attachment in the region",
        severity=Severity.ERROR,
        description=(
            "Clients submit private Flink statements and fetch results through a PrivateLink "
            "attachment (the regional endpoint flink.<region>.aws.private.confluent.cloud). A "
            "private environment's compute pool in a region without a PLATT cannot be reached."
        ),
        fix="declare a PrivateLink attachment in the compute pool's region",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        flink = topology.confluent.flink
        if not flink_is_private(topology):
            return
        regions = platt_regions(topology)
        if not regions and not flink.compute_pools:
            yield Violation(
                ("confluent", "flink", "private_networking"),
                "Flink private networking is enabled but the environment has no PrivateLink "
                "attachment",
            )
        for i, pool in enumerate(flink.compute_pools):
            region = ctx.view.region_of(pool.region)
            if region not in regions:
                known = ", ".join(sorted(regions)) or "none"
                path = ("confluent", "flink", "compute_pools", i)
                yield Violation(
                    (*path, "region") if pool.region else (*path, "name"),
                    f"compute pool {pool.name} is in {region}, where the environment has no "
                    f"PrivateLink attachment (PLATT regions: {known})",
                    fix=f"add a PrivateLink attachment in {region} or move the pool",
                )


RULE = PoolWithoutPlatt()
