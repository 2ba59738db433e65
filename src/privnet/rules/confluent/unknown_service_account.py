"""CONF-001: ACLs and connectors name service accounts the topology declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class UnknownServiceAccount:
    meta = RuleMeta(
        id="CONF-001",
        title="Reference to an undeclared service account",
        severity=Severity.ERROR,
        description=(
            "ACL principals and connector service accounts are resolved to service account ids "
            "when privnet applies the stack; a name that is not declared has no id, so the ACL "
            "or connector cannot be created."
        ),
        fix="declare the service account under confluent.service_accounts or fix the name",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.service_account_names
        hint = ", ".join(sorted(known)) or "none"
        confluent = ctx.topology.confluent
        for i, acl_set in enumerate(confluent.acls):
            if acl_set.principal not in known:
                yield Violation(
                    ("confluent", "acls", i, "principal"),
                    f"ACL principal {acl_set.principal} on cluster {acl_set.cluster} is not a "
                    f"declared service account (known: {hint})",
                )
        for i, connector in enumerate(confluent.connectors):
            if connector.service_account not in known:
                yield Violation(
                    ("confluent", "connectors", i, "service_account"),
                    f"connector {connector.name} runs as {connector.service_account}, which is "
                    f"not a declared service account (known: {hint})",
                )


RULE = UnknownServiceAccount()
