"""FLINK-006: a statement uses clusters of its compute pool's region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import cluster_region


@dataclass(frozen=True)
class CrossRegion:
    meta = RuleMeta(
        id="FLINK-006",
        title="Flink statement uses a cluster of another region",
        severity=Severity.ERROR,
        description=(
            "Flink compute pools are regional and query the Kafka clusters (Flink databases) "
            "of their own region; a cluster in another region is not visible to the statement."
        ),
        fix="run the statement in a compute pool of the cluster's region",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        flink = topology.confluent.flink
        pools = {p.name: ctx.view.region_of(p.region) for p in flink.compute_pools}
        clusters = ctx.view.cluster_by_name
        for s, statement in enumerate(flink.statements):
            pool_region = pools.get(statement.compute_pool)
            if pool_region is None:
                continue  # FLINK-005
            for field in ("reads", "writes"):
                for j, name in enumerate(getattr(statement, field)):
                    cluster = clusters.get(name)
                    if cluster is None:
                        continue
                    region = cluster_region(topology, cluster)
                    if region != pool_region:
                        yield Violation(
                            ("confluent", "flink", "statements", s, field, j),
                            f"statement {statement.name} in pool {statement.compute_pool} "
                            f"({pool_region}) {field} cluster {name} in {region}",
                        )


RULE = CrossRegion()
