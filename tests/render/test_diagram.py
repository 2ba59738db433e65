"""``privnet diagram``: the drawn nodes and edges of every example, both formats, determinism."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.render.diagram import DiagramFormat, build_diagram, render_diagram
from privnet.render.diagram_model import node_ids, plain_id
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES, FIXTURES
from tests.render.mermaid_parse import MermaidGraph, parse_mermaid

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
HAS_PYDOT = importlib.util.find_spec("pydot") is not None

# pydot's parser calls pyparsing names that newer pyparsing deprecates; not privnet's concern.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:pydot")


def _topology(path: Path) -> Topology:
    return load_spec(path).topology


def _mermaid(path: Path) -> MermaidGraph:
    return parse_mermaid(render_diagram(_topology(path)))


def _id(address: str) -> str:
    return plain_id(address)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_declared_object_is_drawn(path: Path) -> None:
    """VPCs, subnets, clusters, topics, connectivity and links of the file all appear."""
    topology = _topology(path)
    graph = _mermaid(path)
    vpcs = [v for v in (topology.aws.hub.dns_vpc, topology.aws.hub.vpn_vpc,
                        topology.aws.hub.runner_vpc, *topology.aws.vpcs) if v is not None]
    for vpc in vpcs:
        assert _id(aws.vpc(vpc.name)) in graph.nodes
        assert vpc.cidr in graph.label(_id(aws.vpc(vpc.name)))
        for subnet in vpc.subnets:
            node = _id(aws.subnet(vpc.name, subnet.az_id))
            assert graph.inside(node, "sg_" + _id(aws.vpc(vpc.name)))
            assert subnet.cidr in graph.label(node)
    for cluster in topology.confluent.clusters:
        node = _id(cc.cluster(cluster.name))
        assert cluster.type.value in graph.label(node)
        assert cluster.availability.value in graph.label(node)
        assert cluster.access.value in graph.label(node)
        for topic in cluster.topics:
            assert graph.inside(_id(cc.topic(cluster.name, topic.name)), "sg_" + node)
    for link in topology.confluent.cluster_links:
        edges = graph.edges_between(_id(cc.cluster(link.source)),
                                    _id(cc.cluster(link.destination)))
        assert [e for e in edges if link.name in e.label], f"no edge for link {link.name}"
        for mirror in link.mirrors:
            mirror_node = _id(cc.mirror(link.name, mirror.name or mirror.source_topic))
            assert graph.inside(mirror_node, "sg_" + _id(cc.cluster(link.destination)))
            assert [e for e in graph.edges if e.target == mirror_node and e.label == "mirror"]
    assert "privnet_runner" in graph.nodes


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_private_clusters_point_at_their_connectivity(path: Path) -> None:
    topology = _topology(path)
    graph = _mermaid(path)
    kinds = {**{p.name: cc.platt(p.name)
                for p in topology.confluent.connectivity.privatelink_attachments},
             **{g.name: cc.ingress_gateway(g.name)
                for g in topology.confluent.connectivity.ingress_gateways},
             **{g.name: cc.pni_gateway(g.name)
                for g in topology.confluent.connectivity.pni_gateways}}
    for cluster in topology.confluent.clusters:
        source = _id(cc.cluster(cluster.name))
        private_edges = [e for e in graph.edges if e.source == source and e.label == "private via"]
        if cluster.access.value == "public":
            assert not private_edges
            assert source in graph.classes["public"]
        else:
            assert cluster.connectivity is not None
            assert [e.target for e in private_edges] == [_id(kinds[cluster.connectivity])]


def test_seed_dns_points_at_the_hub_endpoint_and_dashes_the_unused_one() -> None:
    graph = _mermaid(SEED)
    zone, sandbox, shared = (_id(aws.CENTRAL_ZONE), _id(aws.vpc_endpoint("sandbox")),
                             _id(aws.vpc_endpoint("shared")))
    platt = _id(cc.platt("platt"))
    [record] = graph.edges_between(zone, sandbox)
    assert record.thick and not record.dashed
    assert "hub endpoint" in record.label
    assert not graph.edges_between(zone, shared), "no record may point at the shared endpoint"
    assert graph.classes["hub"] == {sandbox}
    assert graph.classes["unused"] == {shared}
    [used] = graph.edges_between(sandbox, platt)
    [unused] = graph.edges_between(shared, platt)
    assert not used.dashed and unused.dashed
    assert "dns.hub_endpoint" in graph.label(sandbox)
    assert "unused by DNS" in graph.label(shared)
    assert "sandbox" in graph.subgraphs["sg_aws_dns"]
    rule = _id(aws.RESOLVER_RULE)
    assert "SYSTEM" in graph.label(rule)
    assert graph.edges_between(rule, zone)
    for vpc in ("dns", "vpn", "runner", "sandbox", "shared"):
        assert vpc in graph.label(zone)


def test_seed_hub_network_and_runner() -> None:
    graph = _mermaid(SEED)
    tgw = _id(aws.TRANSIT_GATEWAY)
    for vpc in ("dns", "vpn", "runner", "sandbox", "shared"):
        [attachment] = graph.edges_between(_id(aws.vpc(vpc)), tgw)
        assert attachment.label == "TGW attachment"
    assert graph.edges_between(tgw, _id(aws.TGW_ROUTE_TABLE))
    assert "10.100.0.0/22" in graph.label(_id(aws.vpc("vpn")))
    assert "resolver" in graph.label(_id(aws.vpc("dns")))
    assert graph.inside("privnet_runner", "sg_aws_vpc_runner")
    assert graph.inside(_id(aws.vpc("dns")), "sg_aws_hub")
    assert not graph.inside(_id(aws.vpc("sandbox")), "sg_aws_hub")


def test_seed_link_is_bidirectional_with_its_mirror_on_shared() -> None:
    graph = _mermaid(SEED)
    sandbox, shared = _id(cc.cluster("sandbox")), _id(cc.cluster("shared"))
    [link] = graph.edges_between(sandbox, shared)
    assert link.both_ways and "bidirectional" in link.label
    assert not graph.edges_between(shared, sandbox)
    mirror = _id(cc.mirror("bidirectional_between_sandbox_and_shared", "dev-stock_trades"))
    [edge] = graph.edges_between(_id(cc.topic("sandbox", "dev-stock_trades")), mirror)
    assert edge.label == "mirror"
    assert "read-only" in graph.label(mirror)
    assert graph.shapes[mirror] == "cylinder"
    connector = _id(cc.connector("DataGen_stock_trades"))
    assert graph.edges_between(connector, _id(cc.topic("sandbox", "dev-stock_trades")))


def test_source_initiated_link_points_one_way_to_the_public_destination() -> None:
    graph = _mermaid(EXAMPLES / "source-initiated-link.yaml")
    source = _id(cc.cluster("enterprise_source"))
    destination = _id(cc.cluster("dedicated_destination"))
    [link] = graph.edges_between(source, destination)
    assert not link.both_ways and "source-initiated" in link.label
    assert not graph.edges_between(destination, source)
    assert graph.classes["public"] == {destination}
    assert "unused" not in graph.classes
    for topic in ("orders", "payments", "shipments"):
        mirror = _id(cc.mirror("private-to-public", topic))
        assert graph.edges_between(_id(cc.topic("enterprise_source", topic)), mirror)


def test_pni_draws_enis_attached_to_the_access_point_and_no_private_zone() -> None:
    graph = _mermaid(EXAMPLES / "pni.yaml")
    enis = _id(aws.pni_enis("streaming-enis"))
    point = _id(cc.pni_access_point("streaming-enis"))
    assert graph.inside(enis, "sg_aws_vpc_streaming")
    assert "= 51" in graph.label(enis)
    assert "INSTANCE-ATTACH" in graph.edges_between(enis, point)[0].label
    assert graph.edges_between(point, _id(cc.pni_gateway("pni")))
    assert not [n for n in graph.nodes if n.startswith("aws_zone")]
    assert aws.TRANSIT_GATEWAY not in graph.nodes


def test_ingress_access_points_get_a_zone_per_vpc() -> None:
    graph = _mermaid(EXAMPLES / "ingress-privatelink.yaml")
    assert _id(aws.CENTRAL_ZONE) not in graph.nodes
    for vpc, point in (("platform", "ap-platform"), ("payments", "ap-payments")):
        zone = _id(aws.access_point_zone(point))
        endpoint = _id(aws.vpc_endpoint(vpc))
        assert graph.inside(zone, "sg_" + _id(aws.vpc(vpc)))
        assert graph.edges_between(zone, endpoint)
        assert graph.edges_between(endpoint, _id(cc.ingress_access_point(point)))


def test_flink_statement_reads_both_and_writes_the_private_cluster() -> None:
    graph = _mermaid(EXAMPLES / "flink-private.yaml")
    pool = _id(cc.compute_pool("enrichment"))
    assert "private networking" in graph.label(pool)
    assert graph.edges_between(_id(cc.cluster("clickstream")), pool)
    assert graph.edges_between(_id(cc.cluster("lake")), pool)
    [write] = graph.edges_between(pool, _id(cc.cluster("lake")))
    assert "writes" in write.label
    assert not graph.edges_between(pool, _id(cc.cluster("clickstream")))


def _reordered(path: Path) -> Topology:
    raw: dict[str, Any] = yaml.safe_load(path.read_text())
    raw["confluent"]["clusters"].reverse()
    raw["confluent"]["service_accounts"].reverse()
    raw["aws"]["vpcs"].reverse()
    for vpc in raw["aws"]["vpcs"]:
        vpc["subnets"].reverse()
    return Topology.model_validate(raw)


@pytest.mark.parametrize("fmt", list(DiagramFormat))
def test_output_is_deterministic_and_independent_of_list_order(fmt: DiagramFormat) -> None:
    first = render_diagram(_topology(SEED), fmt)
    assert render_diagram(_topology(SEED), fmt) == first
    assert render_diagram(_reordered(SEED), fmt) == first


def test_ids_are_stable_and_never_collide() -> None:
    assert plain_id("aws.vpc.sandbox") == "aws_vpc_sandbox"
    ids = node_ids(["aws.vpc.a-b", "aws.vpc.a_b", "aws.vpc.c"])
    assert len(set(ids.values())) == 3
    assert ids["aws.vpc.c"] == "aws_vpc_c"
    assert node_ids(["aws.vpc.c", "aws.vpc.a_b", "aws.vpc.a-b"]) == ids


def test_labels_are_escaped_in_both_formats() -> None:
    raw: dict[str, Any] = yaml.safe_load(SEED.read_text())
    raw["confluent"]["environment"]["name"] = 'team "core" <prod> #1 | a&b `x`'
    topology = Topology.model_validate(raw)
    graph = parse_mermaid(render_diagram(topology))
    [title] = [t for t in graph.subgraphs.values() if t.startswith("Confluent environment")]
    assert '"' not in title and "<" not in title and "|" not in title
    assert "#quot;core#quot;" in title and "#35;1" in title
    if HAS_PYDOT:
        dot = _parse_dot(render_diagram(topology, DiagramFormat.DOT))
        labels = [s.get_label() for s in _all_subgraphs(dot)]
        assert any('\\"core\\" <prod> #1 | a&b `x`' in str(label) for label in labels)


def _parse_dot(text: str) -> Any:
    """The one graph pydot reads from ``text`` (pydot is typed loosely: keep it ``Any``)."""
    import pydot

    graphs: Any = pydot.graph_from_dot_data(text)
    assert graphs is not None and len(graphs) == 1
    return graphs[0]


def _all_subgraphs(graph: Any) -> list[Any]:
    found: list[Any] = []
    for sub in graph.get_subgraphs():
        found.append(sub)
        found.extend(_all_subgraphs(sub))
    return found


def _all_nodes(graph: Any) -> list[Any]:
    nodes = list(graph.get_nodes())
    for sub in graph.get_subgraphs():
        nodes.extend(_all_nodes(sub))
    return [n for n in nodes if n.get_name().strip('"') not in ("node", "edge", "graph")]


@pytest.mark.skipif(not HAS_PYDOT, reason="pydot is not installed")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_dot_parses_and_matches_the_mermaid_picture(path: Path) -> None:
    topology = _topology(path)
    dot = _parse_dot(render_diagram(topology, DiagramFormat.DOT))
    mermaid = parse_mermaid(render_diagram(topology))
    names = {n.get_name().strip('"') for n in _all_nodes(dot)}
    assert names == set(mermaid.nodes)
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"')) for e in dot.get_edges()}
    assert edges == {(e.source, e.target) for e in mermaid.edges}
    assert len(dot.get_edges()) == len(mermaid.edges)


@pytest.mark.skipif(not HAS_PYDOT, reason="pydot is not installed")
def test_dot_styles_the_seed_choices() -> None:
    dot = _parse_dot(render_diagram(_topology(SEED), DiagramFormat.DOT))
    nodes = {n.get_name().strip('"'): n for n in _all_nodes(dot)}
    assert "dashed" in nodes["aws_vpc_endpoint_shared"].get_style()
    assert nodes["aws_vpc_endpoint_sandbox"].get("penwidth") == "3"
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"')): e
             for e in dot.get_edges()}
    assert edges[("confluent_cluster_sandbox", "confluent_cluster_shared")].get("dir") == "both"
    assert edges[("aws_vpc_endpoint_shared", "confluent_platt_platt")].get("style") == "dashed"
    assert edges[("aws_vpc_endpoint_sandbox", "confluent_platt_platt")].get("style") is None


ODD_TOPOLOGIES = sorted([*FIXTURES.glob("*/*.yaml"), *(EXAMPLES.parent / "tests" / "examples"
                                                       / "broken").glob("*.yaml")])


def test_odd_and_broken_designs_still_draw_valid_mermaid() -> None:
    """Rule fixtures break one thing each (unknown names, missing endpoints, bad hub choice)."""
    assert len(ODD_TOPOLOGIES) > 50
    for path in ODD_TOPOLOGIES:
        topology = _topology(path)
        graph = parse_mermaid(render_diagram(topology))
        assert "privnet_runner" in graph.nodes, path
        assert render_diagram(topology, DiagramFormat.DOT).startswith("digraph"), path


def test_a_bare_environment_draws() -> None:
    topology = Topology.model_validate({"stack": "bare", "confluent": {"environment": {
        "name": "empty"}}})
    graph = parse_mermaid(render_diagram(topology))
    assert graph.label("privnet_runner") == "privnet\nruns on the internet"
    assert _id(cc.SCHEMA_REGISTRY) in graph.nodes


def test_build_diagram_without_state_marks_nothing_missing() -> None:
    diagram = build_diagram(_topology(SEED))
    assert not [n for n in diagram.nodes.values() if "missing" in n.classes]


# --- the command ---------------------------------------------------------------------------

runner = CliRunner()


def test_cli_prints_mermaid_and_writes_dot_to_a_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diagram", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.stdout == render_diagram(_topology(SEED))
    out = tmp_path / "seed.dot"
    result = runner.invoke(app, ["diagram", str(SEED), "--format", "dot", "--out", str(out)])
    assert result.exit_code == 0
    assert out.read_text() == render_diagram(_topology(SEED), DiagramFormat.DOT)
    assert "digraph" not in result.stdout


@pytest.mark.parametrize("content", ["stack: [unclosed", "just text", "stack: x\nconfluent: 3\n"])
def test_cli_exits_2_on_a_bad_file(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    result = runner.invoke(app, ["diagram", str(bad)])
    assert result.exit_code == 2
    assert "error:" in result.stderr
    assert "Traceback" not in result.output


def test_cli_exits_2_on_a_missing_file_or_bad_option(tmp_path: Path) -> None:
    assert runner.invoke(app, ["diagram", str(tmp_path / "absent.yaml")]).exit_code == 2
    assert runner.invoke(app, ["diagram", str(SEED), "--format", "svg"]).exit_code == 2
    assert runner.invoke(app, ["diagram", str(SEED), "--source", "cloud"]).exit_code == 2
    result = runner.invoke(app, ["diagram", str(SEED), "--out", str(tmp_path / "no" / "x.mmd")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_the_documented_seed_diagram_is_current() -> None:
    """docs/diagrams.md carries the command's output verbatim; regenerate it when this fails."""
    doc = (EXAMPLES.parent / "docs" / "diagrams.md").read_text()
    block = doc.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert block == render_diagram(_topology(SEED))
