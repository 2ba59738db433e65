"""Graphviz DOT text of a diagram: one ``cluster_`` subgraph per group, sorted output."""

from __future__ import annotations

from privnet.render.diagram_model import (
    HUB,
    MISSING,
    PUBLIC,
    UNUSED,
    Arrow,
    Diagram,
    DiagramIds,
    Edge,
    Line,
    Node,
    Shape,
    diagram_ids,
)

SHAPES = {Shape.BOX: ("box", []), Shape.ROUND: ("box", ["rounded"]),
          Shape.CYLINDER: ("cylinder", []), Shape.HEXAGON: ("hexagon", [])}
INDENT = "  "


def dot_string(text: str) -> str:
    """A DOT double-quoted string; label lines are joined with the ``\\n`` escape."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_label(lines: tuple[str, ...] | list[str]) -> str:
    escaped = [dot_string(line.replace("\n", " "))[1:-1] for line in lines if line]
    return '"' + "\\n".join(escaped) + '"'


def diagram_dot(diagram: Diagram) -> str:
    """A ``digraph`` left to right; groups become boxed clusters."""
    ids = diagram_ids(diagram)
    lines = [
        "digraph privnet {",
        f"{INDENT}graph [rankdir=LR, fontname=Helvetica, labelloc=t, "
        f"label={dot_string(diagram.title)}];",
        f"{INDENT}node [shape=box, fontname=Helvetica];",
        f"{INDENT}edge [fontname=Helvetica];",
    ]
    _emit_children(diagram, ids, "", 1, lines)
    for edge in sorted(diagram.edges,
                       key=lambda e: (ids.nodes[e.source], ids.nodes[e.target], e.label)):
        lines.append(INDENT + _edge(edge, ids))
    lines.append("}")
    return "\n".join(lines) + "\n"


def _emit_children(diagram: Diagram, ids: DiagramIds, parent: str, depth: int,
                   lines: list[str]) -> None:
    groups, nodes = diagram.children(parent)
    pad = INDENT * depth
    for group in sorted(groups, key=lambda g: ids.groups[g.key]):
        lines.append(f"{pad}subgraph {dot_string('cluster_' + ids.groups[group.key])} {{")
        lines.append(f"{pad}{INDENT}label={dot_label(group.label)};")
        lines.append(f"{pad}{INDENT}style=rounded;")
        _emit_children(diagram, ids, group.key, depth + 1, lines)
        lines.append(f"{pad}}}")
    for node in sorted(nodes, key=lambda n: ids.nodes[n.address]):
        lines.append(pad + _node(node, ids))


def _node(node: Node, ids: DiagramIds) -> str:
    shape, styles = SHAPES[node.shape]
    attrs = [f"label={dot_label(node.label)}", f"shape={shape}"]
    styles = list(styles)
    if UNUSED in node.classes or MISSING in node.classes:
        styles.append("dashed")
    if PUBLIC in node.classes:
        styles.append("filled")
        attrs.append('fillcolor="#fff4d6"')
    if MISSING in node.classes:
        attrs.append("fontcolor=gray40")
    if HUB in node.classes:
        attrs.append("penwidth=3")
    if styles:
        attrs.append(f"style={dot_string(','.join(styles))}")
    return f"{dot_string(ids.nodes[node.address])} [{', '.join(attrs)}];"


def _edge(edge: Edge, ids: DiagramIds) -> str:
    attrs: list[str] = []
    if edge.label:
        attrs.append(f"label={dot_label([edge.label])}")
    if edge.line is Line.DASHED:
        attrs.append("style=dashed")
    if edge.line is Line.THICK:
        attrs.append("penwidth=3")
    if edge.arrow is Arrow.BOTH:
        attrs.append("dir=both")
    if edge.arrow is Arrow.NONE:
        attrs.append("dir=none")
    suffix = f" [{', '.join(attrs)}]" if attrs else ""
    return f"{dot_string(ids.nodes[edge.source])} -> {dot_string(ids.nodes[edge.target])}{suffix};"
