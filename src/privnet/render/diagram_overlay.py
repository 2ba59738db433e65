"""Annotate a designed diagram with what really exists: real ids, pending and missing objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from privnet.render.diagram_model import MISSING, Diagram, Line

NOT_CREATED = "not created"
PARTLY_CREATED = "partly created"
ID_KEYS = ("cluster_link_id", "id")
CLOUD_PREFIXES = ("aws.", "confluent.")


@dataclass(frozen=True)
class ObservedResource:
    """What the state holds about one address (ids and non-secret attributes only)."""

    attributes: Mapping[str, Any] = field(default_factory=dict)
    pending: bool = False


def real_id(attributes: Mapping[str, Any]) -> str | None:
    """The cloud id worth showing (vpc-..., lkc-..., vpce-...), not privnet's composite keys."""
    for key in ID_KEYS:
        value = attributes.get(key)
        if isinstance(value, str) and value and "/" not in value:
            return value
    return None


def overlay_state(diagram: Diagram, observed: Mapping[str, ObservedResource],
                  managed: frozenset[str] | None) -> None:
    """Label known objects with their ids; mark managed ones the state lacks as not created.

    ``managed`` is the set of addresses privnet creates for this topology; None means unknown,
    in which case every drawn cloud address (``aws.*``, ``confluent.*``) counts as managed.
    """
    def is_missing(address: str) -> bool:
        if address in observed:
            return False
        return address in managed if managed is not None else address.startswith(CLOUD_PREFIXES)

    for address, node in list(diagram.nodes.items()):
        if address in observed:
            diagram.restyle(address, label=(*node.label, *_facts(observed[address])))
        elif is_missing(address):
            diagram.restyle(address, label=(*node.label, NOT_CREATED), add_class=MISSING)
    for key, group in list(diagram.groups.items()):
        if group.address in observed:
            diagram.groups[key] = replace(
                group, label=(*group.label, *_facts(observed[group.address])))
        elif group.address and is_missing(group.address):
            diagram.groups[key] = replace(group, label=(*group.label, NOT_CREATED))
    for index, edge in enumerate(diagram.edges):
        missing = [a for a in edge.addresses if is_missing(a)]
        ids = sorted({i for a in edge.addresses if a in observed
                      if (i := real_id(observed[a].attributes)) is not None})
        notes = []
        if missing:
            notes.append(NOT_CREATED if len(missing) == len(edge.addresses) else PARTLY_CREATED)
        notes.extend(ids)
        if not notes:
            continue
        label = "; ".join(notes)
        label = f"{edge.label} ({label})" if edge.label else label
        diagram.edges[index] = replace(edge, label=label,
                                       line=Line.DASHED if missing else edge.line)


def _facts(resource: ObservedResource) -> tuple[str, ...]:
    facts = [real_id(resource.attributes) or "created"]
    if resource.pending:
        facts.append("pending: not yet confirmed ready")
    return tuple(facts)
