"""FLINK-002: Flink reaches a Dedicated cluster privately only via a PLATT in its region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import Access, ClusterType
from privnet.topology.connectivity import cluster_region, flink_is_private, platt_regions


@dataclass(frozen=True)
class DedicatedNeedsPlatt:
    meta = RuleMeta(
        id="FLINK-002",
        title="Dedicated cluster used by Flink without a same-region PLATT",
        severity=Severity.ERROR,
        description=(
            "Whatever a Dedicated cluster's own networking (PrivateLink, peering, Transit "
            "Gateway), private Flink reaches it only if the environment has a PrivateLink "
            "attachment in the cluster's region; Enterprise clusters reuse their PLATT."
        ),
        fix="declare a PrivateLink attachment in the Dedicated cluster's region",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        private_flink = flink_is_private(topology)
        regions = platt_regions(topology)
        clusters = ctx.view.cluster_by_name
        for s, statement in enumerate(topology.confluent.flink.statements):
            for field in ("reads", "writes"):
                for j, name in enumerate(getattr(statement, field)):
                    cluster = clusters.get(name)
                    if cluster is None or cluster.type is not ClusterType.DEDICATED:
                        continue
                    if not (private_flink or cluster.access is Access.PRIVATE):
                        continue
                    region = cluster_region(topology, cluster)
                    if region not in regions:
                        yield Violation(
                            ("confluent", "flink", "statements", s, field, j),
                            f"statement {statement.name} uses Dedicated cluster {name} in "
                            f"{region}, but the environment has no PrivateLink attachment there",
                            fix=f"add a PrivateLink attachment in {region}",
                        )


RULE = DedicatedNeedsPlatt()
