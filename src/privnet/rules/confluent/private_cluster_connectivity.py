"""CONF-006: every private cluster is reachable through one declared connectivity option."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import connectivities


@dataclass(frozen=True)
class PrivateClusterConnectivity:
    meta = RuleMeta(
        id="CONF-006",
        title="Private cluster without connectivity",
        severity=Severity.ERROR,
        description=(
            "A private cluster is reachable only through a PrivateLink attachment, ingress "
            "gateway or PNI gateway of its environment. With none declared, a name that is not "
            "declared, or several declared and none chosen, privnet cannot tell which network "
            "path clients use."
        ),
        fix="declare the connectivity and name it in the cluster's connectivity",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        options = [c.name for c in connectivities(ctx.topology)]
        listed = ", ".join(options)
        for i, cluster in ctx.view.private_clusters():
            path = ("confluent", "clusters", i)
            if cluster.connectivity is not None:
                if cluster.connectivity not in options:
                    yield Violation(
                        (*path, "connectivity"),
                        f"private cluster {cluster.name} uses connectivity "
                        f"{cluster.connectivity}, which is not declared "
                        f"(declared: {listed or 'none'})",
                    )
            elif not options:
                yield Violation(
                    (*path, "name"),
                    f"private cluster {cluster.name} has no connectivity: the environment "
                    "declares no PrivateLink attachment, ingress gateway or PNI gateway",
                    fix="declare one under confluent.connectivity, or make the cluster public",
                )
            elif len(options) > 1:
                yield Violation(
                    (*path, "name"),
                    f"private cluster {cluster.name} does not choose among the connectivity "
                    f"options {listed}",
                    fix=f"set connectivity: to one of {listed}",
                )


RULE = PrivateClusterConnectivity()
