"""A resource is desired state at a stable address; the graph orders them by real dependencies.

Addresses look like ``<cloud>.<kind>.<name>`` (``aws.vpc.sandbox``,
``confluent.cluster.shared``, ``confluent.link.sandbox_shared.destination``). The kind is the
address without its name part(s): ``aws.vpc``, ``confluent.cluster``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from privnet.ordering import strict_order
from privnet.resources.json_tree import leaves


@dataclass(frozen=True)
class Ref:
    """A property value taken from another resource's attributes once it exists."""

    address: str
    attribute: str

    def __str__(self) -> str:
        return f"${{{self.address}.{self.attribute}}}"


@dataclass(frozen=True)
class Resource:
    """Desired state of one object; ``properties`` are JSON-able values or :class:`Ref`s."""

    address: str
    kind: str
    properties: Mapping[str, Any]
    depends_on: tuple[str, ...] = ()

    def refs(self) -> Iterator[Ref]:
        yield from refs_in(self.properties)

    @property
    def dependencies(self) -> set[str]:
        """Explicit dependencies plus every resource a property refers to."""
        return set(self.depends_on) | {ref.address for ref in self.refs()}


def refs_in(value: Any) -> Iterator[Ref]:
    """Every reference in a property tree."""
    return (leaf for leaf in leaves(value) if isinstance(leaf, Ref))


@dataclass
class ResourceGraph:
    """Resources by address with dependency edges; acyclic by construction (checked)."""

    resources: dict[str, Resource] = field(default_factory=dict)

    def add(self, resource: Resource) -> Resource:
        if resource.address in self.resources:
            raise ValueError(f"duplicate resource address {resource.address}")
        self.resources[resource.address] = resource
        return resource

    def dependencies(self, address: str) -> set[str]:
        return self.resources[address].dependencies & self.resources.keys()

    def dependents(self, address: str) -> set[str]:
        return {a for a, r in self.resources.items() if address in r.dependencies}

    def topological_order(self) -> list[str]:
        """Addresses with every dependency before its dependents; raises on a cycle."""
        return strict_order({a: self.dependencies(a) for a in self.resources})
