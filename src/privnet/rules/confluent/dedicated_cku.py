"""CONF-009: CKUs size Dedicated clusters, and only them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import Availability, ClusterType


@dataclass(frozen=True)
class DedicatedCku:
    meta = RuleMeta(
        id="CONF-009",
        title="Dedicated cluster options misused",
        severity=Severity.ERROR,
        description=(
            "A Dedicated cluster is provisioned with a number of CKUs (at least 2 for HIGH "
            "availability, i.e. multi-zone); Enterprise clusters scale elastically and reject "
            "a CKU count."
        ),
        fix="set cku on Dedicated clusters only (>= 2 with availability HIGH)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for i, cluster in enumerate(ctx.topology.confluent.clusters):
            path = ("confluent", "clusters", i)
            if cluster.type is ClusterType.DEDICATED:
                if cluster.cku is None:
                    yield Violation(
                        (*path, "type"),
                        f"Dedicated cluster {cluster.name} has no cku",
                        fix="add cku: 2 (or more)",
                    )
                elif cluster.availability is Availability.HIGH and cluster.cku < 2:
                    yield Violation(
                        (*path, "cku"),
                        f"Dedicated cluster {cluster.name} with availability HIGH has "
                        f"{cluster.cku} CKU; multi-zone Dedicated clusters need at least 2",
                        fix="set cku: 2 or availability: LOW",
                    )
            elif cluster.cku is not None:
                yield Violation(
                    (*path, "cku"),
                    f"cluster {cluster.name} is {cluster.type.value} but sets cku "
                    f"{cluster.cku}; only Dedicated clusters have CKUs",
                    fix="remove cku, or make the cluster Dedicated",
                )


RULE = DedicatedCku()
