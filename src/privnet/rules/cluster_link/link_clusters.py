"""LINK-005: a link joins two different clusters declared in the topology."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class LinkClusters:
    meta = RuleMeta(
        id="LINK-005",
        title="Link endpoint cluster unknown or repeated",
        severity=Severity.ERROR,
        description=(
            "privnet creates the link objects on the clusters named by source and destination, "
            "so both must be declared, and a link from a cluster to itself mirrors nothing."
        ),
        fix="name two different clusters declared under confluent.clusters",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.cluster_by_name
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            for side in ("source", "destination"):
                name = getattr(link, side)
                if name not in known:
                    yield Violation(
                        ("confluent", "cluster_links", i, side),
                        f"link {link.name} {side} {name} is not a declared cluster "
                        f"(known: {', '.join(sorted(known)) or 'none'})",
                    )
            if link.source == link.destination:
                yield Violation(
                    ("confluent", "cluster_links", i, "destination"),
                    f"link {link.name} links cluster {link.source} to itself",
                )


RULE = LinkClusters()
