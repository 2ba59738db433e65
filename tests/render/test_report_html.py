"""``verify --format html``: the page people share. It must say what ``--format json`` says,
stand alone (nothing fetched), keep hostile names as text, and work without Graphviz."""

from __future__ import annotations

import json
import shutil
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from privnet.reach.graph_snapshot import snapshot_from_graph
from privnet.reach.verify import verify
from privnet.render.diagram import build_diagram
from privnet.render.diagram_model import diagram_ids
from privnet.render.report_highlight import highlight
from privnet.render.report_html import report_html, verify_report
from privnet.render.report_svg import RED, Picture, dot_to_svg, highlighted_dot, inline_svg
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.topology import load_spec_text
from privnet.topology.model import Topology
from tests.render.report_support import (
    SEED,
    privnet_verify,
    read_page,
    runner_not_associated,
    squeeze,
)

needs_graphviz = pytest.mark.skipif(
    shutil.which("dot") is None,
    reason="Graphviz `dot` is not installed (make test installs it with apt-get as root)")
ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "link", "base", "form", "input"}
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;'


def _load(path: Path) -> Topology:
    return load_spec_text(path.read_text()).topology


def _faulty_report(tmp_path: Path, *extra: str) -> tuple[str, dict[str, object]]:
    topology = runner_not_associated(tmp_path)
    html = privnet_verify(str(topology), "--source", "plan", "--format", "html", *extra)
    data = privnet_verify(str(topology), "--source", "plan", "--format", "json", *extra)
    assert html.returncode == 1, html.stderr
    assert data.returncode == 1, data.stderr
    assert "Traceback" not in html.stderr
    return html.stdout, json.loads(data.stdout)


def test_the_page_says_what_json_says(tmp_path: Path) -> None:
    html, document = _faulty_report(tmp_path)
    page = read_page(html)
    traces = document["traces"]
    assert isinstance(traces, list)
    pairs: dict[tuple[str, str], list[dict[str, object]]] = {}
    for trace in traces:
        pairs.setdefault((trace["source"], trace["cluster"]), []).append(trace)
    assert set(page.cells) == set(pairs)
    for pair, group in pairs.items():
        bad = [t for t in group if not t["as_expected"]]
        cell = squeeze(page.cells[pair])
        if bad:
            assert cell.startswith(str(bad[0]["disposition"])), (pair, cell)
            assert f"{len(bad)} of {len(group)} paths not as expected" in cell
        else:
            assert cell == f"OK {len(group)} paths", (pair, cell)
    assert {s for s, _ in pairs if any(not t["as_expected"] for t in pairs[(s, "sandbox")])} \
        == {"runner"}
    first = next(t for t in traces if not t["as_expected"])
    section = squeeze(page.failures["failure-1"])
    assert f"{first['source']} → {first['cluster']} {first['name']}:{first['port']}" in section
    assert f"decided by: {first['culprit']}" in section
    assert str(first["culprit"]).startswith("attachment tgw-attach-")
    if first.get("fix"):
        assert f"fix: {squeeze(str(first['fix']))}" in section
    for hop in first["hops"]:
        assert squeeze(hop["title"]) in section
        for step in hop["steps"]:
            assert squeeze(f"{step['subject']}: {step['detail']}") in section
    hop_numbers = [int(a["value"]) for t, a in page.tags if t == "li" and "value" in a]
    assert hop_numbers[:len(first["hops"])] == [h["number"] for h in first["hops"]]
    meta = squeeze(" ".join(page.text))
    assert "stack privatelink-cluster-linking" in meta
    assert "source plan (as asked)" in meta


def test_the_page_fetches_nothing(tmp_path: Path) -> None:
    html, _ = _faulty_report(tmp_path)
    page = read_page(html)
    assert not {t for t, _ in page.tags} & ACTIVE_TAGS
    for _, attributes in page.tags:
        for name, value in attributes.items():
            assert not name.startswith("on")
            if name in {"src", "href", "xlink:href"}:
                assert value.startswith("#"), (name, value)
    assert "url(" not in html and "@import" not in html


@needs_graphviz
def test_the_diagram_is_inline_svg_with_the_failing_attachment_in_red(tmp_path: Path) -> None:
    html, _ = _faulty_report(tmp_path)
    assert [t for t, _ in read_page(html).tags].count("svg") == 1
    assert "<!DOCTYPE svg" not in html and "<?xml" not in html
    svg = ET.fromstring(html[html.index("<svg"):html.index("</svg>") + len("</svg>")])
    ids = diagram_ids(build_diagram(_load(SEED))).nodes
    red_edges = {
        "".join(g.findtext(f"{SVG}title") or ""): g for g in svg.iter(f"{SVG}g")
        if g.get("class") == "edge" and g.find(f"{SVG}path") is not None
        and g.find(f"{SVG}path").get("stroke") == RED}  # type: ignore[union-attr]
    assert set(red_edges) == {f"{ids[aws.vpc('runner')]}->{ids[aws.TRANSIT_GATEWAY]}"}
    red_nodes = {g.findtext(f"{SVG}title") for g in svg.iter(f"{SVG}g")
                 if g.get("class") == "node"
                 and any(p.get("stroke") == RED for p in g.iter(f"{SVG}polygon"))}
    assert red_nodes == {ids[aws.vpc("runner")], ids[cc.cluster("sandbox")],
                         ids[cc.cluster("shared")]}


def test_culprits_map_to_what_the_diagram_draws(tmp_path: Path) -> None:
    topology = _load(runner_not_associated(tmp_path))
    snapshot = snapshot_from_graph(topology)
    failing = [t.as_dict() for t in verify(snapshot) if not t.as_expected]
    diagram = build_diagram(topology)
    marked = highlight(failing, topology, snapshot, diagram)
    assert marked.edges == {aws.tgw_attachment("runner")}
    assert aws.vpc("runner") in marked.ends
    assert {cc.cluster("sandbox"), cc.cluster("shared")} <= marked.ends
    dot = highlighted_dot(diagram, marked)
    ids = diagram_ids(diagram).nodes
    edge = next(line for line in dot.splitlines()
                if line.strip().startswith(f'"{ids[aws.vpc("runner")]}" -> '))
    assert RED in edge and edge.count("[") == 1
    assert dot.count(" -> ") == len(diagram.edges)


def test_a_security_group_culprit_marks_the_endpoint() -> None:
    data = yaml.safe_load(SEED.read_text())
    sandbox = next(v for v in data["aws"]["vpcs"] if v["name"] == "sandbox")
    sandbox["security_group"] = {"ingress": [{"ports": [443], "sources": ["10.0.0.0/8"]}]}
    topology = load_spec_text(yaml.safe_dump(data)).topology
    snapshot = snapshot_from_graph(topology)
    failing = [t.as_dict() for t in verify(snapshot) if not t.as_expected]
    assert failing and all(t["disposition"] == "DENIED_IN" for t in failing)
    diagram = build_diagram(topology)
    marked = highlight(failing, topology, snapshot, diagram)
    assert marked.culprits == {aws.vpc_endpoint("sandbox")}
    node = diagram_ids(diagram).nodes[aws.vpc_endpoint("sandbox")]
    assert f'"{node}" [color="{RED}"' in highlighted_dot(diagram, marked)


def test_hostile_trace_text_stays_text() -> None:
    """Names come from the account (Name tags, zone names): none may become markup."""
    trace = {"source": HOSTILE, "cluster": HOSTILE, "name": HOSTILE, "port": 9092,
             "expect_reachable": True, "disposition": "NO_ROUTE", "as_expected": False,
             "culprit": HOSTILE, "fix": HOSTILE,
             "hops": [{"number": 1, "title": HOSTILE, "culprit": HOSTILE, "fix": HOSTILE,
                       "steps": [{"subject": HOSTILE, "detail": HOSTILE}]}]}
    document = {"summary": {"paths": 1, "not_as_expected": 1, "ok": False},
                "notes": [HOSTILE], "traces": [trace]}
    html = report_html(document, stack=HOSTILE, source=HOSTILE, region=HOSTILE,
                       picture=Picture(None, HOSTILE), generated=datetime.now(UTC))
    page = read_page(html)
    assert not {t for t, _ in page.tags} & ACTIVE_TAGS
    assert not any(n.startswith("on") for _, a in page.tags for n in a)
    assert page.cells == {(HOSTILE, HOSTILE): page.cells[(HOSTILE, HOSTILE)]}
    assert squeeze(HOSTILE) in squeeze(page.failures["failure-1"])
    assert squeeze(" ".join(page.text)).count(squeeze(HOSTILE)) >= 10


@needs_graphviz
def test_hostile_names_in_the_topology_stay_text_in_the_diagram(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED.read_text())
    data["confluent"]["environment"]["name"] = "<script>alert(1)</script>"
    data["confluent"]["connectors"][0]["name"] = '"><img src=x onerror=alert(2)>'
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data))
    result = privnet_verify(str(path), "--source", "plan", "--format", "html")
    assert result.returncode == 0, result.stderr
    page = read_page(result.stdout)
    assert not {t for t, _ in page.tags} & ACTIVE_TAGS
    assert not any(n.startswith("on") for _, a in page.tags for n in a)
    text = " ".join(page.text)
    assert "Confluent environment <script>alert(1)</script>" in text
    assert 'connector "><img src=x onerror=alert(2)>' in text


@pytest.mark.parametrize("svg", [
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
    '<svg xmlns="http://www.w3.org/2000/svg"><g',
    "no svg at all",
])
def test_active_or_broken_svg_is_left_out_with_a_note(svg: str) -> None:
    picture = inline_svg(svg)
    assert picture.svg is None and picture.note.startswith("no diagram: ")


def test_without_graphviz_the_report_says_so(tmp_path: Path) -> None:
    """A machine without Graphviz still gets the matrix and traces, and a note saying how to
    get the picture."""
    _, document = _faulty_report(tmp_path)
    bare_path = str(Path(sys.executable).parent)
    result = privnet_verify(str(runner_not_associated(tmp_path)), "--source", "plan",
                            "--format", "html", env={"PATH": bare_path})
    assert result.returncode == 1, result.stderr
    page = read_page(result.stdout)
    assert "svg" not in {t for t, _ in page.tags}
    note = squeeze(" ".join(page.text))
    assert "no diagram: Graphviz `dot` is not installed here" in note
    assert "apt-get install graphviz" in note
    assert len(page.cells) == len({(t["source"], t["cluster"]) for t in document["traces"]})
    assert "failure-1" in page.failures


def test_graphviz_failures_are_a_note(tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n")
    fake.chmod(0o755)
    picture = dot_to_svg("digraph {}", str(fake))
    assert picture.svg is None
    assert picture.note == "no diagram: Graphviz exited 3: syntax error in line 1"


def test_report_api_without_dot_binary(tmp_path: Path) -> None:
    topology = _load(runner_not_associated(tmp_path))
    snapshot = snapshot_from_graph(topology)
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    html = verify_report(verify(snapshot), snapshot, topology, source="plan", generated=when,
                         dot_binary="privnet-no-such-dot")
    page = read_page(html)
    assert "2026-01-02 03:04:05 UTC" in page.text
    assert "svg" not in {t for t, _ in page.tags}


def _trace(source: str, cluster: str, disposition: str, *, expect: bool = True,
           culprit: str = "", name: str = "n") -> dict[str, object]:
    reachable = disposition == "ACCEPTED"
    return {"source": source, "cluster": cluster, "name": name, "port": 9092,
            "expect_reachable": expect, "disposition": disposition,
            "as_expected": reachable == expect, "culprit": culprit, "fix": "", "hops": []}


def test_cells_say_expected_blocks_surprises_and_every_distinct_failure() -> None:
    traces = [
        _trace("a", "x", "ACCEPTED"),
        _trace("a", "y", "NO_ROUTE", expect=False),
        _trace("b", "x", "ACCEPTED", expect=False),
        _trace("b", "y", "NO_ROUTE", culprit="rtb-1", name="n1"),
        _trace("b", "y", "NO_ROUTE", culprit="rtb-1", name="n2"),
        _trace("b", "y", "DENIED_IN", culprit="sg-1", name="n3"),
        _trace("b", "y", "ACCEPTED", name="n4"),
    ]
    document = {"summary": {"paths": 7, "not_as_expected": 4, "ok": False}, "notes": [],
                "traces": traces}
    page = read_page(report_html(document, stack="s", source="plan", region="r",
                                 picture=Picture(None, "none"), generated=datetime.now(UTC)))
    assert squeeze(page.cells[("a", "x")]) == "OK 1 path"
    assert squeeze(page.cells[("a", "y")]) == "blocked (expected) 1 path"
    assert squeeze(page.cells[("b", "x")]) == (
        "REACHABLE (expected not) 1 of 1 paths not as expected")
    assert squeeze(page.cells[("b", "y")]) == "NO_ROUTE + DENIED_IN 3 of 4 paths not as expected"
    assert set(page.failures) == {"failure-1", "failure-2", "failure-3"}
    assert "the same failure on 1 more path: n2:9092" in squeeze(page.failures["failure-2"])
    assert "decided by: sg-1" in squeeze(page.failures["failure-3"])
    links = [a["href"] for t, a in page.tags if t == "a"]
    assert links == ["#failure-1", "#failure-2"]


def test_unreadable_topology_is_an_input_error_not_a_page(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = privnet_verify(str(missing), "--format", "html")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "nope.yaml" in result.stderr and "Traceback" not in result.stderr
