"""CONF-002: ACLs, connectors, role bindings and API keys name clusters the topology declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation

SCHEMA_REGISTRY = "schema_registry"


@dataclass(frozen=True)
class UnknownCluster:
    meta = RuleMeta(
        id="CONF-002",
        title="Reference to an undeclared cluster",
        severity=Severity.ERROR,
        description=(
            "ACLs, connectors, cluster-scoped role bindings and API keys all live on a cluster; "
            "a cluster name that is not declared cannot be resolved to a cluster id. API keys "
            "may also name `schema_registry`, the environment's Schema Registry."
        ),
        fix="name a cluster declared under confluent.clusters",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.cluster_by_name
        hint = ", ".join(sorted(known)) or "none"
        confluent = ctx.topology.confluent
        for i, acl_set in enumerate(confluent.acls):
            if acl_set.cluster not in known:
                yield Violation(
                    ("confluent", "acls", i, "cluster"),
                    f"ACLs of {acl_set.principal} are on cluster {acl_set.cluster}, which is not "
                    f"declared (known: {hint})",
                )
        for i, connector in enumerate(confluent.connectors):
            if connector.cluster not in known:
                yield Violation(
                    ("confluent", "connectors", i, "cluster"),
                    f"connector {connector.name} runs on cluster {connector.cluster}, which is "
                    f"not declared (known: {hint})",
                )
        for s, account in enumerate(confluent.service_accounts):
            for r, role in enumerate(account.roles):
                if role.cluster is not None and role.cluster not in known:
                    yield Violation(
                        ("confluent", "service_accounts", s, "roles", r, "cluster"),
                        f"role {role.role} of {account.name} is on cluster {role.cluster}, which "
                        f"is not declared (known: {hint})",
                    )
            for k, target in enumerate(account.api_keys):
                if target != SCHEMA_REGISTRY and target not in known:
                    yield Violation(
                        ("confluent", "service_accounts", s, "api_keys", k),
                        f"API key of {account.name} is for {target}, which is neither a declared "
                        f"cluster nor {SCHEMA_REGISTRY} (known: {hint})",
                    )


RULE = UnknownCluster()
