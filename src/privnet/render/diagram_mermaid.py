"""Mermaid flowchart text of a diagram: quoted, escaped labels and sorted, stable output."""

from __future__ import annotations

from privnet.render.diagram_model import (
    HUB,
    MISSING,
    PUBLIC,
    UNUSED,
    Arrow,
    Diagram,
    DiagramIds,
    Line,
    Node,
    Shape,
    diagram_ids,
)

ARROWS = {
    (Line.SOLID, Arrow.FORWARD): "-->", (Line.SOLID, Arrow.BOTH): "<-->",
    (Line.SOLID, Arrow.NONE): "---",
    (Line.DASHED, Arrow.FORWARD): "-.->", (Line.DASHED, Arrow.BOTH): "<-.->",
    (Line.DASHED, Arrow.NONE): "-.-",
    (Line.THICK, Arrow.FORWARD): "==>", (Line.THICK, Arrow.BOTH): "<==>",
    (Line.THICK, Arrow.NONE): "===",
}
SHAPES = {Shape.BOX: ("[", "]"), Shape.ROUND: ("(", ")"), Shape.CYLINDER: ("[(", ")]"),
          Shape.HEXAGON: ("{{", "}}")}
CLASS_STYLES = {
    HUB: "stroke-width:3px",
    UNUSED: "stroke-dasharray:5 5",
    MISSING: "stroke-dasharray:2 4,color:#777777",
    PUBLIC: "fill:#fff4d6",
}
# Characters that would end a quoted label or be read as markup, as Mermaid entity codes.
ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "|": "#124;",
            "`": "#96;"}
INDENT = "  "


def escape(text: str) -> str:
    """A label line safe inside Mermaid double quotes (``#`` first: the codes start with it)."""
    return "".join(ENTITIES.get(char, char) for char in text.replace("\n", " "))


def quoted(lines: tuple[str, ...] | list[str]) -> str:
    return '"' + "<br/>".join(escape(line) for line in lines if line) + '"'


def diagram_mermaid(diagram: Diagram) -> str:
    """``flowchart LR`` with one subgraph per group, edges after all nodes, classes last."""
    ids = diagram_ids(diagram)
    lines = [f"%% {escape(diagram.title)}", "flowchart LR"]
    _emit_children(diagram, ids, "", 1, lines)
    for edge in sorted(diagram.edges,
                       key=lambda e: (ids.nodes[e.source], ids.nodes[e.target], e.label)):
        link = ARROWS[(edge.line, edge.arrow)]
        text = f"|{quoted([edge.label])}|" if edge.label else ""
        lines.append(f"{INDENT}{ids.nodes[edge.source]} {link}{text} {ids.nodes[edge.target]}")
    used = sorted({c for node in diagram.nodes.values() for c in node.classes})
    for name in used:
        lines.append(f"{INDENT}classDef {name} {CLASS_STYLES[name]}")
    for name in used:
        members = sorted(ids.nodes[n.address] for n in diagram.nodes.values() if name in n.classes)
        lines.append(f"{INDENT}class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def _emit_children(diagram: Diagram, ids: DiagramIds, parent: str, depth: int,
                   lines: list[str]) -> None:
    groups, nodes = diagram.children(parent)
    pad = INDENT * depth
    for group in sorted(groups, key=lambda g: ids.groups[g.key]):
        lines.append(f"{pad}subgraph {ids.groups[group.key]}[{quoted(group.label)}]")
        _emit_children(diagram, ids, group.key, depth + 1, lines)
        lines.append(f"{pad}end")
    for node in sorted(nodes, key=lambda n: ids.nodes[n.address]):
        lines.append(pad + _node(node, ids))


def _node(node: Node, ids: DiagramIds) -> str:
    opening, closing = SHAPES[node.shape]
    return f"{ids.nodes[node.address]}{opening}{quoted(node.label)}{closing}"

