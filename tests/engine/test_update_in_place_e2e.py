"""Changing a compute pool's max CFU and a connector's config updates both in place.

Both update paths call operations the emulator once answered with 501 (which the client then
retried until it gave up): ``PATCH /fcpm/v2/compute-pools/{id}`` and
``PUT .../connectors/{name}/config``. The Flink example plus one connector on its private
cluster, applied, changed, applied again.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.engine.plan import Action
from privnet.local.ccloud.store import EmulatorState
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

POOL = "confluent.compute_pool.enrichment"
CONNECTOR = "confluent.connector.orders_datagen"
FIRST_CONFIG = {"connector.class": "DatagenSource", "kafka.topic": "orders",
                "quickstart": "ORDERS", "output.data.format": "JSON", "tasks.max": "1"}
SECOND_CONFIG = {"connector.class": "DatagenSource", "kafka.topic": "orders",
                 "quickstart": "PURCHASES", "tasks.max": "2"}


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def flink_with_connector(max_cfu: int, config: dict[str, str]) -> Topology:
    """The Flink example with its pool at ``max_cfu`` and a Datagen connector on ``lake``."""
    data = load_spec(EXAMPLES / "flink-private.yaml").topology.model_dump(mode="json")
    data["confluent"]["flink"]["compute_pools"][0]["max_cfu"] = max_cfu
    data["confluent"]["connectors"] = [{"name": "orders_datagen", "cluster": "lake",
                                        "service_account": "lake_manager", "config": config}]
    return Topology.model_validate(data)


def emulator(cloud: InProcessCloud) -> EmulatorState:
    state: EmulatorState = cloud.app.state.emulator
    return state


def test_pool_cfu_and_connector_config_change_in_place(
        local_cloud: InProcessCloud, tmp_path: Path) -> None:
    before = flink_with_connector(10, FIRST_CONFIG)
    ctx = local_cloud.context(before.stack, before.region)
    _, created = seed_engine(before, ctx, tmp_path).apply()
    assert created.ok, {a: o.detail for a, o in created.outcomes.items() if o.status != "done"}

    engine = seed_engine(flink_with_connector(20, SECOND_CONFIG), ctx, tmp_path)
    plan = engine.plan()
    assert {c.address: c.action for c in plan.actionable} == {
        POOL: Action.UPDATE, CONNECTOR: Action.UPDATE}
    _, updated = engine.apply(plan)
    assert updated.ok, {a: o.detail for a, o in updated.outcomes.items() if o.status != "done"}

    store = emulator(local_cloud)
    (pool,) = store.all("compute_pools")
    assert pool.fields["max_cfu"] == 20
    (connector,) = store.all("connectors")
    held = connector.fields["config"]
    assert {k: held[k] for k in SECOND_CONFIG} == SECOND_CONFIG
    assert "output.data.format" not in held, "a config PUT replaces the whole config"
    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]
