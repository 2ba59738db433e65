"""KEYS-002: the rotation interval is at least one day."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class RotationInterval:
    meta = RuleMeta(
        id="KEYS-002",
        title="Key rotation interval below one day",
        severity=Severity.ERROR,
        description=(
            "Keys are replaced every `day_count` days. Zero or a negative count would rotate on "
            "every run, replacing keys before clients have picked up the previous ones."
        ),
        fix="set key_rotation.day_count to 1 or more (30 is common)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        day_count = ctx.topology.confluent.key_rotation.day_count
        if day_count < 1:
            yield Violation(
                ("confluent", "key_rotation", "day_count"),
                f"key_rotation.day_count is {day_count}; keys would rotate on every run",
            )


RULE = RotationInterval()
