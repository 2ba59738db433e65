"""PNI-009: PNI serves Enterprise (and Freight) clusters, not Dedicated ones."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import ClusterType
from privnet.topology.connectivity import PNI, cluster_connectivity, connectivity_by_name


@dataclass(frozen=True)
class PniClusterType:
    meta = RuleMeta(
        id="PNI-009",
        title="Dedicated cluster on a PNI gateway",
        severity=Severity.ERROR,
        description=(
            "Private Network Interface connectivity is offered for Enterprise and Freight "
            "clusters; a Dedicated cluster cannot be reached through a PNI gateway."
        ),
        fix="make the cluster an Enterprise cluster or give it PrivateLink connectivity",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        options = connectivity_by_name(ctx.topology)
        for i, cluster in ctx.view.private_clusters():
            name = cluster_connectivity(ctx.topology, cluster)
            target = options.get(name) if name else None
            if target is not None and target.kind == PNI and cluster.type is ClusterType.DEDICATED:
                yield Violation(
                    ("confluent", "clusters", i, "type"),
                    f"cluster {cluster.name} is Dedicated but uses PNI gateway {target.name}",
                )


RULE = PniClusterType()
