"""KEYS-001: rotation keeps at least two keys, so a rotation never leaves zero valid keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation

MIN_KEEP = 2


@dataclass(frozen=True)
class RotationKeep:
    meta = RuleMeta(
        id="KEYS-001",
        title="Key rotation keeps fewer than two keys",
        severity=Severity.ERROR,
        description=(
            "Rotation replaces the oldest key with a new one; clients switch only after the new "
            "key has synced. With a single key, the key in use is deleted while clients still "
            "hold it, and there is a window with no valid key at all."
        ),
        fix="set key_rotation.keep to 2 or more",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        keep = ctx.topology.confluent.key_rotation.keep
        if keep < MIN_KEEP:
            yield Violation(
                ("confluent", "key_rotation", "keep"),
                f"key_rotation.keep is {keep}; rotation needs at least {MIN_KEEP} keys per "
                "service account and resource",
            )


RULE = RotationKeep()
