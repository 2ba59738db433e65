"""CONF-010: a consumer ACL set names the consumer group it may join."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.confluent import AclProfile


@dataclass(frozen=True)
class ConsumerGroup:
    meta = RuleMeta(
        id="CONF-010",
        title="Consumer ACLs without a consumer group",
        severity=Severity.ERROR,
        description=(
            "A Kafka consumer needs READ on its topics and READ on its consumer group to join "
            "the group and commit offsets; the consumer profile grants the group READ only "
            "when `group` is set, so without it every poll fails with GROUP_AUTHORIZATION_FAILED."
        ),
        fix="set group: to the consumer's group id",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for i, acl_set in enumerate(ctx.topology.confluent.acls):
            if acl_set.profile is AclProfile.CONSUMER and acl_set.group is None:
                yield Violation(
                    ("confluent", "acls", i, "profile"),
                    f"consumer ACLs of {acl_set.principal} on cluster {acl_set.cluster} name no "
                    "consumer group",
                    fix=f"add group: <group id of {acl_set.principal}>",
                )


RULE = ConsumerGroup()
