"""The compiler: cross-cloud DNS gating, reference checks, determinism on the seed example."""

from __future__ import annotations

import pytest

from privnet.resources.compile import CompileError, compile_topology
from privnet.resources.kinds import DATA_PLANE_KINDS, RUNNER_PATH_KINDS
from privnet.resources.model import ResourceGraph
from privnet.resources.runner_gates import runner_gates
from privnet.topology.model import Topology
from tests.engine.fakes import compiler_for, graph_of, ref, res


def dns_and_data() -> ResourceGraph:
    return graph_of(
        res("aws.zone_association.runner", {}),
        res("aws.record.wildcard", {}),
        res("confluent.platt_connection.sandbox", {}),
        res("confluent.cluster.sandbox", {}),
        res("confluent.topic.sandbox.t", {"cluster": ref("confluent.cluster.sandbox")}),
        res("confluent.acl.p.sandbox.0", {}),
    )


def test_data_plane_waits_for_the_dns_path(topology: Topology) -> None:
    graph = compile_topology(topology, [compiler_for(dns_and_data)])
    gates = {"aws.zone_association.runner", "aws.record.wildcard",
             "confluent.platt_connection.sandbox"}
    assert graph.dependencies("confluent.topic.sandbox.t") == gates | {"confluent.cluster.sandbox"}
    assert graph.dependencies("confluent.acl.p.sandbox.0") == gates
    assert graph.dependencies("confluent.cluster.sandbox") == set()


def test_unknown_reference_is_a_compile_error(topology: Topology) -> None:
    def broken() -> ResourceGraph:
        return graph_of(res("fake.subnet.a", {"vpc": ref("fake.vpc.missing")}))

    with pytest.raises(CompileError, match=r"fake.subnet.a refers to unknown resource"):
        compile_topology(topology, [compiler_for(broken)])


def test_duplicate_address_is_a_compile_error(topology: Topology) -> None:
    with pytest.raises(CompileError, match="duplicate resource address"):
        compile_topology(topology, [compiler_for(dns_and_data), compiler_for(dns_and_data)])


def test_seed_example_compiles_deterministically_with_gating(topology: Topology) -> None:
    first = compile_topology(topology)
    second = compile_topology(topology)
    assert list(first.resources) == list(second.resources)
    assert first.topological_order() == second.topological_order()
    assert all(first.resources[a] == second.resources[a] for a in first.resources)
    gates = set(runner_gates(first, topology))
    assert gates <= {a for a, r in first.resources.items() if r.kind in RUNNER_PATH_KINDS}
    assert {"aws.zone_association.runner", "confluent.platt_connection.sandbox",
            "confluent.platt_connection.shared", "aws.record.wildcard"} <= gates
    data_plane = [a for a, r in first.resources.items() if r.kind in DATA_PLANE_KINDS]
    assert "confluent.topic.sandbox.dev-stock_trades" in data_plane
    assert any(a.startswith("confluent.mirror.") for a in data_plane)
    for address in data_plane:
        assert gates <= first.dependencies(address), address
    assert "aws.transit_gateway.hub" in first.resources  # the hub is part of the stack
