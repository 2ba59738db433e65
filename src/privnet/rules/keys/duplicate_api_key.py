"""KEYS-003: a service account lists each API key target once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class DuplicateApiKey:
    meta = RuleMeta(
        id="KEYS-003",
        title="API key target listed twice",
        severity=Severity.ERROR,
        description=(
            "Each (service account, resource) pair has one rotated key set and one secret path "
            "in Secrets Manager; listing the target twice makes two rotations fight over it."
        ),
        fix="list each cluster (or schema_registry) once in api_keys",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for s, account in enumerate(ctx.topology.confluent.service_accounts):
            seen: set[str] = set()
            for k, target in enumerate(account.api_keys):
                if target in seen:
                    yield Violation(
                        ("confluent", "service_accounts", s, "api_keys", k),
                        f"service account {account.name} lists an API key for {target} twice",
                    )
                seen.add(target)


RULE = DuplicateApiKey()
