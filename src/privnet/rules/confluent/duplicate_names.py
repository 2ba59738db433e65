"""CONF-008: names that become addresses are unique in their scope."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import connectivities
from privnet.topology.source_map import DocPath


def _duplicates(
    kind: str, named: Iterable[tuple[str, DocPath]], scope: str = ""
) -> Iterator[Violation]:
    first: dict[str, DocPath] = {}
    for name, path in named:
        if name in first:
            yield Violation(path, f"{kind} {name}{scope} is declared twice",
                            fix=f"rename one of the {kind}s named {name}")
        else:
            first[name] = path


@dataclass(frozen=True)
class DuplicateNames:
    meta = RuleMeta(
        id="CONF-008",
        title="Duplicate name",
        severity=Severity.ERROR,
        description=(
            "Every object has one address built from its name (aws.vpc.<name>, "
            "confluent.cluster.<name>, ...); two objects with one name would share state, "
            "plans and findings. Topics are unique per cluster; VPCs across hub and workloads; "
            "connectivity options across PLATTs, ingress and PNI gateways."
        ),
        fix="give each object its own name",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        c = ctx.topology.confluent
        yield from _duplicates("VPC", ((p.vpc.name, (*p.path, "name")) for p in ctx.view.vpcs))
        yield from _duplicates("connectivity", (
            (o.name, (*o.path, "name")) for o in connectivities(ctx.topology)))
        yield from _duplicates("cluster", (
            (cl.name, ("confluent", "clusters", i, "name")) for i, cl in enumerate(c.clusters)))
        for i, cluster in enumerate(c.clusters):
            yield from _duplicates("topic", (
                (t.name, ("confluent", "clusters", i, "topics", j, "name"))
                for j, t in enumerate(cluster.topics)), f" on cluster {cluster.name}")
        yield from _duplicates("service account", (
            (sa.name, ("confluent", "service_accounts", i, "name"))
            for i, sa in enumerate(c.service_accounts)))
        yield from _duplicates("cluster link", (
            (link.name, ("confluent", "cluster_links", i, "name"))
            for i, link in enumerate(c.cluster_links)))
        yield from _duplicates("connector", (
            (f"{con.name} (cluster {con.cluster})", ("confluent", "connectors", i, "name"))
            for i, con in enumerate(c.connectors)))
        yield from _duplicates("compute pool", (
            (p.name, ("confluent", "flink", "compute_pools", i, "name"))
            for i, p in enumerate(c.flink.compute_pools)))
        yield from _duplicates("Flink statement", (
            (s.name, ("confluent", "flink", "statements", i, "name"))
            for i, s in enumerate(c.flink.statements)))


RULE = DuplicateNames()
