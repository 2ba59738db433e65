"""CONF-013: the Confluent environment has a name or an id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class UnnamedEnvironment:
    meta = RuleMeta(
        id="CONF-013",
        title="Environment without name or id",
        severity=Severity.ERROR,
        description=(
            "privnet creates the Confluent environment by its name, or uses an existing one "
            "by its id. verify never reads it, so a file describing an existing network may "
            "leave it out; plan and apply cannot go on without one."
        ),
        fix="give confluent.environment.name (or the id of an existing environment)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        environment = ctx.topology.confluent.environment
        if not environment.name.strip() and not environment.id:
            yield Violation(("confluent", "environment"),
                            "the Confluent environment has neither a name nor an id")


RULE = UnnamedEnvironment()
