"""The format-neutral picture both diagram renderers draw: groups, nodes and edges by address.

Building the picture once and rendering it twice keeps Mermaid and DOT output telling the same
story; every element keeps the privnet address it stands for, so state can annotate it later.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Shape(StrEnum):
    """Node shapes; both renderers map each to their nearest equivalent."""

    BOX = "box"
    ROUND = "round"
    CYLINDER = "cylinder"
    HEXAGON = "hexagon"


class Line(StrEnum):
    """How an edge is drawn: solid, dashed (unused or not created) or thick (the DNS choice)."""

    SOLID = "solid"
    DASHED = "dashed"
    THICK = "thick"


class Arrow(StrEnum):
    """Which ends of an edge carry an arrowhead."""

    FORWARD = "forward"
    BOTH = "both"
    NONE = "none"


UNUSED = "unused"
"""Class of a node that exists but carries no traffic (an endpoint no DNS record points at)."""
MISSING = "missing"
"""Class of a node that the topology declares but the state does not hold."""
HUB = "hub"
"""Class of the endpoint every centralized DNS record points at."""
PUBLIC = "public"
"""Class of a cluster reached over the internet."""


@dataclass(frozen=True)
class Group:
    """A box around related nodes (environment, cluster, VPC); ``parent`` nests it."""

    key: str
    label: tuple[str, ...]
    parent: str = ""
    address: str = ""


@dataclass(frozen=True)
class Node:
    """One drawn object; ``address`` is its privnet address and the source of its id."""

    address: str
    label: tuple[str, ...]
    group: str = ""
    shape: Shape = Shape.BOX
    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Edge:
    """A relation between two node addresses; ``addresses`` are the resources it stands for."""

    source: str
    target: str
    label: str = ""
    line: Line = Line.SOLID
    arrow: Arrow = Arrow.FORWARD
    addresses: tuple[str, ...] = ()


@dataclass
class Diagram:
    """Everything to draw, keyed by address so builders can look each other's nodes up."""

    title: str
    groups: dict[str, Group] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def group(self, key: str, *label: str, parent: str = "", address: str = "") -> str:
        self.groups[key] = Group(key, tuple(label), parent, address)
        return key

    def node(self, address: str, *label: str, group: str = "", shape: Shape = Shape.BOX,
             classes: frozenset[str] = frozenset()) -> str:
        self.nodes[address] = Node(address, tuple(label), group, shape, classes)
        return address

    def edge(self, source: str, target: str, label: str = "", *, line: Line = Line.SOLID,
             arrow: Arrow = Arrow.FORWARD, addresses: tuple[str, ...] = ()) -> None:
        """Add an edge; one naming a node that was never drawn is dropped, not dangling."""
        if source in self.nodes and target in self.nodes:
            self.edges.append(Edge(source, target, label, line, arrow, addresses))

    def restyle(self, address: str, *, label: tuple[str, ...] | None = None,
                add_class: str = "") -> None:
        node = self.nodes[address]
        classes = node.classes | {add_class} if add_class else node.classes
        self.nodes[address] = replace(node, label=label or node.label, classes=classes)

    def children(self, group: str) -> tuple[list[Group], list[Node]]:
        """Sub-groups and nodes directly inside ``group`` ("" is the top level).

        Whatever names a group that was never drawn sits at the top level, so nothing is lost.
        """
        groups = [g for g in self.groups.values() if self._placed(g.parent) == group]
        nodes = [n for n in self.nodes.values() if self._placed(n.group) == group]
        return groups, nodes

    def _placed(self, group: str) -> str:
        return group if group in self.groups else ""


_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def plain_id(address: str) -> str:
    """``aws.vpc.sandbox`` -> ``aws_vpc_sandbox``: an id both Mermaid and DOT accept bare."""
    return _UNSAFE.sub("_", address)


def node_ids(addresses: list[str]) -> dict[str, str]:
    """Stable, unique ids; addresses that would collide (``a-b`` / ``a_b``) get a hash suffix."""
    by_id: dict[str, list[str]] = {}
    for address in sorted(set(addresses)):
        by_id.setdefault(plain_id(address), []).append(address)
    ids: dict[str, str] = {}
    for plain, owners in by_id.items():
        for address in owners:
            if len(owners) == 1:
                ids[address] = plain
            else:
                digest = hashlib.sha256(address.encode()).hexdigest()[:8]
                ids[address] = f"{plain}_{digest}"
    return ids


@dataclass(frozen=True)
class DiagramIds:
    """Renderer ids: nodes by address, groups by key (groups prefixed ``sg_``, never clashing)."""

    nodes: dict[str, str]
    groups: dict[str, str]


def diagram_ids(diagram: Diagram) -> DiagramIds:
    groups = {key: f"sg_{value}" for key, value in node_ids(list(diagram.groups)).items()}
    return DiagramIds(node_ids(list(diagram.nodes)), groups)
