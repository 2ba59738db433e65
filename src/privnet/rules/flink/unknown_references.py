"""FLINK-005: statements name declared compute pools and clusters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class UnknownReferences:
    meta = RuleMeta(
        id="FLINK-005",
        title="Flink statement names an unknown pool or cluster",
        severity=Severity.ERROR,
        description=(
            "A statement runs in a compute pool and reads and writes clusters (Flink databases) "
            "of the stack; names that are not declared cannot be checked for where data may "
            "flow, nor resolved when the statement is submitted."
        ),
        fix="name a compute pool under confluent.flink.compute_pools and declared clusters",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        flink = ctx.topology.confluent.flink
        pools = {p.name for p in flink.compute_pools}
        clusters = ctx.view.cluster_by_name
        for s, statement in enumerate(flink.statements):
            path = ("confluent", "flink", "statements", s)
            if statement.compute_pool not in pools:
                yield Violation(
                    (*path, "compute_pool"),
                    f"statement {statement.name} runs in compute pool {statement.compute_pool}, "
                    f"which is not declared (declared: {', '.join(sorted(pools)) or 'none'})",
                )
            for field in ("reads", "writes"):
                for j, name in enumerate(getattr(statement, field)):
                    if name not in clusters:
                        yield Violation(
                            (*path, field, j),
                            f"statement {statement.name} {field} cluster {name}, which is not "
                            f"declared (declared: {', '.join(sorted(clusters)) or 'none'})",
                        )


RULE = UnknownReferences()
