"""``privnet diagram --source state``: real ids from the state, the rest marked not created."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.engine.state import ResourceState, State, StateStore
from privnet.render.diagram import ObservedResource, render_diagram
from privnet.render.diagram_model import plain_id
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as cc
from privnet.resources.compile import compile_topology
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.render.mermaid_parse import parse_mermaid

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
STACK = "privatelink-cluster-linking"
LINK = "bidirectional_between_sandbox_and_shared"
DOMAIN = "us-east-1.aws.private.confluent.cloud"

runner = CliRunner()


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """A partly applied seed stack, written by the engine's own state store."""
    state = State(stack=STACK, lineage="test-lineage")
    state.resources = {
        aws.vpc("sandbox"): ResourceState("aws.vpc", {"id": "vpc-0sandbox"}),
        aws.vpc_endpoint("sandbox"): ResourceState("aws.vpc_endpoint", {"id": "vpce-0hub"},
                                                   pending=True),
        aws.tgw_attachment("sandbox"): ResourceState("aws.tgw_attachment",
                                                     {"id": "tgw-attach-0sb"}),
        cc.ENVIRONMENT: ResourceState("confluent.environment", {"id": "env-x1"}),
        cc.platt("platt"): ResourceState("confluent.platt",
                                         {"id": "platt-p1", "dns_domain": DOMAIN}),
        cc.cluster("sandbox"): ResourceState("confluent.cluster", {"id": "lkc-sand1"}),
        cc.link(LINK, "source"): ResourceState(
            "confluent.link", {"id": f"lkc-sand1/{LINK}", "cluster_link_id": "cl-42"}),
    }
    StateStore(STACK, tmp_path).write(state)
    return tmp_path


def test_state_diagram_shows_real_ids_and_what_is_missing(state_dir: Path) -> None:
    result = runner.invoke(app, ["diagram", str(SEED), "--source", "state",
                                 "--state-dir", str(state_dir)])
    assert result.exit_code == 0, result.output
    graph = parse_mermaid(result.stdout)
    assert "vpc-0sandbox" in graph.label(plain_id(aws.vpc("sandbox")))
    hub = graph.label(plain_id(aws.vpc_endpoint("sandbox")))
    assert "vpce-0hub" in hub and "pending" in hub
    assert "lkc-sand1" in graph.label(plain_id(cc.cluster("sandbox")))
    assert any("env-x1" in title for title in graph.subgraphs.values())
    assert DOMAIN in graph.label(plain_id(aws.CENTRAL_ZONE))
    missing = graph.classes["missing"]
    for address in (aws.vpc("shared"), cc.cluster("shared"), aws.CENTRAL_ZONE,
                    cc.topic("sandbox", "dev-stock_trades")):
        assert plain_id(address) in missing
        assert "not created" in graph.label(plain_id(address))
    assert plain_id(aws.vpc("sandbox")) not in missing
    assert "privnet_runner" not in missing, "only objects privnet creates can be missing"
    [link] = graph.edges_between(plain_id(cc.cluster("sandbox")), plain_id(cc.cluster("shared")))
    assert "partly created" in link.label and "cl-42" in link.label and link.dashed
    [attached] = graph.edges_between(plain_id(aws.vpc("sandbox")),
                                     plain_id(aws.TRANSIT_GATEWAY))
    assert "tgw-attach-0sb" in attached.label and not attached.dashed
    [detached] = graph.edges_between(plain_id(aws.vpc("shared")), plain_id(aws.TRANSIT_GATEWAY))
    assert "not created" in detached.label and detached.dashed


def test_fully_applied_state_marks_nothing_missing() -> None:
    topology = load_spec(SEED).topology
    managed = frozenset(compile_topology(topology).resources)
    observed = {a: ObservedResource({"id": f"id-{n}"}) for n, a in enumerate(sorted(managed))}
    graph = parse_mermaid(render_diagram(topology, observed=observed, managed=managed))
    assert "missing" not in graph.classes
    assert not [e for e in graph.edges if "not created" in e.label]


def test_secret_attributes_never_reach_the_diagram() -> None:
    topology = load_spec(SEED).topology
    observed = {cc.api_key("sandbox_app_manager", "sandbox"): ObservedResource(
                    {"id": "KEY1", "secret": "TOPSECRET"}),
                aws.vpc("sandbox"): ObservedResource({"id": "vpc-1", "password": "TOPSECRET"})}
    text = render_diagram(topology, observed=observed, managed=None)
    assert "TOPSECRET" not in text
    assert "vpc-1" in text


def test_missing_state_is_a_clear_input_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diagram", str(SEED), "--source", "state",
                                 "--state-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no state for stack" in result.stderr and "--source spec" in result.stderr


def test_state_of_another_stack_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / STACK
    directory.mkdir()
    other = State(stack="someone-else", lineage="x")
    StateStore("someone-else", tmp_path).write(other)
    (tmp_path / "someone-else" / "state.json").rename(directory / "state.json")
    result = runner.invoke(app, ["diagram", str(SEED), "--source", "state",
                                 "--state-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "belongs to stack" in result.stderr


def test_uncompilable_topology_still_draws_with_a_warning(
        state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the compiled graph every drawn cloud object the state lacks is not created."""
    from privnet.resources import compile as compile_module

    def refuse(*_: object) -> None:
        raise compile_module.CompileError("cannot compile stack: planted problem")

    monkeypatch.setattr(compile_module, "compile_topology", refuse)
    result = runner.invoke(app, ["diagram", str(SEED), "--source", "state",
                                 "--state-dir", str(state_dir)])
    assert result.exit_code == 0, result.output
    assert "warning: cannot compile stack: planted problem" in result.stderr
    graph = parse_mermaid(result.stdout)
    assert plain_id(aws.vpc("shared")) in graph.classes["missing"]
    assert "privnet_runner" not in graph.classes["missing"]
    assert "vpc-0sandbox" in graph.label(plain_id(aws.vpc("sandbox")))
