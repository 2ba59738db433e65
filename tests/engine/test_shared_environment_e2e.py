"""Three stacks naming one Confluent environment: each applies, each destroy keeps the others.

The first stack creates the environment, the other two find it holding the first one's
objects and use it. Every stack has a cluster ``sandbox`` and a service account
``app_manager``: names scoped to the stack keep them apart (no 409). A destroy deletes only
its own stack's objects; the environment goes only when nothing else is left in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from privnet.engine.operations import Engine
from privnet.engine.walk import Status
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

ENV_ADDRESS = "confluent.environment.main"
ENV_NAME = "shared-env"
STACKS = ("alpha", "beta", "gamma")


def _topology(stack: str, tmp_path: Path) -> Topology:
    doc: dict[str, Any] = {
        "version": 1, "stack": stack, "region": "us-east-1", "target": "local",
        "runner": {"location": "app"},
        "confluent": {
            "environment": {"name": ENV_NAME},
            "connectivity": {"privatelink_attachments": [{"name": "platt"}]},
            "clusters": [{"name": "sandbox", "type": "enterprise", "availability": "HIGH",
                          "connectivity": "platt",
                          "topics": [{"name": "orders", "partitions": 1}]}],
            "service_accounts": [{"name": "app_manager",
                                  "roles": [{"role": "CloudClusterAdmin",
                                             "cluster": "sandbox"}],
                                  "api_keys": ["sandbox"]}],
        },
        "aws": {
            "hub": {"transit_gateway": {}},
            "vpcs": [{"name": "app", "cidr": "10.40.0.0/20",
                      "subnets": [{"az_id": "use1-az1", "cidr": "10.40.0.0/24"},
                                  {"az_id": "use1-az2", "cidr": "10.40.1.0/24"}],
                      "endpoint": {"connectivity": "platt"}}],
        },
    }
    path = tmp_path / f"{stack}.yaml"
    path.write_text(yaml.safe_dump(doc))
    return load_spec(path).topology


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def _clusters(ctx: CloudContext) -> list[dict[str, Any]]:
    client = ctx.confluent()
    found: list[dict[str, Any]] = []
    for env in client.list_all("/org/v2/environments"):
        found.extend(client.list_all("/cmk/v2/clusters", {"environment": env["id"]}))
    return found


def _failures(result: Any) -> dict[str, str]:
    return {a: o.detail for a, o in result.outcomes.items() if o.status is not Status.DONE}


def _apply_all(local_cloud: InProcessCloud, tmp_path: Path, stacks: tuple[str, ...] = STACKS
               ) -> dict[str, tuple[Engine, CloudContext]]:
    engines: dict[str, tuple[Engine, CloudContext]] = {}
    for stack in stacks:
        topology = _topology(stack, tmp_path)
        ctx = local_cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path / "state")
        _, applied = engine.apply()
        assert applied.ok, (stack, _failures(applied))  # no 409 on the second and third
        engines[stack] = (engine, ctx)
    return engines


def _live(engines: dict[str, tuple[Engine, CloudContext]], stacks: tuple[str, ...]) -> None:
    """Every stack in ``stacks`` still has all its objects, in Confluent and in AWS."""
    for stack in stacks:
        engine, ctx = engines[stack]
        recorded = engine.store.load().resources
        cluster_id = recorded["confluent.cluster.sandbox"].attributes["id"]
        assert cluster_id in {c["id"] for c in _clusters(ctx)}, stack
        account_id = recorded["confluent.service_account.app_manager"].attributes["id"]
        accounts = {a["id"]: a for a in ctx.confluent().list_all("/iam/v2/service-accounts")}
        assert account_id in accounts, stack
        inventory = aws_inventory(ctx, stack)
        assert inventory["vpcs"] == 1 and inventory["vpc_endpoints"] == 1, (stack, inventory)
        assert inventory["secrets"] >= 1, (stack, inventory)
        again = engine.plan()
        assert not again.has_changes, (stack, [(c.address, c.reason) for c in again.actionable])


def test_three_stacks_share_one_environment_and_destroy_one_by_one(
        local_cloud: InProcessCloud, tmp_path: Path) -> None:
    engines = _apply_all(local_cloud, tmp_path)
    _, ctx = engines["alpha"]
    environments = ctx.confluent().list_all("/org/v2/environments")
    assert len(environments) == 1
    env_id = environments[0]["id"]
    for stack in STACKS:
        recorded = engines[stack][0].store.load().resources[ENV_ADDRESS].attributes
        assert recorded["id"] == env_id
    assert confluent_inventory(ctx) == {"environments": 1, "service_accounts": 3,
                                        "api_keys": 3, "clusters": 3,
                                        "private_link_attachments": 3}
    names = sorted(c["spec"]["display_name"] for c in _clusters(ctx))
    assert names == ["alpha-sandbox", "beta-sandbox", "gamma-sandbox"]
    accounts = sorted(a["display_name"]
                      for a in ctx.confluent().list_all("/iam/v2/service-accounts"))
    assert accounts == ["alpha-app_manager", "beta-app_manager", "gamma-app_manager"]
    _live(engines, STACKS)

    # the stacks that found the environment go first: it is not theirs to delete
    for stack, remaining in (("beta", ("alpha", "gamma")), ("gamma", ("alpha",))):
        engine, _ = engines[stack]
        shown = {c.address: c for c in engine.destroy_plan().changes}
        assert shown[ENV_ADDRESS].kept == (  # the plan says so before the run
            f"environment {ENV_NAME} ({env_id}) left in place: not created by this stack")
        _, destroyed = engine.destroy()
        assert destroyed.ok, _failures(destroyed)
        assert destroyed.outcomes[ENV_ADDRESS].detail == (
            f"environment {ENV_NAME} ({env_id}) left in place: not created by this stack")
        assert engine.store.load().resources == {}
        _gone_from_aws(ctx, stack)
        count = len(remaining)
        assert confluent_inventory(ctx) == {"environments": 1, "service_accounts": count,
                                            "api_keys": count, "clusters": count,
                                            "private_link_attachments": count}
        _live(engines, remaining)

    # the last one, which created it, leaves the environment empty and removes it
    engine, _ = engines["alpha"]
    assert not {c.address: c for c in engine.destroy_plan().changes}[ENV_ADDRESS].kept
    _, destroyed = engine.destroy()
    assert destroyed.ok, _failures(destroyed)
    assert destroyed.outcomes[ENV_ADDRESS].detail == "destroyed"
    assert set(confluent_inventory(ctx).values()) == {0}
    _gone_from_aws(ctx, "alpha")
    assert set(aws_inventory(ctx, "alpha").values()) == {0}


def test_creator_destroyed_first_keeps_the_environment_and_the_other_stack(
        local_cloud: InProcessCloud, tmp_path: Path) -> None:
    engines = _apply_all(local_cloud, tmp_path, STACKS[:2])
    _, ctx = engines["alpha"]
    env_id = ctx.confluent().list_all("/org/v2/environments")[0]["id"]
    engine, _ = engines["alpha"]
    _, destroyed = engine.destroy()
    assert destroyed.ok, _failures(destroyed)
    beta = engines["beta"][0].store.load().resources
    theirs = {kind: beta[address].attributes["id"] for kind, address in (
        ("cluster", "confluent.cluster.sandbox"), ("platt", "confluent.platt.platt"),
        ("binding", "confluent.role_binding.app_manager.0"))}
    kept = destroyed.outcomes[ENV_ADDRESS].detail
    assert kept == (f"environment {ENV_NAME} ({env_id}) left in place: holds objects of other "
                    f"stacks or people: 1 cluster ({theirs['cluster']}), "
                    f"1 PrivateLink attachment ({theirs['platt']}), "
                    f"1 role binding ({theirs['binding']})"), kept
    assert engine.store.load().resources == {}
    _gone_from_aws(ctx, "alpha")
    assert confluent_inventory(ctx) == {"environments": 1, "service_accounts": 1,
                                        "api_keys": 1, "clusters": 1,
                                        "private_link_attachments": 1}
    _live(engines, ("beta",))

    engine, _ = engines["beta"]
    _, destroyed = engine.destroy()
    assert destroyed.ok, _failures(destroyed)
    assert destroyed.outcomes[ENV_ADDRESS].detail == (
        f"environment {ENV_NAME} ({env_id}) left in place: not created by this stack; "
        "it is empty now: delete it by hand if no one uses it")
    assert confluent_inventory(ctx) == {"environments": 1, "service_accounts": 0,
                                        "api_keys": 0, "clusters": 0,
                                        "private_link_attachments": 0}


def _gone_from_aws(ctx: CloudContext, stack: str) -> None:
    """Hosted zones and resolver rules are counted account-wide by ``aws_inventory``: left
    out here (the last destroy checks them)."""
    left = {k: v for k, v in aws_inventory(ctx, stack).items()
            if k not in ("hosted_zones", "resolver_rules")}
    assert set(left.values()) == {0}, (stack, sorted(left.items()))
