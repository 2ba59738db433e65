"""Heal, don't lock: what privnet needs but cannot find (an API key's secret, the key itself)
becomes a planned replacement, and destroy completes without it (issue 9 item 5).

The seed example on the in-process local cloud; secrets and keys are deleted by hand, the
way an operator (or a restarted local cloud) would lose them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.operations import Engine
from privnet.engine.plan import Action, Plan
from privnet.keys.secrets import client_secret_key
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

MANAGER_KEY = "confluent.api_key.sandbox_app_manager.sandbox"
"""The key the sandbox cluster's topics and ACLs are managed with."""
LINK_KEY = "confluent.api_key.shared_cluster_linking_app_manager.shared"


@pytest.fixture
def topology() -> Topology:
    return load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology


def failures(outcomes: Mapping[str, Any]) -> dict[str, str]:
    return {a: o.detail for a, o in outcomes.items() if o.status != "done"}


def applied(engine: Engine) -> None:
    _, result = engine.apply()
    assert result.ok, failures(result.outcomes)


def key_attributes(engine: Engine, address: str) -> dict[str, Any]:
    return dict(engine.store.load().resources[address].attributes)


def delete_key_secret(engine: Engine, address: str) -> str:
    """Delete the active key's own secret by hand; returns the key id."""
    attrs = key_attributes(engine, address)
    sm = engine.ctx.aws("secretsmanager")
    sm.delete_secret(SecretId=f"{attrs['secret_name']}/keys/{attrs['id']}",
                     ForceDeleteWithoutRecovery=True)
    return str(attrs["id"])


def delete_every_secret(engine: Engine) -> int:
    """A restarted local cloud: Secrets Manager is empty."""
    sm = engine.ctx.aws("secretsmanager")
    names = [s["Name"] for page in sm.get_paginator("list_secrets").paginate()
             for s in page["SecretList"]]
    for name in names:
        sm.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
    return len(names)


def actionable(plan: Plan) -> dict[str, tuple[str, str]]:
    return {c.address: (str(c.action), c.reason) for c in plan.actionable}


def secret_texts(engine: Engine) -> list[str]:
    """Every API secret stored for the stack (to check they never leak)."""
    sm = engine.ctx.aws("secretsmanager")
    found: list[str] = []
    for page in sm.get_paginator("list_secrets").paginate():
        for entry in page["SecretList"]:
            if "/keys/" in entry["Name"]:
                value = json.loads(sm.get_secret_value(SecretId=entry["Name"])["SecretString"])
                found.append(str(value["secret"]))
    return found


def no_secret_in(engine: Engine, *texts: str) -> None:
    stored = secret_texts(engine)
    state = engine.store.path.read_text()
    for secret in stored:
        assert secret not in state
        for text in texts:
            assert secret not in text


def test_a_deleted_key_secret_is_planned_as_a_replacement_and_healed_by_one_apply(
        topology: Topology, tmp_path: Path) -> None:
    with InProcessCloud(EmulatorSettings.instant(order_seed=1)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path)
        applied(engine)
        old = delete_key_secret(engine, MANAGER_KEY)

        plan = engine.plan()

        change = next(c for c in plan.changes if c.address == MANAGER_KEY)
        assert change.action is Action.REPLACE, actionable(plan)
        assert "secret missing from Secrets Manager" in change.reason
        assert plan.counts()[0] >= 1

        applied(engine)

        new = key_attributes(engine, MANAGER_KEY)
        assert new["id"] != old
        listed = {k["id"] for k in ctx.confluent().list_all("/iam/v2/api-keys")}
        assert old not in listed and new["id"] in listed
        assert new["active_key_id"] == new["id"]
        topic = engine.store.load().resources["confluent.topic.sandbox.dev-stock_trades"]
        assert topic.attributes["secret_name"] == new["secret_name"]
        held = client_secret_key(ctx.aws("secretsmanager"), str(topic.attributes["secret_name"]))
        assert held is not None and held.key == new["id"], "the topic's client secret moved on"
        assert engine.plan().has_changes is False, actionable(engine.plan())
        no_secret_in(engine, json.dumps(plan.to_json()))


def test_a_key_deleted_by_hand_is_planned_as_a_replacement_and_healed_by_one_apply(
        topology: Topology, tmp_path: Path) -> None:
    with InProcessCloud(EmulatorSettings.instant(order_seed=2)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path)
        applied(engine)
        old = str(key_attributes(engine, MANAGER_KEY)["id"])
        ctx.confluent().delete(f"/iam/v2/api-keys/{old}")

        plan = engine.plan()

        change = next(c for c in plan.changes if c.address == MANAGER_KEY)
        assert change.action is Action.REPLACE, actionable(plan)
        assert "key deleted outside privnet" in change.reason

        applied(engine)

        assert key_attributes(engine, MANAGER_KEY)["id"] != old
        assert engine.plan().has_changes is False, actionable(engine.plan())


@pytest.mark.parametrize("address", [MANAGER_KEY, LINK_KEY])
def test_destroy_completes_when_a_key_secret_is_gone(topology: Topology, tmp_path: Path,
                                                      address: str) -> None:
    with InProcessCloud(EmulatorSettings.instant(order_seed=3)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path)
        applied(engine)
        delete_key_secret(engine, address)
        stored = secret_texts(engine)

        _, destroyed = engine.destroy()

        assert destroyed.ok, failures(destroyed.outcomes)
        details = json.dumps({a: o.detail for a, o in destroyed.outcomes.items()})
        assert stored and not any(secret in details for secret in stored)
        assert engine.store.load().resources == {}
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}
        assert set(confluent_inventory(ctx).values()) == {0}


def test_destroy_completes_when_every_secret_is_gone(topology: Topology,
                                                     tmp_path: Path) -> None:
    with InProcessCloud(EmulatorSettings.instant(order_seed=4)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path)
        applied(engine)
        assert delete_every_secret(engine) > 0

        _, destroyed = engine.destroy()

        assert destroyed.ok, failures(destroyed.outcomes)
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}
        assert set(confluent_inventory(ctx).values()) == {0}


def test_a_restarted_cloud_without_secrets_is_healed_by_one_apply(topology: Topology,
                                                                  tmp_path: Path) -> None:
    with InProcessCloud(EmulatorSettings.instant(order_seed=5)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path)
        applied(engine)
        keys = [a for a in engine.store.load().resources if a.startswith("confluent.api_key.")]
        delete_every_secret(engine)

        plan = engine.plan()

        planned = actionable(plan)
        assert all(planned.get(k, ("", ""))[0] == "replace" for k in keys), planned
        assert all("secret missing from Secrets Manager" in planned[k][1] for k in keys)

        applied(engine)

        assert engine.plan().has_changes is False, actionable(engine.plan())
        _, destroyed = engine.destroy()
        assert destroyed.ok, failures(destroyed.outcomes)
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}
        assert set(confluent_inventory(ctx).values()) == {0}
