"""State lost, the cloud kept: plan and destroy find the stack's objects by their markers.

Issue 9 item 2: with state.json deleted after an apply, destroy answered "No changes" and left
every object; a new apply found the AWS objects by tag but duplicated the Confluent clusters
and the PrivateLink attachment (the environment, found by name and not empty, was taken for
someone else's, so nothing inside it was adopted).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.engine.errors import StateError
from privnet.engine.executor import RunResult
from privnet.engine.operations import Engine
from privnet.engine.plan import Action
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Topology
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

ENV_ADDRESS = "confluent.environment.main"
DATA_PLANE = ("confluent.topic", "confluent.acl", "confluent.link", "confluent.mirror",
              "confluent.connector")
"""Objects reached with an API key: their properties name the client secret (never the key),
so discovery finds them too, with the active key that secret holds."""
LEFT_IN_PLACE = ("confluent.schema_registry",)
"""Destroy leaves it (it goes with its environment): discovery does not take it in for a
destroy, so the plan does not list it."""


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def _ok(result: RunResult) -> dict[str, str]:
    return {a: o.detail for a, o in result.outcomes.items() if o.status != "done"}


def _lose_state(engine: Engine) -> None:
    engine.store.path.unlink()
    engine.store.backup_path.unlink(missing_ok=True)


def _applied(engine: Engine) -> None:
    _, result = engine.apply()
    assert result.ok, _ok(result)


def test_destroy_after_state_loss_removes_every_object(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path)
    _applied(engine)
    recorded = list(engine.store.load().resources)
    _lose_state(engine)

    plan = engine.destroy_plan()
    assert plan.has_changes
    deletes = [c for c in plan.changes if c.action is Action.DELETE]
    outside = [a for a in recorded if not a.startswith(LEFT_IN_PLACE)]
    assert any(a.startswith(DATA_PLANE) for a in outside)
    assert sorted(c.address for c in deletes) == sorted(outside), "every object found again"
    assert all("found" in c.reason for c in deletes)

    _, destroyed = engine.destroy(plan)
    assert destroyed.ok, _ok(destroyed)
    assert set(aws_inventory(ctx, topology.stack).values()) == {0}
    assert set(confluent_inventory(ctx).values()) == {0}
    assert engine.store.load().resources == {}
    assert not engine.destroy_plan().has_changes


def test_apply_after_state_loss_converges_without_duplicates(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path)
    _applied(engine)
    before_aws, before_confluent = aws_inventory(ctx, topology.stack), confluent_inventory(ctx)
    env_id = engine.store.load().resources[ENV_ADDRESS].attributes["id"]
    _lose_state(engine)

    plan = engine.plan()
    creates = [c.address for c in plan.changes if c.action is Action.CREATE]
    assert creates == [], creates  # data-plane objects too: found through the client secret
    _applied(engine)
    assert confluent_inventory(ctx) == before_confluent  # no second cluster or PLATT
    assert aws_inventory(ctx, topology.stack) == before_aws
    state = engine.store.load()
    assert state.resources[ENV_ADDRESS].attributes["id"] == env_id
    assert state.resources[ENV_ADDRESS].attributes["created_by_privnet"] is True
    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]

    _, destroyed = engine.destroy()  # and the environment is still privnet's to delete
    assert destroyed.ok, _ok(destroyed)
    assert set(confluent_inventory(ctx).values()) == {0}


def test_restored_older_state_adopts_the_rest(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path)
    _applied(engine)
    before = confluent_inventory(ctx), aws_inventory(ctx, topology.stack)
    full = json.loads(engine.store.path.read_text())
    older = dict(full, serial=full["serial"] - 40)
    dropped = sorted(a for a in full["resources"]
                     if a.startswith(("confluent.cluster.", "confluent.topic.", "aws.record.",
                                      "confluent.private_link_attachment")))
    assert dropped
    older["resources"] = {a: r for a, r in full["resources"].items() if a not in dropped}
    engine.store.path.write_text(json.dumps(older))  # the restored backup

    plan = engine.plan()
    by_address = {c.address: c for c in plan.changes}
    for address in dropped:
        change = by_address[address]
        assert change.action is not Action.CREATE, (address, change.reason)
        assert "adopt" in change.reason, (address, change.reason)
    _applied(engine)
    assert (confluent_inventory(ctx), aws_inventory(ctx, topology.stack)) == before
    assert set(dropped) <= set(engine.store.load().resources)
    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]


def test_unparseable_state_is_refused_naming_the_files(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path)
    engine.store.directory.mkdir(parents=True)
    engine.store.path.write_text("{not json")
    for action in (engine.plan, engine.destroy_plan, engine.apply, engine.destroy):
        with pytest.raises(StateError) as caught:
            action()
        message = str(caught.value)
        assert str(engine.store.path) in message and str(engine.store.backup_path) in message
    assert engine.store.path.read_text() == "{not json"  # never silently replaced


def test_state_of_another_lineage_than_its_backup_is_refused(
        tmp_path: Path, topology: Topology) -> None:
    from privnet.engine.state import State, StateStore

    store = StateStore(topology.stack, tmp_path)
    store.write(State(stack=topology.stack, lineage="aaaa"))
    store.write(State(stack=topology.stack, lineage="aaaa", serial=1))
    store.path.write_text(json.dumps(State(stack=topology.stack, lineage="bbbb",
                                           serial=1).to_json()))
    with pytest.raises(StateError, match="lineage"):
        store.load()


def test_state_lost_then_rewritten_keeps_its_old_backup_aside(
        tmp_path: Path, topology: Topology) -> None:
    from privnet.engine.state import State, StateStore

    store = StateStore(topology.stack, tmp_path)
    store.write(State(stack=topology.stack, lineage="aaaa"))
    store.write(State(stack=topology.stack, lineage="aaaa", serial=1))
    store.path.unlink()  # lost; the backup of the old lineage stays
    fresh = store.load()
    store.write(fresh)
    store.write(fresh)
    assert store.load().lineage == fresh.lineage  # no false "wrong lineage"
    assert list(store.directory.glob("state.json.backup.aaaa*"))


def test_cli_refuses_a_damaged_state_with_exit_2(
        topology: Topology, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from privnet.cli.errors import run_guarded
    from privnet.engine.state import StateStore

    store = StateStore(topology.stack, tmp_path)
    store.directory.mkdir(parents=True)
    store.path.write_text("{not json")
    code = run_guarded(lambda: (store.load(), 0)[1])
    assert code == 2
    assert str(store.path) in capsys.readouterr().err


@pytest.mark.xfail(strict=True, reason="known gap: inside an environment privnet did not "
                   "create, nothing is adopted by name (control_plane.in_foreign_environment), "
                   "so after a lost state the stack's clusters there are not found")
def test_lost_state_in_a_foreign_environment_finds_the_stacks_clusters(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    ctx = local_cloud.context(topology.stack, topology.region)
    ctx.confluent().post("/org/v2/environments", {
        "display_name": topology.confluent.environment.name,
        "stream_governance_config": {"package": "ESSENTIALS"}})
    engine = seed_engine(topology, ctx, tmp_path)
    env_id = ctx.confluent().list_all("/org/v2/environments")[0]["id"]
    ctx.confluent().post("/cmk/v2/clusters", {"spec": {  # someone else's, so it is foreign
        "display_name": "theirs", "availability": "SINGLE_ZONE", "cloud": "AWS",
        "region": "us-east-1", "config": {"kind": "Enterprise"},
        "environment": {"id": env_id}}})
    _applied(engine)
    _lose_state(engine)
    plan = engine.destroy_plan()
    assert "confluent.cluster.sandbox" in {c.address for c in plan.changes}
