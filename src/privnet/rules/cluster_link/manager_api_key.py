"""LINK-008: a link manager holds an API key on the cluster of its side."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class ManagerApiKey:
    meta = RuleMeta(
        id="LINK-008",
        title="Link manager without an API key on its cluster",
        severity=Severity.ERROR,
        description=(
            "The link object on a cluster is created with the manager's API key for that "
            "cluster, and a source-initiated source side also carries the destination "
            "manager's key. A manager without a key on its side's cluster leaves privnet "
            "nothing to authenticate with."
        ),
        fix="add the cluster to the manager's api_keys",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        accounts = {sa.name: sa for sa in ctx.topology.confluent.service_accounts}
        clusters = ctx.view.cluster_by_name
        for i, link in enumerate(ctx.topology.confluent.cluster_links):
            for field, cluster in (("source_manager", link.source),
                                   ("destination_manager", link.destination)):
                account = accounts.get(getattr(link, field) or "")
                if account is None or cluster not in clusters or cluster in account.api_keys:
                    continue  # unknown names are LINK-005's and LINK-007's findings
                yield Violation(
                    ("confluent", "cluster_links", i, field),
                    f"link {link.name} {field} {account.name} has no API key on cluster "
                    f"{cluster}",
                    fix=f"add {cluster} to api_keys of service account {account.name}",
                )


RULE = ManagerApiKey()
