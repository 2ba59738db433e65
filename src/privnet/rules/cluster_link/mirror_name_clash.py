"""LINK-004: a mirror topic's name is free on the cluster it is created on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.source_map import DocPath


@dataclass(frozen=True)
class MirrorNameClash:
    meta = RuleMeta(
        id="LINK-004",
        title="Mirror topic name already taken",
        severity=Severity.ERROR,
        description=(
            "A mirror topic is a topic of its own on the cluster that receives it. A regular "
            "topic or another mirror with the same name there makes the creation fail (or, if "
            "the regular topic comes first, leaves it unmirrored)."
        ),
        fix="give the mirror another name (mirrors[].name) or drop the regular topic",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        clusters = ctx.view.cluster_by_name
        taken: dict[tuple[str, str], str] = {}
        for cluster in ctx.topology.confluent.clusters:
            for topic in cluster.topics:
                taken.setdefault((cluster.name, topic.name), "a regular topic")
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            for m, mirror in enumerate(link.mirrors):
                target = link.source if mirror.reverse else link.destination
                if target not in clusters:
                    continue  # LINK-005
                name = mirror.name or mirror.source_topic
                key = (target, name)
                field = "name" if mirror.name else "source_topic"
                path: DocPath = ("confluent", "cluster_links", i, "mirrors", m, field)
                if key in taken:
                    yield Violation(
                        path,
                        f"mirror {name} of link {link.name} would be created on cluster {target}, "
                        f"where {taken[key]} has that name",
                    )
                else:
                    taken[key] = f"the mirror of link {link.name}"


RULE = MirrorNameClash()
