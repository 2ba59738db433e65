"""FLINK-003: private Flink statements write only to private clusters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import Access
from privnet.topology.connectivity import flink_is_private


@dataclass(frozen=True)
class PrivateWritesPublic:
    meta = RuleMeta(
        id="FLINK-003",
        title="Private Flink statement writes to a public cluster",
        severity=Severity.ERROR,
        description=(
            "To prevent data exfiltration, statements of an environment with Flink private "
            "networking may read public and private clusters but write only to private ones; "
            "the statement fails when it starts."
        ),
        fix="write to a private cluster, or run the statement in an environment without a PLATT",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        if not flink_is_private(topology):
            return
        clusters = ctx.view.cluster_by_name
        for s, statement in enumerate(topology.confluent.flink.statements):
            for j, name in enumerate(statement.writes):
                cluster = clusters.get(name)
                if cluster is not None and cluster.access is Access.PUBLIC:
                    yield Violation(
                        ("confluent", "flink", "statements", s, "writes", j),
                        f"private statement {statement.name} writes to public cluster {name}",
                    )


RULE = PrivateWritesPublic()
