"""Data-plane reach preflight (issue 9 item 6): a run whose data-plane calls cannot reach their
private endpoint stops before changing anything, naming the endpoint and the fix.

The ingress PrivateLink example on the in-process local cloud, network-faithful: the runner
location decides whether the cluster's private name resolves and routes, exactly as the
Kafka REST calls themselves are gated.
"""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.plan import Action, Change, Plan
from privnet.engine.reach_preflight import ReachPreflightError, endpoints_needed
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.endpoint_reach import socket_problem
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

NEW_TOPIC = "audit.events"


def with_new_topic(topology: Topology, runner: str) -> Topology:
    data: dict[str, Any] = topology.model_dump(mode="json")
    data["runner"] = {"location": runner}
    data["confluent"]["clusters"][0]["topics"].append({"name": NEW_TOPIC, "partitions": 1})
    return Topology.model_validate(data)


def test_an_unreachable_endpoint_stops_apply_before_any_change(tmp_path: Path) -> None:
    topology = load_spec(EXAMPLES / "ingress-privatelink.yaml").topology
    with InProcessCloud(EmulatorSettings.instant()) as cloud:
        engine = seed_engine(topology, cloud.context(topology.stack, topology.region, topology),
                             tmp_path)
        _, result = engine.apply()
        assert result.ok, result.problems()
        serial = engine.store.load().serial
        topics = cloud.app.state.emulator.count("topics")

        outside = with_new_topic(topology, "internet")
        away = seed_engine(outside, cloud.context(outside.stack, outside.region, outside),
                           tmp_path)
        plan = away.plan()
        assert {c.address for c in plan.actionable} == {f"confluent.topic.events.{NEW_TOPIC}"}
        with pytest.raises(ReachPreflightError) as caught:
            away.apply()
        message = str(caught.value)
        assert "nothing was changed" in message
        assert f"confluent.topic.events.{NEW_TOPIC}" in message
        assert ":443" in message and "runner" in message
        assert engine.store.load().serial == serial  # not even the state was written
        assert cloud.app.state.emulator.count("topics") == topics
        assert f"confluent.topic.events.{NEW_TOPIC}" not in engine.store.load().resources

        inside = with_new_topic(topology, topology.runner.location)
        near = seed_engine(inside, cloud.context(inside.stack, inside.region, inside), tmp_path)
        _, result = near.apply()
        assert result.ok, result.problems()
        assert f"confluent.topic.events.{NEW_TOPIC}" in near.store.load().resources
        assert cloud.app.state.emulator.count("topics") == topics + 1


def test_a_run_that_also_builds_the_way_is_not_checked_in_advance() -> None:
    """The first apply, or one that adds a route: reach is only known once the way exists."""
    change = Change(address="confluent.topic.events.t", kind="confluent.topic",
                    action=Action.CREATE)
    route = Change(address="aws.route.a.b", kind="aws.route", action=Action.CREATE)
    plan = Plan(stack="s", lineage="l", serial=1, changes=[change, route])
    from privnet.engine.state import State
    from privnet.resources.model import ResourceGraph

    assert endpoints_needed(plan, ResourceGraph(), State(stack="s", lineage="l")) == {}


def test_sockets_name_what_fails() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    open_port = listener.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]
    closed.close()
    try:
        assert socket_problem("127.0.0.1", open_port) is None
        refused = socket_problem("127.0.0.1", closed_port, timeout=1.0)
        assert refused is not None and f"TCP {closed_port} does not connect" in refused
        unresolved = socket_problem("no-such-cluster.invalid", 443, timeout=2.0)
        assert unresolved is not None and "no-such-cluster.invalid" in unresolved
    finally:
        listener.close()
