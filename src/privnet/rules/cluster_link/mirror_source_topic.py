"""LINK-003: a mirror mirrors a topic that exists on the cluster it reads from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class MirrorSourceTopic:
    meta = RuleMeta(
        id="LINK-003",
        title="Mirror of an undeclared source topic",
        severity=Severity.ERROR,
        description=(
            "A mirror topic copies a topic of the link's source cluster (for a reverse mirror "
            "on a bidirectional link, of the destination cluster). If that topic is not declared "
            "there, the mirror creation fails or waits forever for a topic nobody creates."
        ),
        fix="declare the topic on the cluster the mirror reads from, or fix source_topic",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        clusters = ctx.view.cluster_by_name
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            for m, mirror in enumerate(link.mirrors):
                origin_name = link.destination if mirror.reverse else link.source
                origin = clusters.get(origin_name)
                if origin is None:
                    continue  # LINK-005
                topics = {t.name for t in origin.topics}
                if mirror.source_topic not in topics:
                    yield Violation(
                        ("confluent", "cluster_links", i, "mirrors", m, "source_topic"),
                        f"mirror of {mirror.source_topic} on link {link.name} reads cluster "
                        f"{origin.name}, which declares no topic {mirror.source_topic} "
                        f"(declared: {', '.join(sorted(topics)) or 'none'})",
                    )


RULE = MirrorSourceTopic()
