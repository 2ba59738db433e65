"""LINK-006: consumers on the cluster receiving a mirror can read the mirror topic."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.acl_grants import allows_on_topic
from privnet.topology.confluent import AclOperation, AclProfile, AclSet


def _is_consumer(acl_set: AclSet) -> bool:
    """A consumer-profile set, or a hand-written one that joins a consumer group."""
    return acl_set.profile is AclProfile.CONSUMER or (
        acl_set.profile is None and acl_set.group is not None
    )


@dataclass(frozen=True)
class MirrorConsumerRead:
    meta = RuleMeta(
        id="LINK-006",
        title="Consumer cannot read a mirror topic",
        severity=Severity.ERROR,
        description=(
            "Mirror topics exist to be consumed on the cluster that receives them: produce to "
            "the source topic, consume from the mirror. A consumer ACL set on that cluster that "
            "grants no READ on the mirror (by name or PREFIXED pattern) gets authorization "
            "errors; seed 000 shipped exactly this gap."
        ),
        fix="add the mirror topic to the consumer's topics (or a PREFIXED READ entry)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        clusters = ctx.view.cluster_by_name
        mirrors: dict[str, list[str]] = {}
        for link in ctx.topology.confluent.cluster_links:
            for mirror in link.mirrors:
                target = link.source if mirror.reverse else link.destination
                if target in clusters:
                    mirrors.setdefault(target, []).append(mirror.name or mirror.source_topic)
        for i, acl_set in enumerate(ctx.topology.confluent.acls):
            if not _is_consumer(acl_set):
                continue
            for topic in mirrors.get(acl_set.cluster, []):
                if not allows_on_topic(acl_set, AclOperation.READ, topic):
                    yield Violation(
                        ("confluent", "acls", i, "topics"),
                        f"consumer {acl_set.principal} on cluster {acl_set.cluster} has no READ "
                        f"on mirror topic {topic}",
                        fix=f"add {topic} to the topics of {acl_set.principal}'s ACL set",
                    )


RULE = MirrorConsumerRead()
