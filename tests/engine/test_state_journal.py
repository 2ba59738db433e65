"""The state journal: per-resource records replayed over the snapshot, compaction, crashes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privnet.engine import state as state_module
from privnet.engine.errors import StateError
from privnet.engine.state import ResourceState, State, StateStore
from tests.engine.conftest import EngineFactory

ADDRESSES = [f"fake.subnet.s{i}" for i in range(6)]


def _record(n: int) -> ResourceState:
    return ResourceState("fake.subnet", {"id": f"subnet-{n}", "cidr": f"10.0.{n % 250}.0/24"},
                         properties_hash=f"h{n}", dependencies=["fake.network.main"])


def _started(root: Path, count: int = 0) -> tuple[StateStore, State]:
    """A store with a snapshot on disk and ``count`` records put through the journal."""
    store = StateStore("demo", root)
    state = store.load()
    store.write(state)
    for n in range(count):
        address = f"fake.subnet.n{n}"
        state.resources[address] = _record(n)
        store.put(state, address)
    return store, state


def _journal_lines(store: StateStore) -> list[str]:
    if not store.journal.path.exists():
        return []
    return store.journal.path.read_text().splitlines()


operations = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.sampled_from(ADDRESSES), st.integers(0, 10_000)),
        st.tuples(st.just("forget"), st.sampled_from(ADDRESSES), st.just(0)),
        st.tuples(st.sampled_from(["write", "compact", "reload"]), st.just(""), st.just(0)),
    ),
    max_size=40)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_replay_equals_the_state_in_memory(steps: list[tuple[str, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as root, \
            mock.patch.object(state_module, "COMPACT_AFTER_LINES", 4):  # compacts as it goes
        store = StateStore("demo", Path(root))
        state = store.load()
        for op, address, n in steps:
            if op == "put":
                state.resources[address] = _record(n)
                store.put(state, address)
            elif op == "forget" and state.resources.pop(address, None) is not None:
                store.forget(state, address)
            elif op == "write":
                store.write(state)
            elif op == "compact":
                store.compact(state)
            elif op == "reload" and store.exists():
                store = StateStore("demo", Path(root))  # another process picks it up
                state = store.load()
        if store.exists():
            replayed = StateStore("demo", Path(root)).load()
            assert replayed.to_json() == state.to_json()


def test_each_put_changes_the_serial_a_saved_plan_checks(tmp_path: Path) -> None:
    store, state = _started(tmp_path)
    before = store.load().serial
    state.resources["fake.subnet.a"] = _record(1)
    store.put(state, "fake.subnet.a")
    assert StateStore("demo", tmp_path).load().serial == before + 1 == state.serial
    state.resources.pop("fake.subnet.a")
    store.forget(state, "fake.subnet.a")
    assert StateStore("demo", tmp_path).load().serial == before + 2


def test_a_record_costs_the_same_bytes_in_a_small_and_a_large_state(tmp_path: Path) -> None:
    grown = []
    for size in (10, 1000):
        store, state = _started(tmp_path / str(size), size)
        store.compact(state)
        state.resources["fake.subnet.extra"] = _record(7)
        store.put(state, "fake.subnet.extra")
        grown.append(store.journal.path.stat().st_size)
    assert abs(grown[0] - grown[1]) <= 4 and max(grown) < 400  # only the serial's digits


def test_first_record_of_a_new_stack_writes_the_snapshot(tmp_path: Path) -> None:
    store = StateStore("demo", tmp_path)
    state = store.load()
    state.resources["fake.subnet.a"] = _record(1)
    store.put(state, "fake.subnet.a")
    assert store.exists() and not store.journal.path.exists()
    assert StateStore("demo", tmp_path).load().to_json() == state.to_json()


def test_a_torn_last_line_is_ignored_and_cut_before_the_next_append(tmp_path: Path) -> None:
    store, state = _started(tmp_path, 3)
    confirmed = state.to_json()
    whole = _journal_lines(store)[-1]
    with store.journal.path.open("a") as handle:  # a crash halfway through the fourth line
        handle.write(whole[: len(whole) // 2])
    again = StateStore("demo", tmp_path)
    loaded = again.load()
    assert loaded.to_json() == confirmed
    loaded.resources["fake.subnet.later"] = _record(9)
    again.put(loaded, "fake.subnet.later")
    assert all(json.loads(line) for line in _journal_lines(again))  # no half line kept
    assert StateStore("demo", tmp_path).load().to_json() == loaded.to_json()


def test_a_damaged_line_before_the_last_is_refused_naming_file_line_and_fix(
        tmp_path: Path) -> None:
    store, _ = _started(tmp_path, 3)
    lines = _journal_lines(store)
    lines[1] = lines[1].replace('"serial"', '"seria')  # no longer JSON
    store.journal.path.write_text("\n".join(lines) + "\n")
    with pytest.raises(StateError) as refused:
        StateStore("demo", tmp_path).load()
    message = str(refused.value)
    assert f"state journal {store.journal.path} is damaged at line 2" in message
    assert "move" in message and "aside" in message
    assert "state.json.backup" not in message  # restoring it would not mend the journal


@pytest.mark.parametrize("line", [
    '{"lineage":"x","serial":0,"op":"put","address":"a","record":{"kind":"k"}}',
    '{"serial":"4","op":"put","address":"a","record":{"kind":"k"}}',
    '{"lineage":"x","serial":4,"op":"move","address":"a"}',
    '{"lineage":"x","serial":4,"op":"put","address":"a","record":{"attributes":{}}}',
    '{"lineage":"x","serial":4,"op":"put","address":"a","record":{"kind":"k","x":NaN}}',
    '[1,2]', '', '\xff',
])
def test_malformed_lines_are_refused_not_guessed(tmp_path: Path, line: str) -> None:
    store, _ = _started(tmp_path, 2)
    lines = _journal_lines(store)
    store.journal.path.write_bytes(
        (lines[0] + "\n").encode() + line.encode("latin-1") + b"\n" + (lines[1] + "\n").encode())
    with pytest.raises(StateError, match="is damaged at line 2"):
        StateStore("demo", tmp_path).load()


def test_a_journal_of_another_history_is_refused(tmp_path: Path) -> None:
    store, _ = _started(tmp_path / "mine", 1)
    other, _ = _started(tmp_path / "other", 2)
    shutil.copy(other.journal.path, store.journal.path)
    with pytest.raises(StateError) as refused:
        StateStore("demo", tmp_path / "mine").load()
    assert "lineage" in str(refused.value) and "does not continue" in str(refused.value)


def test_a_state_file_older_than_its_journal_is_refused(tmp_path: Path) -> None:
    store, state = _started(tmp_path, 2)
    store.write(state)  # snapshot at serial 4, backup at serial 3... then a run appends
    state.resources["fake.subnet.x"] = _record(5)
    store.put(state, "fake.subnet.x")
    shutil.copy(store.backup_path, store.path)  # an older copy put in place of the file
    with pytest.raises(StateError, match="older than the journal"):
        StateStore("demo", tmp_path).load()


def test_compaction_keeps_the_content_and_empties_the_journal(tmp_path: Path) -> None:
    store, state = _started(tmp_path, 5)
    serial = state.serial
    store.compact(state)
    assert not _journal_lines(store) and state.serial == serial
    on_disk = json.loads(store.path.read_text())
    assert on_disk == state.to_json()
    assert StateStore("demo", tmp_path).load().to_json() == state.to_json()
    assert store.backup_path.read_bytes() == store.path.read_bytes()
    written = store.path.stat().st_mtime_ns
    store.compact(state)  # nothing journaled: the files are left as they are
    assert store.path.stat().st_mtime_ns == written


def test_the_backup_of_a_compaction_is_continued_by_the_journal(tmp_path: Path) -> None:
    """A damaged state file: restoring the backup, as the message says, loses no record."""
    store, state = _started(tmp_path, 3)
    store.compact(state)
    for n in (10, 11):
        state.resources[f"fake.subnet.n{n}"] = _record(n)
        store.put(state, f"fake.subnet.n{n}")
    store.path.write_text("{")
    with pytest.raises(StateError, match="Restore one of the backups"):
        StateStore("demo", tmp_path).load()
    shutil.copy(store.backup_path, store.path)
    assert StateStore("demo", tmp_path).load().to_json() == state.to_json()


def test_a_long_run_compacts_by_itself_and_the_journal_stays_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state_module, "COMPACT_AFTER_LINES", 10)
    store, state = _started(tmp_path)
    longest, compactions = 0, 0
    for n in range(300):
        address = ADDRESSES[n % len(ADDRESSES)]
        state.resources[address] = _record(n)
        store.put(state, address)
        lines = len(_journal_lines(store))
        compactions += lines < longest or lines == 0
        longest = max(longest, lines)
    assert longest >= 9  # never compacted before the tenth line...
    assert compactions >= 300 // (longest + 1)  # ...and then again and again
    assert store.journal.size < 2 * store.path.stat().st_size  # near the snapshot's size
    assert StateStore("demo", tmp_path).load().to_json() == state.to_json()


def test_a_crash_between_snapshot_and_emptying_the_journal_loses_nothing(
        tmp_path: Path) -> None:
    store, state = _started(tmp_path, 4)
    journal = store.journal.path.read_bytes()
    store.compact(state)
    store.journal.path.write_bytes(journal)  # as if the run died before the journal went
    loaded = StateStore("demo", tmp_path).load()
    assert loaded.to_json() == state.to_json()


def test_a_write_that_fails_leaves_the_journal_and_serial_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, state = _started(tmp_path, 2)
    before, serial = store.journal.path.read_bytes(), state.serial

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    state.resources["fake.subnet.late"] = _record(3)
    with pytest.raises(StateError, match="No space left on device"):
        store.put(state, "fake.subnet.late")
    assert state.serial == serial and store.journal.path.read_bytes() == before
    monkeypatch.undo()
    store.put(state, "fake.subnet.late")  # once the disk has room the same record lands
    assert StateStore("demo", tmp_path).load().to_json() == state.to_json()


def test_secret_values_never_reach_the_journal(tmp_path: Path) -> None:
    store, state = _started(tmp_path)
    state.resources["confluent.api_key.a.b"] = ResourceState(
        "confluent.api_key", {"id": "KEY1", "api_secret": "s3cr3t-value"},
        properties={"password": "hunter2-value"})
    store.put(state, "confluent.api_key.a.b")
    text = store.journal.path.read_text()
    assert "KEY1" in text and "s3cr3t-value" not in text and "hunter2-value" not in text
    assert os.stat(store.journal.path).st_mode & 0o077 == 0


def test_a_journal_left_by_a_lost_state_file_is_set_aside(tmp_path: Path) -> None:
    store, state = _started(tmp_path, 2)
    lineage = state.lineage
    store.path.unlink()  # the state file was lost; its journal stayed
    fresh_store = StateStore("demo", tmp_path)
    fresh = fresh_store.load()
    assert not fresh.resources and fresh.lineage != lineage
    fresh.resources["fake.subnet.new"] = _record(1)
    fresh_store.put(fresh, "fake.subnet.new")
    assert (fresh_store.directory / f"state.journal.{lineage}").exists()
    assert StateStore("demo", tmp_path).load().to_json() == fresh.to_json()


def test_an_apply_leaves_the_whole_state_in_the_state_file(make_engine: EngineFactory,
                                                           tmp_path: Path) -> None:
    engine = make_engine()
    _, result = engine.apply()
    assert result.ok
    assert not engine.store.journal.path.exists()
    assert json.loads(engine.store.path.read_text()) == engine.store.load().to_json()
    assert len(engine.store.load().resources) == 5


PUTTER = """
import sys
import threading
from pathlib import Path
from privnet.engine.state import ResourceState, StateStore

store = StateStore("demo", Path(sys.argv[1]))
state = store.load()
store.write(state)
for n in range(int(sys.argv[2])):
    address = f"fake.subnet.n{n}"
    state.resources[address] = ResourceState("fake.subnet", {"id": f"subnet-{n}"})
    store.put(state, address)
print(state.serial, flush=True)
sys.stdin.read()  # wait to be killed, before any compaction
"""


def test_a_process_killed_before_compaction_loses_nothing_recorded(tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-c", PUTTER, str(tmp_path), "25"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        serial = int(process.stdout.readline())
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    loaded = StateStore("demo", tmp_path).load()
    assert loaded.serial == serial
    assert sorted(loaded.resources) == sorted(f"fake.subnet.n{n}" for n in range(25))
    assert loaded.resources["fake.subnet.n24"].attributes == {"id": "subnet-24"}


def test_a_reader_during_a_run_sees_whole_states_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`state pull` while an apply records and compacts: never a refusal, never a step back."""
    monkeypatch.setattr(state_module, "COMPACT_AFTER_LINES", 5)
    store, state = _started(tmp_path)
    done = threading.Event()

    def run() -> None:
        for n in range(400):
            address = f"fake.subnet.n{n}"
            state.resources[address] = _record(n)
            store.put(state, address)
        done.set()

    writer = threading.Thread(target=run)
    writer.start()
    seen = []
    while not done.is_set():
        loaded = StateStore("demo", tmp_path).load()
        seen.append((loaded.serial, len(loaded.resources)))
    writer.join()
    assert all(count == serial - 1 for serial, count in seen), seen  # whole states only
    assert seen == sorted(seen) and len(seen) > 1, seen


def test_a_journal_that_is_not_a_file_is_refused(tmp_path: Path) -> None:
    store, _ = _started(tmp_path)
    store.journal.path.mkdir()
    with pytest.raises(StateError) as refused:
        StateStore("demo", tmp_path).load()
    assert f"state journal {store.journal.path} cannot be read: this is a directory" in str(
        refused.value)


def test_a_whole_write_backs_up_what_the_journal_recorded_too(tmp_path: Path) -> None:
    """A run killed before compacting leaves records in the journal only; the next whole
    write (refresh, state rm, an adoption) keeps as backup the state load read, not the
    older file: restoring the backup, as the message says, loses none of those records."""
    store, state = _started(tmp_path, 1)
    for n in range(2, 7):
        state.resources[f"fake.subnet.n{n}"] = _record(n)
        store.put(state, f"fake.subnet.n{n}")
    before = StateStore("demo", tmp_path).load()  # a later process, as after a kill
    assert len(before.resources) == 6
    later = StateStore("demo", tmp_path)
    current = later.load()
    current.resources.pop("fake.subnet.n6")
    later.write(current)  # e.g. `privnet state rm fake.subnet.n6`
    backup = json.loads(later.backup_path.read_text())
    assert backup["serial"] == before.serial
    assert backup == before.to_json()
    later.path.write_text("{")  # the state file damaged later
    shutil.copy(later.backup_path, later.path)
    assert StateStore("demo", tmp_path).load().to_json() == before.to_json()


def test_new_names_are_made_durable_by_syncing_the_directory(tmp_path: Path) -> None:
    """A power loss must not drop a renamed snapshot or a journal created since: the
    directory is synced after each snapshot's rename and after the journal's first line."""
    synced: list[Path] = []
    with mock.patch.object(state_module, "sync_directory", synced.append), \
            mock.patch("privnet.engine.state_journal.sync_directory", synced.append):
        store, state = _started(tmp_path, 3)
        assert synced == [store.directory, store.directory]  # snapshot, new journal
        synced.clear()
        store.compact(state)
        state.resources["fake.subnet.n9"] = _record(9)
        store.put(state, "fake.subnet.n9")
        assert synced == [store.directory, store.directory]
