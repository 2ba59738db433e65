"""A strict reader of the Mermaid flowchart subset privnet writes.

Every line must be one of the forms below, labels must be quoted without raw quotes inside,
subgraphs must balance and edges must name declared nodes: a line that fits no form fails the
test, so this doubles as a syntax check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ID = r"[A-Za-z0-9_]+"
LABEL = r'"[^"]*"'
HEADER = re.compile(r"^flowchart (LR|TB|TD|RL|BT)$")
COMMENT = re.compile(r"^%%.*$")
SUBGRAPH = re.compile(rf"^subgraph ({ID})\[({LABEL})\]$")
END = re.compile(r"^end$")
NODE = re.compile(rf"^({ID})(\[\(|\[|\(|\{{\{{)({LABEL})(\)\]|\]|\)|\}}\}})$")
EDGE = re.compile(rf"^({ID}) (<-->|-->|---|<-\.->|-\.->|-\.-|<==>|==>|===)"
                  rf"(?:\|({LABEL})\|)? ({ID})$")
CLASSDEF = re.compile(rf"^classDef ({ID}) [a-z-]+:[^,\s]+(?: [^,\s]+)?(?:,[a-z-]+:[^,\s]+)*$")
CLASS = re.compile(rf"^class ({ID}(?:,{ID})*) ({ID})$")
CLOSERS = {"[(": ")]", "[": "]", "(": ")", "{{": "}}"}
SHAPES = {"[(": "cylinder", "[": "box", "(": "round", "{{": "hexagon"}


@dataclass(frozen=True)
class MermaidEdge:
    source: str
    link: str
    label: str
    target: str

    @property
    def dashed(self) -> bool:
        return "." in self.link

    @property
    def thick(self) -> bool:
        return "=" in self.link

    @property
    def both_ways(self) -> bool:
        return self.link.startswith("<")


@dataclass
class MermaidGraph:
    nodes: dict[str, str] = field(default_factory=dict)
    shapes: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    subgraphs: dict[str, str] = field(default_factory=dict)
    edges: list[MermaidEdge] = field(default_factory=list)
    classes: dict[str, set[str]] = field(default_factory=dict)

    def edges_between(self, source: str, target: str) -> list[MermaidEdge]:
        return [e for e in self.edges if e.source == source and e.target == target]

    def inside(self, node: str, subgraph: str) -> bool:
        """Whether ``node`` sits in ``subgraph`` at any depth."""
        parent = self.parents.get(node, "")
        while parent:
            if parent == subgraph:
                return True
            parent = self.parents.get(parent, "")
        return False

    def label(self, node: str) -> str:
        return self.nodes[node]


def _text(label: str) -> str:
    return label[1:-1].replace("<br/>", "\n")


def parse_mermaid(text: str) -> MermaidGraph:
    graph = MermaidGraph()
    stack: list[str] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert any(HEADER.match(line) for line in lines[:2]), "missing flowchart header"
    for line in lines:
        if HEADER.match(line) or COMMENT.match(line):
            continue
        if match := SUBGRAPH.match(line):
            sub_id = match.group(1)
            assert sub_id not in graph.subgraphs and sub_id not in graph.nodes, sub_id
            graph.subgraphs[sub_id] = _text(match.group(2))
            graph.parents[sub_id] = stack[-1] if stack else ""
            stack.append(sub_id)
        elif END.match(line):
            assert stack, "'end' without subgraph"
            stack.pop()
        elif match := NODE.match(line):
            node_id, opening, label, closing = match.groups()
            assert CLOSERS[opening] == closing, line
            assert node_id not in graph.nodes and node_id not in graph.subgraphs, node_id
            graph.nodes[node_id] = _text(label)
            graph.shapes[node_id] = SHAPES[opening]
            graph.parents[node_id] = stack[-1] if stack else ""
        elif match := EDGE.match(line):
            source, link, label, target = match.groups()
            graph.edges.append(MermaidEdge(source, link, _text(label) if label else "", target))
        elif CLASSDEF.match(line):
            continue
        elif match := CLASS.match(line):
            for node_id in match.group(1).split(","):
                graph.classes.setdefault(match.group(2), set()).add(node_id)
        else:
            raise AssertionError(f"not a Mermaid line privnet should write: {line!r}")
    assert not stack, f"unclosed subgraphs {stack}"
    for edge in graph.edges:
        assert edge.source in graph.nodes, f"edge from undeclared node {edge.source}"
        assert edge.target in graph.nodes, f"edge to undeclared node {edge.target}"
    for members in graph.classes.values():
        assert members <= graph.nodes.keys()
    return graph
