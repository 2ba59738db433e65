"""Diagrams of a stack as designed (the topology) or as built (the topology plus its state).

Pure functions: the caller loads the topology and, for the built view, the state; this module
only draws. One format-neutral picture is built, then written as Mermaid or Graphviz DOT.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from privnet.render.diagram_aws import add_aws, dns_roles
from privnet.render.diagram_confluent import add_confluent
from privnet.render.diagram_dns import add_dns
from privnet.render.diagram_dot import diagram_dot
from privnet.render.diagram_mermaid import diagram_mermaid
from privnet.render.diagram_model import Diagram
from privnet.render.diagram_overlay import ObservedResource, overlay_state
from privnet.topology.model import Topology
from privnet.topology.view import TopologyView

__all__ = ["DiagramFormat", "ObservedResource", "build_diagram", "render_diagram"]


class DiagramFormat(StrEnum):
    MERMAID = "mermaid"
    DOT = "dot"


def build_diagram(topology: Topology,
                  observed: Mapping[str, ObservedResource] | None = None,
                  managed: frozenset[str] | None = None) -> Diagram:
    """The stack's picture; with ``observed`` (the state), annotated with what exists.

    ``managed`` lists the addresses privnet creates for the topology, so that only those are
    called "not created" when the state lacks them (None: every drawn address counts).
    """
    view = TopologyView(topology)
    source = "state" if observed is not None else "topology"
    diagram = Diagram(f"privnet stack {topology.stack} ({source})")
    add_confluent(diagram, topology)
    roles = dns_roles(view)
    add_aws(diagram, view, roles)
    attributes = {a: r.attributes for a, r in (observed or {}).items()}
    add_dns(diagram, view, roles, attributes)
    if observed is not None:
        overlay_state(diagram, observed, managed)
    return diagram


def render_diagram(topology: Topology, fmt: DiagramFormat = DiagramFormat.MERMAID,
                   observed: Mapping[str, ObservedResource] | None = None,
                   managed: frozenset[str] | None = None) -> str:
    """The diagram as Mermaid flowchart or DOT text."""
    diagram = build_diagram(topology, observed, managed)
    return diagram_mermaid(diagram) if fmt is DiagramFormat.MERMAID else diagram_dot(diagram)
