"""LINK-009: reverse mirrors exist only on bidirectional links."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import LinkMode


@dataclass(frozen=True)
class ReverseMirrorMode:
    meta = RuleMeta(
        id="LINK-009",
        title="Reverse mirror on a one-way link",
        severity=Severity.ERROR,
        description=(
            "Only a bidirectional link carries data both ways. On a source- or "
            "destination-initiated link, data flows from source to destination only, so a "
            "mirror with reverse: true has no path."
        ),
        fix="make the link bidirectional, or declare a second link the other way",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            if link.mode is LinkMode.BIDIRECTIONAL:
                continue
            for m, mirror in enumerate(link.mirrors):
                if mirror.reverse:
                    yield Violation(
                        ("confluent", "cluster_links", i, "mirrors", m, "reverse"),
                        f"mirror {mirror.name or mirror.source_topic} of {link.mode.value} link "
                        f"{link.name} is reverse, but the link only carries {link.source} -> "
                        f"{link.destination}",
                    )


RULE = ReverseMirrorMode()
