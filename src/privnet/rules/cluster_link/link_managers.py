"""LINK-007: link managers are service accounts the topology declares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class LinkManagers:
    meta = RuleMeta(
        id="LINK-007",
        title="Link manager is not a declared service account",
        severity=Severity.ERROR,
        description=(
            "A cluster link authenticates with the API key of its manager on each side; a "
            "manager that is not declared gets no key, so the link cannot be created."
        ),
        fix="declare the service account under confluent.service_accounts or fix the name",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.service_account_names
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            for field in ("source_manager", "destination_manager"):
                name = getattr(link, field)
                if name is not None and name not in known:
                    yield Violation(
                        ("confluent", "cluster_links", i, field),
                        f"link {link.name} {field} {name} is not a declared service account",
                    )


RULE = LinkManagers()
