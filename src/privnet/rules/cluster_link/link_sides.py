"""LINK-002: every link mode needs its link objects; bidirectional and source-initiated need two."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import LinkMode

REQUIRED_SIDES: dict[LinkMode, tuple[str, ...]] = {
    LinkMode.BIDIRECTIONAL: ("source", "destination"),
    LinkMode.SOURCE_INITIATED: ("source", "destination"),
    LinkMode.DESTINATION_INITIATED: ("destination",),
}

WHY: dict[LinkMode, str] = {
    LinkMode.BIDIRECTIONAL: "a bidirectional link is two link objects of the same name, one on "
    "each cluster",
    LinkMode.SOURCE_INITIATED: "a source-initiated link needs the INBOUND destination side and "
    "the OUTBOUND source side",
    LinkMode.DESTINATION_INITIATED: "a destination-initiated link lives on the destination",
}


@dataclass(frozen=True)
class LinkSides:
    meta = RuleMeta(
        id="LINK-002",
        title="Cluster link side missing",
        severity=Severity.ERROR,
        description=(
            "A link works only once all of its link objects exist: both sides for bidirectional "
            "and source-initiated links, the destination side for destination-initiated ones. "
            "With one side missing, mirrors never start."
        ),
        fix="list the missing side in sides",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            missing = [s for s in REQUIRED_SIDES[link.mode] if s not in link.sides]
            if missing:
                yield Violation(
                    ("confluent", "cluster_links", i, "sides"),
                    f"link {link.name} ({link.mode.value}) lacks its {' and '.join(missing)} "
                    f"side: {WHY[link.mode]}",
                    fix=f"sides: [{', '.join(REQUIRED_SIDES[link.mode])}]",
                )


RULE = LinkSides()
