"""The seed applied into a same-named environment: destroy keeps what privnet did not create."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.walk import Status
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Topology
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

ENV_ADDRESS = "confluent.environment.main"
ENVIRONMENTS = "/org/v2/environments"


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def make_environment(ctx: CloudContext, name: str) -> dict[str, Any]:
    return dict(ctx.confluent().post(ENVIRONMENTS, {
        "display_name": name, "stream_governance_config": {"package": "ESSENTIALS"}}))


def make_cluster(ctx: CloudContext, env_id: str, name: str) -> dict[str, Any]:
    return dict(ctx.confluent().post("/cmk/v2/clusters", {"spec": {
        "display_name": name, "availability": "SINGLE_ZONE", "cloud": "AWS",
        "region": "us-east-1", "config": {"kind": "Enterprise"},
        "environment": {"id": env_id}}}))


def test_foreign_environment_and_its_cluster_survive_destroy(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    env = make_environment(ctx, topology.confluent.environment.name)
    theirs = make_cluster(ctx, env["id"], "sandbox")  # named like one of the seed's
    engine = seed_engine(topology, ctx, tmp_path)

    _, applied = engine.apply()
    assert applied.ok, {a: o.detail for a, o in applied.outcomes.items() if o.status != "done"}
    assert engine.store.load().resources[ENV_ADDRESS].attributes["id"] == env["id"]
    assert confluent_inventory(ctx)["clusters"] == 3  # the seed's two and theirs
    recorded = engine.store.load().resources["confluent.cluster.sandbox"].attributes
    assert recorded["id"] != theirs["id"]
    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]

    _, destroyed = engine.destroy()
    assert destroyed.ok, {a: o.detail for a, o in destroyed.outcomes.items()
                          if o.status != "done"}
    outcome = destroyed.outcomes[ENV_ADDRESS]
    assert outcome.status is Status.DONE
    assert outcome.detail == (f"environment {topology.confluent.environment.name} "
                              f"({env['id']}) left in place: not created by this stack")
    registry = destroyed.outcomes["confluent.schema_registry.main"].detail
    assert registry.endswith("left in place: it goes with its environment")
    assert ctx.confluent().list_all("/srcm/v3/clusters", {"environment": env["id"]})
    assert engine.store.load().resources == {}
    left = ctx.confluent().list_all("/cmk/v2/clusters", {"environment": env["id"]})
    assert [c["id"] for c in left] == [theirs["id"]]
    assert confluent_inventory(ctx) == {"environments": 1, "service_accounts": 0,
                                        "api_keys": 0, "clusters": 1,
                                        "private_link_attachments": 0}
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}


def test_empty_same_named_environment_is_adopted_as_privnets_and_deleted(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    leftover = make_environment(ctx, topology.confluent.environment.name)
    engine = seed_engine(topology, ctx, tmp_path)

    _, applied = engine.apply()
    assert applied.ok, {a: o.detail for a, o in applied.outcomes.items() if o.status != "done"}
    assert applied.outcomes[ENV_ADDRESS].detail == "adopted an existing object"
    recorded = engine.store.load().resources[ENV_ADDRESS].attributes
    assert (recorded["id"], recorded["created_by_privnet"]) == (leftover["id"], True)

    _, destroyed = engine.destroy()
    assert destroyed.ok, {a: o.detail for a, o in destroyed.outcomes.items()
                          if o.status != "done"}
    assert destroyed.outcomes[ENV_ADDRESS].detail == "destroyed"
    assert set(confluent_inventory(ctx).values()) == {0}
