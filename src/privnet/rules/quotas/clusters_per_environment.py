"""QUOTA-010: Kafka clusters per environment (Confluent Cloud default 20).

Source: Service Quotas for Confluent Cloud (https://docs.confluent.io/cloud/current/quotas/
service-quotas.html), environment scope: "Kafka clusters per environment", 20, quota code
``kafka.max_kafka_clusters.per_env`` (400 per organization). Counted from the compiled
``confluent.cluster`` resources per environment; clusters already in an environment privnet
only uses count too, but privnet cannot see them: keep a margin.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.confluent_control import CLUSTER
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, ref_address

SOURCE = "https://docs.confluent.io/cloud/current/quotas/service-quotas.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_environment: Tally[str] = Tally()
    for cluster in of_kind(graph, CLUSTER.name):
        environment = cluster.properties.get("environment_id")
        per_environment[ref_address(environment) or str(environment)] += 1
    for environment, clusters in sorted(per_environment.items()):
        declared = ctx.topology.confluent.environment
        name = declared.name or declared.id or environment
        yield Count(("confluent", "clusters"), f"environment {name}", clusters)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-010",
        title="Too many Kafka clusters in one environment",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "Confluent Cloud allows 20 Kafka clusters per environment by default (Service "
            f"Quotas for Confluent Cloud, {SOURCE}); creating one more is refused. Every "
            "cluster of a topology lives in its one environment. A warning above 80% of the "
            "limit, an error above it."),
        fix="split the clusters over stacks with their own environments, or have Confluent "
            "Support raise the quota and declare it under "
            "confluent.quotas.kafka_clusters_per_environment",
    ),
    cloud="confluent",
    quota="kafka_clusters_per_environment",
    unit="Kafka clusters",
    design_fix="split the clusters over stacks with their own environments",
    count=_count,
)
