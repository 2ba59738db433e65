"""``verify --format html``: one self-contained page to share (no external CSS, script or font).

It is rendered from the very document ``verify --format json`` prints, so the two can never
tell different stories; the network picture is the project's DOT diagram, failing elements in
red. Jinja2 autoescapes every value: names in a topology are text, never markup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from privnet.reach.snapshot import NetworkSnapshot
from privnet.reach.trace import Trace
from privnet.render.report_svg import Picture
from privnet.render.traces import traces_json
from privnet.topology.model import Topology

TEMPLATE = "verify_report.html.j2"
ACCEPTED = "ACCEPTED"
UNEXPECTED = "REACHABLE (expected not)"


@dataclass
class Failure:
    """One distinct failure of a pair: its first trace, and the other paths failing alike."""

    number: int
    trace: Mapping[str, Any]
    alike: list[str] = field(default_factory=list)


@dataclass
class Cell:
    """One matrix cell: its label and colour class, path counts, and its first failure."""

    label: str
    css: str
    paths: int
    bad: int
    anchor: str = ""


def _path(trace: Mapping[str, Any]) -> str:
    return f"{trace.get('name', '')}:{trace.get('port', '')}"


def _outcome(trace: Mapping[str, Any]) -> str:
    """What a surprising trace shows in its cell: its disposition, or that it got through."""
    disposition = str(trace.get("disposition", ""))
    return UNEXPECTED if disposition == ACCEPTED else disposition


def _css(disposition: str) -> str:
    return "d-" + "".join(c for c in disposition.lower() if c.isalnum() or c == "_")


def build_cells(traces: Sequence[Mapping[str, Any]]) -> tuple[
        list[str], list[str], dict[tuple[str, str], Cell], list[Failure]]:
    """Rows, columns, cells and the distinct failures (numbered in matrix order)."""
    pairs: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for trace in traces:
        pairs.setdefault((str(trace["source"]), str(trace["cluster"])), []).append(trace)
    sources = list(dict.fromkeys(s for s, _ in pairs))
    clusters = list(dict.fromkeys(c for _, c in pairs))
    cells: dict[tuple[str, str], Cell] = {}
    failures: list[Failure] = []
    for key, group in pairs.items():
        bad = [t for t in group if not t.get("as_expected", False)]
        if not bad:
            reachable = all(t.get("disposition") == ACCEPTED for t in group)
            cells[key] = Cell("OK" if reachable else "blocked (expected)",
                              "ok" if reachable else "expected", len(group), 0)
            continue
        distinct: dict[tuple[str, str, str], Failure] = {}
        for trace in bad:
            kind = (str(trace.get("disposition", "")), str(trace.get("culprit", "")),
                    str(trace.get("fix", "")))
            if kind in distinct:
                distinct[kind].alike.append(_path(trace))
            else:
                distinct[kind] = Failure(len(failures) + len(distinct) + 1, trace)
        failures.extend(distinct.values())
        labels = list(dict.fromkeys(_outcome(f.trace) for f in distinct.values()))
        css = "unexpected" if labels[0] == UNEXPECTED else _css(labels[0])
        cells[key] = Cell(" + ".join(labels), css, len(group), len(bad),
                          f"failure-{next(iter(distinct.values())).number}")
    return sources, clusters, cells, failures


def _environment() -> Environment:
    return Environment(loader=PackageLoader("privnet.render", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def report_html(document: Mapping[str, Any], *, stack: str, source: str, region: str,
                picture: Picture, generated: datetime) -> str:
    """The page for one ``verify --format json`` document."""
    traces: list[Mapping[str, Any]] = list(document.get("traces", []))
    sources, clusters, cells, failures = build_cells(traces)
    summary = document.get("summary", {})
    template = _environment().get_template(TEMPLATE)
    return template.render(
        stack=stack, source=source, region=region,
        generated=generated.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        summary=summary, ok=bool(summary.get("ok", not failures)),
        paths=len(traces), pairs=len(cells), failing_pairs=sum(1 for c in cells.values()
                                                                if c.bad),
        sources=sources, clusters=clusters, cells=cells, failures=failures,
        notes=[str(n) for n in document.get("notes", [])],
        # Graphviz escapes label text in its SVG and report_svg.inline_svg refuses any
        # active element or handler, so the markup can go in as it is.
        svg=Markup(picture.svg) if picture.svg is not None else None,
        picture_note=picture.note)


def verify_report(traces: Sequence[Trace], snapshot: NetworkSnapshot, topology: Topology, *,
                  source: str, generated: datetime | None = None, dot_binary: str = "dot") -> str:
    """The report of one verify run: the JSON document, drawn, with the network picture."""
    from privnet.render.diagram import build_diagram
    from privnet.render.report_highlight import highlight
    from privnet.render.report_svg import dot_to_svg, highlighted_dot

    document = json.loads(traces_json(traces, snapshot.notes))
    failing = [t for t in document.get("traces", []) if not t.get("as_expected", False)]
    diagram = build_diagram(topology)
    marked = highlight(failing, topology, snapshot, diagram)
    picture = dot_to_svg(highlighted_dot(diagram, marked), dot_binary)
    return report_html(document, stack=topology.stack, source=source, region=topology.region,
                       picture=picture, generated=generated or datetime.now(UTC))
