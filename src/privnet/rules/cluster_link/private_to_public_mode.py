"""LINK-001: a link from a private cluster to a public one must be source-initiated."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import Access, LinkMode


@dataclass(frozen=True)
class PrivateToPublicMode:
    meta = RuleMeta(
        id="LINK-001",
        title="Private-to-public link not source-initiated",
        severity=Severity.ERROR,
        description=(
            "A public destination cluster cannot open a connection into a private source. Only "
            "a source-initiated link works: the destination side waits INBOUND, the source side "
            "connects OUTBOUND. Any other mode fails at creation with 401."
        ),
        fix="set mode: source_initiated",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        clusters = ctx.view.cluster_by_name
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            source, destination = clusters.get(link.source), clusters.get(link.destination)
            if source is None or destination is None:
                continue  # LINK-005
            private_to_public = (
                source.access is Access.PRIVATE and destination.access is Access.PUBLIC
            )
            if private_to_public and link.mode is not LinkMode.SOURCE_INITIATED:
                yield Violation(
                    ("confluent", "cluster_links", i, "mode"),
                    f"link {link.name} goes from private cluster {source.name} to public cluster "
                    f"{destination.name} in mode {link.mode.value}; the destination cannot reach "
                    "the source",
                )


RULE = PrivateToPublicMode()
