"""The report's network picture: the project's DOT with the failing elements in red, drawn to
SVG by Graphviz ``dot``. Without ``dot`` the report says so instead of failing."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from privnet.render.diagram_dot import INDENT, diagram_dot, dot_string
from privnet.render.diagram_model import Diagram, diagram_ids
from privnet.render.report_highlight import Highlight

RED = "#c62828"
PALE_RED = "#ffebee"
CULPRIT_STYLE = f'color="{RED}", fontcolor="{RED}", penwidth=3, style="filled,bold", ' \
                f'fillcolor="{PALE_RED}"'
END_STYLE = f'color="{RED}", penwidth=2'
EDGE_STYLE = f'color="{RED}", fontcolor="{RED}", penwidth=3'
DOT_TIMEOUT_SECONDS = 60
GRAPHVIZ_HINT = ("install Graphviz (Debian: apt-get install graphviz; `make test` and "
                 "`make demo` do it when run as root)")
_FORBIDDEN_ELEMENTS = {"script", "foreignObject", "iframe", "object", "embed"}


@dataclass(frozen=True)
class Picture:
    """The SVG markup, or None with ``note`` saying why there is no picture."""

    svg: str | None
    note: str = ""


def highlighted_dot(diagram: Diagram, marked: Highlight) -> str:
    """The DOT ``privnet diagram --format dot`` prints, with failing elements restyled.

    Nodes are restated at the end (later attributes win in DOT); edges are restyled in place,
    since restating an edge would draw a second one."""
    ids = diagram_ids(diagram)
    lines = diagram_dot(diagram).rstrip("\n").split("\n")
    edge_prefixes = {
        INDENT + f"{dot_string(ids.nodes[e.source])} -> {dot_string(ids.nodes[e.target])}"
        for e in diagram.edges if marked.edges.intersection(e.addresses)}
    for number, line in enumerate(lines):
        prefix = next((p for p in edge_prefixes if line.startswith(p + " ")
                       or line == p + ";"), None)
        if prefix is None:
            continue
        if line.endswith("];"):
            lines[number] = line[:-2] + f", {EDGE_STYLE}];"
        else:
            lines[number] = line[:-1] + f" [{EDGE_STYLE}];"
    assert lines[-1] == "}"
    extra = [INDENT + f"{dot_string(ids.nodes[a])} [{END_STYLE}];"
             for a in sorted(marked.ends) if a in ids.nodes]
    extra += [INDENT + f"{dot_string(ids.nodes[a])} [{CULPRIT_STYLE}];"
              for a in sorted(marked.culprits) if a in ids.nodes]
    return "\n".join([*lines[:-1], *extra, "}"]) + "\n"


def dot_to_svg(dot_text: str, dot_binary: str = "dot") -> Picture:
    """Run Graphviz; any failure becomes a note, never an error of the report."""
    found = shutil.which(dot_binary)
    if found is None:
        return Picture(None, f"no diagram: Graphviz `{dot_binary}` is not installed here; "
                             f"{GRAPHVIZ_HINT}")
    try:
        done = subprocess.run([found, "-Tsvg"], input=dot_text, capture_output=True, text=True,
                              timeout=DOT_TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Picture(None, f"no diagram: Graphviz failed ({exc.__class__.__name__})")
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        return Picture(None, f"no diagram: Graphviz exited {done.returncode}: {first}")
    return inline_svg(done.stdout)


def inline_svg(svg_document: str) -> Picture:
    """The ``<svg>`` element alone (no XML prolog or DOCTYPE), checked to carry nothing active:
    labels come from the topology and must stay text."""
    start = svg_document.find("<svg")
    if start < 0:
        return Picture(None, "no diagram: Graphviz produced no SVG")
    svg = svg_document[start:].strip()
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return Picture(None, f"no diagram: the SVG Graphviz produced does not parse ({exc})")
    for element in root.iter():
        local = element.tag.rsplit("}", 1)[-1]
        attributes = [a.rsplit("}", 1)[-1].lower() for a in element.attrib]
        if local in _FORBIDDEN_ELEMENTS or any(a.startswith("on") for a in attributes):
            return Picture(None, "no diagram: the SVG held active content and was left out")
    return Picture(svg)
