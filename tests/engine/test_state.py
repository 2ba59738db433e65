"""State store: lineage/serial, backups, atomic private files, the lock, stale plans."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from privnet.engine.errors import StalePlanError, StateError, StateLockedError
from privnet.engine.state import ResourceState, StateStore
from tests.engine.conftest import EngineFactory


def test_first_load_is_empty_and_writes_bump_serial_keep_lineage(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    state = store.load()
    assert state.serial == 0 and not state.resources and not store.exists()
    lineage = state.lineage
    state.resources["fake.vpc.a"] = ResourceState("fake.vpc", {"id": "vpc-1"})
    store.write(state)
    store.write(state)
    again = store.load()
    assert again.serial == 2
    assert again.lineage == lineage
    assert again.resources["fake.vpc.a"].attributes == {"id": "vpc-1"}


def test_backup_holds_the_previous_version(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    state = store.load()
    store.write(state)
    state.resources["fake.vpc.a"] = ResourceState("fake.vpc", {"id": "vpc-1"})
    store.write(state)
    backup = json.loads(store.backup_path.read_text())
    current = json.loads(store.path.read_text())
    assert backup["serial"] == 1 and backup["resources"] == {}
    assert current["serial"] == 2 and "fake.vpc.a" in current["resources"]


def test_state_files_are_private_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    state = store.load()
    store.write(state)
    store.write(state)
    for path in (store.path, store.backup_path):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert sorted(p.name for p in store.directory.iterdir()) == ["state.json",
                                                                 "state.json.backup"]


def test_secret_values_never_reach_the_file(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    state = store.load()
    state.resources["confluent.api_key.a.b"] = ResourceState(
        "confluent.api_key", {"id": "KEY1", "api_secret": "s3cr3t-value",
                              "secret_name": "/root/a/b"},
        properties={"password": "hunter2-value"})
    store.write(state)
    text = store.path.read_text()
    assert "s3cr3t-value" not in text and "hunter2-value" not in text
    assert "/root/a/b" in text and "KEY1" in text


def test_second_lock_is_refused_naming_the_holder(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    with store.lock("apply"):
        with pytest.raises(StateLockedError) as refused, store.lock("destroy"):
            pass
        message = str(refused.value)
        assert f"pid {os.getpid()}" in message and "apply" in message
    with store.lock("destroy"):  # released: can be taken again
        pass


def test_unreadable_or_foreign_state_is_a_clear_error(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    store.directory.mkdir(parents=True)
    store.path.write_text("{not json")
    with pytest.raises(StateError, match="is damaged"):
        store.load()
    store.path.write_text(json.dumps({"stack": "other", "lineage": "x", "serial": 3}))
    with pytest.raises(StateError, match="belongs to stack 'other'"):
        store.load()


def test_apply_refuses_a_stale_plan(make_engine: EngineFactory) -> None:
    engine = make_engine()
    old_plan = engine.plan()
    engine.apply(engine.plan())
    with pytest.raises(StalePlanError, match="stale"):
        engine.apply(old_plan)


def test_apply_refuses_while_another_run_holds_the_lock(make_engine: EngineFactory) -> None:
    engine = make_engine()
    with engine.store.lock("apply"), pytest.raises(StateLockedError):
        engine.apply()
