"""Discovery on fake handlers: what it costs, what it skips, how plan/apply/destroy use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from privnet.engine.plan import Action, load_plan, save_plan
from tests.engine.conftest import EngineFactory
from tests.engine.fakes import FakeCloud, FakeHandler


def test_a_full_state_costs_no_find(make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    _, result = engine.apply()
    assert result.ok
    cloud.calls.clear()
    assert not engine.plan().has_changes
    assert engine.destroy_plan().has_changes  # the recorded objects, nothing more
    _, again = engine.apply()
    assert again.ok
    assert cloud.ops("find") == []


def test_a_stack_that_never_existed_costs_one_find_per_root(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    plan = engine.plan()
    assert sorted(cloud.ops("find")) == ["confluent.cluster.main", "fake.network.main"]
    assert all(c.action is Action.CREATE and "adopt" not in c.reason for c in plan.changes)
    assert not engine.destroy_plan().has_changes


def test_lost_state_plan_adopts_and_apply_records_without_creating(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    ids = set(cloud.objects)
    engine.store.path.unlink()
    engine.store.backup_path.unlink()

    plan = engine.plan()
    assert {c.action for c in plan.changes} == {Action.UPDATE}
    assert all(c.reason.startswith("adopt: found in the cloud by its markers")
               for c in plan.changes)
    cloud.calls.clear()
    _, result = engine.apply()
    assert result.ok
    assert {o.detail for o in result.outcomes.values()} == {"adopted an existing object"}
    assert cloud.ops("create") == [] and set(cloud.objects) == ids
    state = engine.store.load()
    assert all(r.discovered for r in state.resources.values())
    assert {r.attributes["id"] for r in state.resources.values()} == ids
    assert not engine.plan().has_changes


def test_dependents_of_what_was_not_found_are_not_looked_for(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    engine = make_engine()
    engine.apply()
    network = next(oid for oid, o in cloud.objects.items()
                   if o["address"] == "fake.network.main")
    del cloud.objects[network]
    engine.store.path.unlink()
    cloud.calls.clear()

    plan = engine.destroy_plan()
    assert sorted(c.address for c in plan.changes) == ["confluent.cluster.main"]
    assert "fake.subnet.a" not in cloud.ops("find")


def test_saved_destroy_plan_after_state_loss_is_applied_by_another_process(
        make_engine: EngineFactory, cloud: FakeCloud, tmp_path: Path) -> None:
    engine = make_engine()
    engine.apply()
    engine.store.path.unlink()
    engine.store.backup_path.unlink()
    saved = tmp_path / "destroy.json"
    save_plan(engine.destroy_plan(), saved)

    _, result = make_engine().destroy(load_plan(saved))
    assert result.ok and len(result.outcomes) == 5
    assert cloud.objects == {}
    assert make_engine().store.load().resources == {}


def test_an_unreachable_endpoint_is_not_found_and_other_errors_stop_the_plan(
        make_engine: EngineFactory, cloud: FakeCloud,
        handlers: dict[str, FakeHandler], monkeypatch: pytest.MonkeyPatch) -> None:
    from privnet.engine.errors import EngineError
    from privnet.providers.base import UnreachableError

    engine = make_engine()
    engine.apply()
    engine.store.path.unlink()

    def unreachable(*_: object) -> None:
        raise UnreachableError("lookup lkc-x.private: no such host")

    monkeypatch.setattr(handlers["confluent.cluster"], "find", unreachable)
    plan = make_engine().destroy_plan()
    assert "confluent.cluster.main" not in {c.address for c in plan.changes}
    assert "fake.network.main" in {c.address for c in plan.changes}

    def broken(*_: object) -> None:
        raise RuntimeError("AccessDenied")

    monkeypatch.setattr(handlers["fake.network"], "find", broken)
    with pytest.raises(EngineError, match=r"cannot look for the stack.s objects.*AccessDenied"):
        make_engine().plan()


def test_an_older_state_naming_a_replaced_object_is_corrected_before_destroy(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    import json

    engine = make_engine()
    engine.apply()
    old = json.loads(engine.store.path.read_text())
    subnet = next(oid for oid, o in cloud.objects.items() if o["address"] == "fake.subnet.b")
    del cloud.objects[subnet]  # deleted by hand, then re-created by the next apply
    _, result = engine.apply()
    assert result.ok and len(cloud.objects) == 5
    old["resources"].pop("confluent.topic.main.t")  # an older copy: it predates the topic
    engine.store.path.write_text(json.dumps(old))

    plan = engine.destroy_plan()
    reasons = {c.address: c.reason for c in plan.changes}
    assert "found in the cloud" in reasons["confluent.topic.main.t"]
    assert "found in the cloud" in reasons["fake.subnet.b"]  # the new one, not the old id
    _, destroyed = engine.destroy()
    assert destroyed.ok
    assert cloud.objects == {}


def test_an_older_state_detected_by_its_backup_is_rechecked(
        make_engine: EngineFactory, cloud: FakeCloud) -> None:
    import json

    engine = make_engine()
    engine.apply()
    old = engine.store.path.read_text()
    subnet = next(oid for oid, o in cloud.objects.items() if o["address"] == "fake.subnet.b")
    del cloud.objects[subnet]
    engine.apply()
    engine.store.path.write_text(old)  # restored: same lineage, lower serial than the backup
    assert json.loads(old)["serial"] < json.loads(engine.store.backup_path.read_text())["serial"]

    _, destroyed = engine.destroy()
    assert destroyed.ok
    assert cloud.objects == {}
