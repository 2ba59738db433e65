"""Plans: create on empty state, no changes after apply, updates, replaces, drift, removals."""

from __future__ import annotations

import json

from privnet.engine.plan import Action, Plan, load_plan, save_plan
from privnet.render.plan import plan_json, plan_text
from tests.engine.conftest import EngineFactory, sample_graph
from tests.engine.fakes import FakeCloud, FakeHandler, graph_of, res


def actions(plan: Plan) -> dict[str, Action]:
    return {c.address: c.action for c in plan.changes}


def test_empty_state_plans_every_resource_as_create(make_engine: EngineFactory) -> None:
    plan = make_engine().plan()
    assert set(actions(plan).values()) == {Action.CREATE}
    assert len(plan.changes) == len(sample_graph().resources)
    assert plan.counts() == (5, 0, 0)
    text = plan_text(plan)
    assert "  # fake.network.main will be created\n  + fake.network.main\n" in text
    assert text.endswith("Plan: 5 to add, 0 to change, 0 to destroy.")
    assert "= (known after apply)" in text


def test_plan_after_apply_has_no_changes(make_engine: EngineFactory) -> None:
    engine = make_engine()
    _, result = engine.apply()
    assert result.ok
    plan = engine.plan()
    assert not plan.has_changes
    assert set(actions(plan).values()) == {Action.NOOP}
    assert plan_text(plan).startswith("No changes.")


def test_changed_property_is_an_update_and_dependents_follow(make_engine: EngineFactory) -> None:
    make_engine().apply()
    plan = make_engine(lambda: sample_graph("10.9.0.0/16")).plan()
    assert actions(plan)["fake.network.main"] is Action.UPDATE
    change = next(c for c in plan.changes if c.address == "fake.network.main")
    assert change.reason == "cidr changed"
    assert change.before == {"cidr": "10.0.0.0/16"} and change.after == {"cidr": "10.9.0.0/16"}
    assert actions(plan)["confluent.cluster.main"] is Action.NOOP
    assert "~ cidr = \"10.0.0.0/16\" -> \"10.9.0.0/16\"" in plan_text(plan)


def test_immutable_property_change_is_a_replace(make_engine: EngineFactory,
                                                handlers: dict[str, FakeHandler]) -> None:
    make_engine().apply()
    handlers["fake.network"].replace_on = frozenset({"cidr"})
    plan = make_engine(lambda: sample_graph("10.9.0.0/16")).plan()
    assert actions(plan)["fake.network.main"] is Action.REPLACE
    assert actions(plan)["fake.subnet.a"] is Action.UPDATE  # its network id changes in place
    assert plan.counts() == (1, 2, 1)
    assert ("  # fake.network.main must be replaced\n  # cidr cannot be changed in place\n"
            "-/+ fake.network.main\n") in plan_text(plan)


def test_object_deleted_outside_is_planned_for_creation(make_engine: EngineFactory,
                                                        cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    cluster_id = engine.store.load().resources["confluent.cluster.main"].attributes["id"]
    del cloud.objects[cluster_id]
    plan = engine.plan()
    change = next(c for c in plan.changes if c.address == "confluent.cluster.main")
    assert change.action is Action.CREATE and "drift" in change.reason
    assert actions(plan)["confluent.topic.main.t"] is Action.UPDATE
    _, result = engine.apply(plan)
    assert result.ok
    assert not engine.plan().has_changes


def test_resource_removed_from_topology_is_deleted(make_engine: EngineFactory) -> None:
    make_engine().apply()
    smaller = make_engine(lambda: graph_of(res("fake.network.main", {"cidr": "10.0.0.0/16"})))
    plan = smaller.plan()
    deleted = [c.address for c in plan.changes if c.action is Action.DELETE]
    assert set(deleted) == {"fake.subnet.a", "fake.subnet.b", "confluent.cluster.main",
                            "confluent.topic.main.t"}
    assert deleted.index("confluent.topic.main.t") < deleted.index("confluent.cluster.main")
    assert plan.counts() == (0, 0, 4)


def test_saved_plan_round_trips_and_json_is_machine_readable(make_engine: EngineFactory,
                                                              tmp_path: object) -> None:
    from pathlib import Path

    engine = make_engine()
    plan = engine.plan()
    path = Path(str(tmp_path)) / "plan.json"
    save_plan(plan, path)
    loaded = load_plan(path)
    assert loaded.changes == plan.changes
    assert (loaded.lineage, loaded.serial) == (plan.lineage, plan.serial)
    data = json.loads(plan_json(plan))
    assert data["summary"] == {"add": 5, "change": 0, "destroy": 0, "read": 0,
                               "leave_in_place": 0, "adopt": 0}
    assert data["has_changes"] is True


def test_secret_like_attributes_are_not_stored(make_engine: EngineFactory) -> None:
    engine = make_engine()
    engine.apply()
    assert "do-not-store" not in engine.store.path.read_text()


def test_replacement_cascades_to_dependents_holding_immutable_references(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    make_engine().apply()
    handlers["fake.network"].replace_on = frozenset({"cidr"})
    handlers["fake.subnet"].replace_on = frozenset({"network"})
    plan = make_engine(lambda: sample_graph("10.9.0.0/16")).plan()
    found = actions(plan)
    assert found["fake.network.main"] is Action.REPLACE
    assert found["fake.subnet.a"] is Action.REPLACE and found["fake.subnet.b"] is Action.REPLACE
    assert found["confluent.topic.main.t"] is Action.UPDATE  # its "via" may change in place
    assert found["confluent.cluster.main"] is Action.NOOP
    subnet = next(c for c in plan.changes if c.address == "fake.subnet.a")
    assert subnet.reason == ("network will change: fake.network.main is (re)created, "
                             "and network cannot be changed in place")


def test_a_deletion_known_to_leave_its_object_is_shown_and_counted_apart(
        tmp_path: object) -> None:
    """A destroy plan does not say "will be destroyed" for what the run will leave in place,
    and the saved plan keeps the reason."""
    from pathlib import Path

    from privnet.engine.plan import Change

    kept = Change("confluent.environment.main", "confluent.environment", Action.DELETE,
                  reason="destroy", kept="environment main (env-1) left in place: not "
                  "created by this stack")
    gone = Change("confluent.cluster.a", "confluent.cluster", Action.DELETE, reason="destroy")
    plan = Plan(stack="s", lineage="l", serial=3, changes=[gone, kept], destroy=True)
    text = plan_text(plan)
    assert "# confluent.environment.main will be left in place (this stack forgets it)" in text
    assert "# environment main (env-1) left in place: not created by this stack" in text
    assert "  . confluent.environment.main\n" in text
    assert "  # confluent.cluster.a will be destroyed\n  - confluent.cluster.a\n" in text
    assert text.endswith("Plan: 0 to add, 0 to change, 1 to destroy, 1 to leave in place.")
    assert json.loads(plan_json(plan))["summary"]["leave_in_place"] == 1
    path = Path(str(tmp_path)) / "plan.json"
    save_plan(plan, path)
    assert load_plan(path).changes[1].kept == kept.kept
