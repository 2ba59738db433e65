"""FLINK-004: making Flink private is a one-way door; say so before it happens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import platt_regions


@dataclass(frozen=True)
class PrivateIrreversible:
    meta = RuleMeta(
        id="FLINK-004",
        title="Flink private networking cannot be undone",
        severity=Severity.WARNING,
        description=(
            "Once an environment has a PrivateLink attachment, its Flink statements and "
            "workspaces are private for good: deleting the PLATT does not make them public "
            "again, it only makes them unreachable until a new PLATT exists. Public statements "
            "become read-only and new ones are private only."
        ),
        fix="confirm the environment should stay private for Flink; use another environment "
        "for public Flink workloads",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        flink = topology.confluent.flink
        environment = topology.confluent.environment.name
        if flink.private_networking:
            yield Violation(
                ("confluent", "flink", "private_networking"),
                f"Flink private networking in environment {environment} cannot be disabled once "
                "enabled",
            )
        elif flink.compute_pools and platt_regions(topology):
            yield Violation(
                ("confluent", "flink", "compute_pools"),
                f"environment {environment} has a PrivateLink attachment, so its Flink compute "
                "pools run private Flink, which cannot be made public again",
            )


RULE = PrivateIrreversible()
