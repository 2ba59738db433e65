"""What every quota rule shares: the limit in force, the severity of a count, the compiled graph.

Counts come from the compiled resource graph (:func:`privnet.resources.compile.planned_resources`,
computed once per topology), so a rule counts exactly the objects apply would create: when
the compiler merges routes or security group sources, the rules follow without a change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from privnet.errors import PrivnetError
from privnet.resources.kinds.aws_network import VPC
from privnet.resources.model import Ref, Resource, ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.model import Topology
from privnet.topology.quotas import AWS_QUOTAS, CONFLUENT_QUOTAS
from privnet.topology.source_map import DocPath

WARN_AT = 0.8
"""A count above this share of the limit is a warning: the next few objects will not fit."""


@dataclass(frozen=True)
class Count:
    """How many of the limited objects one owner (a group, a table, a zone...) would have."""

    path: DocPath
    owner: str
    count: int
    detail: str = ""
    """What was counted, when the owner's name alone does not say (``ingress``, a Region)."""


Counter = Callable[[RuleContext, ResourceGraph], Iterable[Count]]


@dataclass(frozen=True)
class QuotaRule:
    """A rule judging every :class:`Count` against one quota: error above it, warning near it."""

    meta: RuleMeta
    cloud: str
    """``aws`` or ``confluent``: where the quota is declared (``<cloud>.quotas``)."""
    quota: str
    unit: str
    """What is counted, plural: ``routes``, ``VPC associations``."""
    design_fix: str
    """The design change that lowers the count, for the finding's fix."""
    count: Counter

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        graph = planned_graph(ctx.topology)
        if graph is None:
            return  # the compile error is what the user must fix first
        limit, declared = limit_of(ctx.topology, self.cloud, self.quota)
        for item in self.count(ctx, graph):
            severity = severity_of(item.count, limit)
            if severity is None:
                continue
            what = f" ({item.detail})" if item.detail else ""
            origin = "declared" if declared else "default"
            yield Violation(
                item.path,
                f"{item.owner}{what} would have {item.count} {self.unit}; the "
                f"{origin} quota is {limit}"
                + ("" if severity is Severity.ERROR else f" ({item.count * 100 // limit}%)"),
                fix=self._fix(limit),
                severity=severity,
            )

    def _fix(self, limit: int) -> str:
        quotas = AWS_QUOTAS if self.cloud == "aws" else CONFLUENT_QUOTAS
        if not quotas[self.quota].adjustable:
            return f"{self.design_fix} (this quota cannot be raised)"
        return (f"{self.design_fix}, or have the quota raised and declare it: "
                f"{self.cloud}: {{quotas: {{{self.quota}: <new limit above {limit}>}}}}")


def limit_of(topology: Topology, cloud: str, quota: str) -> tuple[int, bool]:
    """The limit in force and whether the topology declared it."""
    if cloud == "aws":
        declared, known = topology.aws.quotas, AWS_QUOTAS
    else:
        declared, known = topology.confluent.quotas, CONFLUENT_QUOTAS
    if quota in declared:
        return declared[quota], True
    return known[quota].default, False


def severity_of(count: int, limit: int) -> Severity | None:
    """ERROR above the limit, WARNING above :data:`WARN_AT` of it, else nothing."""
    if count > limit:
        return Severity.ERROR
    if count > limit * WARN_AT:
        return Severity.WARNING
    return None


def planned_graph(topology: Topology) -> ResourceGraph | None:
    """The compiled graph, or None when the topology does not compile (reported elsewhere)."""
    from privnet.resources.compile import planned_resources

    try:
        return planned_resources(topology)
    except (PrivnetError, ValueError, KeyError):
        return None


def of_kind(graph: ResourceGraph, kind: str) -> Iterator[Resource]:
    """The graph's resources of one kind, in address order (stable findings)."""
    for address in sorted(graph.resources):
        resource = graph.resources[address]
        if resource.kind == kind:
            yield resource


def ref_address(value: object) -> str | None:
    """The address a property refers to, or None for a literal (an existing id)."""
    return value.address if isinstance(value, Ref) else None


def vpc_name(graph: ResourceGraph, resource: Resource) -> str | None:
    """The topology name of the VPC a resource's ``vpc_id`` (or first subnet's) refers to."""
    subnets = resource.properties.get("subnet_ids") or []
    subnet = graph.resources.get(ref_address(subnets[0]) or "") if subnets else None
    if "vpc_id" not in resource.properties and subnet is not None:
        resource = subnet
    address = ref_address(resource.properties.get("vpc_id"))
    if address is None or address not in graph.resources or not VPC.has(address):
        return None
    return address[len(VPC.name) + 1:]


def vpc_path(ctx: RuleContext, name: str | None) -> DocPath:
    """Where a VPC is declared; the AWS section when it is not found."""
    placed = ctx.view.vpc_by_name.get(name) if name else None
    return placed.path if placed is not None else ("aws",)
