"""QUOTA-009: cluster API keys owned by one service account (Confluent Cloud: 100).

Source: Service Quotas for Confluent Cloud, service account scope (https://docs.confluent.io/
cloud/current/quotas/service-quotas.html), quota code
``iam.max_cluster_api_keys.per_service_account``; the service accounts page says the number of
API keys a service account may own is limited by it. The value 100 is what
``confluent service-quota list service_account`` reports for an organisation that shows the
user-account quota at 10 (a published listing); the quota table itself could not be read here,
so an account with a different figure declares it. Counted from the compiled ``confluent.api_key``
resources per owner, each a rotation ring that holds up to ``key_rotation.keep`` + 1 keys while a
rotation is under way.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.confluent_control import API_KEY, SERVICE_ACCOUNT
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, ref_address

SOURCE = "https://docs.confluent.io/cloud/current/quotas/service-quotas.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_owner: Tally[str] = Tally()
    for key in of_kind(graph, API_KEY.name):
        owner = ref_address(key.properties.get("owner_id"))
        if owner is not None and SERVICE_ACCOUNT.has(owner):
            per_owner[owner[len(SERVICE_ACCOUNT.name) + 1:]] += int(key.properties["keep"]) + 1
    index = {a.name: i for i, a in enumerate(ctx.topology.confluent.service_accounts)}
    for account, keys in sorted(per_owner.items()):
        path = ("confluent", "service_accounts", index[account], "api_keys") \
            if account in index else ("confluent", "service_accounts")
        yield Count(path, f"service account {account}", keys)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-009",
        title="Too many API keys for one service account",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Confluent Cloud caps the cluster API keys one service account owns (100, quota "
            "iam.max_cluster_api_keys.per_service_account; Service Quotas for Confluent "
            f"Cloud, {SOURCE}). privnet keeps a ring of "
            "key_rotation.keep keys per account and resource, one more while a rotation "
            "overlaps, so an account with keys for many clusters outgrows the quota at its "
            "first rotation. A warning above 80% of the limit, an error above it."),
        fix="give each application its own service account, lower key_rotation.keep, or have "
            "Confluent Support raise the quota and declare it under "
            "confluent.quotas.api_keys_per_service_account",
    ),
    cloud="confluent",
    quota="api_keys_per_service_account",
    unit="API keys (keep + 1 per resource)",
    design_fix="give each application its own service account or lower key_rotation.keep",
    count=_count,
)
