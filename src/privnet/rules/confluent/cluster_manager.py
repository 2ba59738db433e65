"""CONF-012: a cluster with topics, ACLs or links has an account that can manage it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.resources.confluent_access import cluster_admin
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class ClusterManager:
    meta = RuleMeta(
        id="CONF-012",
        title="No service account can manage a cluster's data plane",
        severity=Severity.ERROR,
        description=(
            "Topics, ACLs, cluster links and mirrors are created through the cluster's own REST "
            "endpoint with a cluster API key; privnet uses the key of a service account holding "
            "CloudClusterAdmin on that cluster (or EnvironmentAdmin / OrganizationAdmin). "
            "Without one, nothing on the cluster can be created."
        ),
        fix="give a service account the CloudClusterAdmin role on the cluster and an API key "
            "for it",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        conf = ctx.topology.confluent
        needs: dict[str, str] = {}
        for cluster in conf.clusters:
            if cluster.topics:
                needs.setdefault(cluster.name, "has topics")
        for acl_set in conf.acls:
            needs.setdefault(acl_set.cluster, f"has ACLs for {acl_set.principal}")
        for link in conf.cluster_links:
            if link.source_manager is None:
                needs.setdefault(link.source, f"is the source of link {link.name}")
            if link.destination_manager is None:
                needs.setdefault(link.destination, f"is the destination of link {link.name}")
        for index, cluster in enumerate(conf.clusters):
            reason = needs.get(cluster.name)
            if reason is None:
                continue
            try:
                cluster_admin(conf, cluster.name)
            except ValueError:
                yield Violation(
                    ("confluent", "clusters", index, "name"),
                    f"cluster {cluster.name} {reason} but no service account with "
                    "CloudClusterAdmin on it (or EnvironmentAdmin) has an API key for it",
                )


RULE = ClusterManager()
