"""``--target`` and ``--replace`` in the engine, over fake handlers (no cloud): closures,
deletions kept out of a targeted run, forced replacements and what follows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from privnet.engine.backoff import FAST_POLICY
from privnet.engine.operations import Engine
from privnet.engine.plan import Action, Plan
from privnet.engine.planner import REPLACE_REQUESTED
from privnet.engine.state import StateStore
from privnet.engine.targeting import UnknownAddressError, with_dependencies, with_dependents
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.conftest import KINDS, sample_graph
from tests.engine.fakes import FakeCloud, FakeContext, FakeHandler, compiler_for, graph_of, ref, res

NETWORK, SUBNET_A, SUBNET_B = "fake.network.main", "fake.subnet.a", "fake.subnet.b"
CLUSTER, TOPIC = "confluent.cluster.main", "confluent.topic.main.t"


class Rig:
    """Engines over one fake cloud and one state folder, built per graph and options."""

    def __init__(self, root: Path) -> None:
        self.cloud = FakeCloud()
        self.handlers = {kind: FakeHandler(kind, self.cloud) for kind in KINDS}
        self.root = root
        self.topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology

    def engine(self, graph: ResourceGraph | None = None, targets: tuple[str, ...] = (),
               replace: tuple[str, ...] = ()) -> Engine:
        built = graph or sample_graph()
        return Engine(topology=self.topology, store=StateStore("test", self.root),
                      ctx=FakeContext(), handlers=dict(self.handlers), policy=FAST_POLICY,
                      compilers=[compiler_for(lambda: built)], targets=targets,
                      replace=replace)


@pytest.fixture
def rig(tmp_path: Path) -> Rig:
    return Rig(tmp_path / "state")


def _actions(plan: Plan) -> dict[str, Action]:
    return {c.address: c.action for c in plan.changes}


def test_closures_follow_the_edges() -> None:
    graph = sample_graph()
    assert with_dependencies(graph, [TOPIC]) == {TOPIC, CLUSTER, SUBNET_A, NETWORK}
    deps = {a: graph.dependencies(a) for a in graph.resources}
    assert with_dependents(deps, [NETWORK]) == {NETWORK, SUBNET_A, SUBNET_B, TOPIC}
    assert with_dependents(deps, [CLUSTER]) == {CLUSTER, TOPIC}


def test_a_targeted_apply_makes_only_the_closure(rig: Rig) -> None:
    engine = rig.engine(targets=(SUBNET_A,))
    assert _actions(engine.plan()) == {NETWORK: Action.CREATE, SUBNET_A: Action.CREATE}
    _, result = engine.apply()
    assert result.ok and sorted(rig.cloud.ops("create")) == [NETWORK, SUBNET_A]
    rest = rig.engine().plan()
    assert {a for a, act in _actions(rest).items() if act is Action.CREATE} == {
        SUBNET_B, CLUSTER, TOPIC}


def test_a_targeted_run_deletes_only_a_targeted_removal(rig: Rig) -> None:
    assert rig.engine().apply()[1].ok
    smaller = graph_of(res(NETWORK, {"cidr": "10.0.0.0/16"}),
                       res(SUBNET_A, {"network": ref(NETWORK), "az": "a"}))
    untouched = rig.engine(smaller, targets=(SUBNET_A,)).plan()
    assert not untouched.has_changes, "what the target leaves out is not deleted"
    dropped = rig.engine(smaller, targets=(SUBNET_B,)).plan()
    assert _actions(dropped) == {SUBNET_B: Action.DELETE}


def test_unknown_targets_and_replacements_are_refused(rig: Rig) -> None:
    with pytest.raises(UnknownAddressError, match=re.escape("did you mean fake.subnet.a")):
        rig.engine(targets=("fake.subnet.aa",)).plan()
    with pytest.raises(UnknownAddressError, match="nothing to replace"):
        rig.engine(replace=(NETWORK,)).plan()
    with pytest.raises(UnknownAddressError, match=re.escape("--replace fake.network.man")):
        rig.engine(replace=("fake.network.man",)).plan()
    assert rig.cloud.ops("create") == []


def test_replace_renews_the_object_and_what_cannot_follow_in_place(rig: Rig) -> None:
    rig.handlers["fake.subnet"].replace_on = frozenset({"network"})
    assert rig.engine().apply()[1].ok
    old = {a: r.attributes["id"] for a, r in rig.engine().store.load().resources.items()}
    engine = rig.engine(replace=(NETWORK,))
    plan = engine.plan()
    by_address = {c.address: c for c in plan.changes}
    assert by_address[NETWORK].action is Action.REPLACE
    assert by_address[NETWORK].reason == REPLACE_REQUESTED
    assert by_address[SUBNET_A].action is Action.REPLACE  # its network cannot change in place
    assert "fake.network.main is (re)created" in by_address[SUBNET_A].reason
    assert by_address[CLUSTER].action is Action.NOOP
    _, result = engine.apply()
    assert result.ok
    new = {a: r.attributes["id"] for a, r in engine.store.load().resources.items()}
    assert new[NETWORK] != old[NETWORK] and new[SUBNET_A] != old[SUBNET_A]
    assert new[CLUSTER] == old[CLUSTER]
    assert old[NETWORK] not in rig.cloud.objects
    assert not rig.engine().plan().has_changes


def test_destroy_target_takes_the_dependents_along(rig: Rig) -> None:
    assert rig.engine().apply()[1].ok
    engine = rig.engine(targets=(CLUSTER,))
    plan = engine.destroy_plan()
    assert _actions(plan) == {TOPIC: Action.DELETE, CLUSTER: Action.DELETE}
    _, result = engine.destroy()
    assert result.ok
    assert set(engine.store.load().resources) == {NETWORK, SUBNET_A, SUBNET_B}
