"""Fixtures: an engine over fake handlers and a throwaway state directory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from privnet.engine.backoff import FAST_POLICY
from privnet.engine.operations import Engine
from privnet.engine.state import StateStore
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.fakes import FakeCloud, FakeContext, FakeHandler, compiler_for, graph_of, ref, res

KINDS = ("fake.network", "fake.subnet", "confluent.cluster", "confluent.topic", "confluent.link")

EngineFactory = Callable[..., Engine]


@pytest.fixture(scope="session")
def topology() -> Topology:
    return load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology


@pytest.fixture
def cloud() -> FakeCloud:
    return FakeCloud()


@pytest.fixture
def handlers(cloud: FakeCloud) -> dict[str, FakeHandler]:
    return {kind: FakeHandler(kind, cloud) for kind in KINDS}


def sample_graph(cidr: str = "10.0.0.0/16") -> ResourceGraph:
    """network <- subnet.a, subnet.b; cluster <- topic (which also needs subnet.a)."""
    return graph_of(
        res("fake.network.main", {"cidr": cidr}),
        res("fake.subnet.a", {"network": ref("fake.network.main"), "az": "a"}),
        res("fake.subnet.b", {"network": ref("fake.network.main"), "az": "b"}),
        res("confluent.cluster.main", {"name": "main"}),
        res("confluent.topic.main.t", {"cluster": ref("confluent.cluster.main"),
                                       "via": ref("fake.subnet.a")}),
    )


@pytest.fixture
def make_engine(tmp_path: Path, topology: Topology,
                handlers: dict[str, FakeHandler]) -> EngineFactory:
    def factory(build: Callable[[], ResourceGraph] = sample_graph, parallelism: int = 10,
                root: Path | None = None) -> Engine:
        return Engine(topology=topology, store=StateStore("test", root or tmp_path / ".privnet"),
                      ctx=FakeContext(), handlers=dict(handlers), policy=FAST_POLICY,
                      parallelism=parallelism, compilers=[compiler_for(build)])

    return factory
