"""The state of one stack: what privnet created, by address, in ``.privnet/<stack>/state.json``.

Every change bumps ``serial``. A whole-state write keeps the previous file as
``state.json.backup`` and lands atomically (temporary file + rename), so a crash leaves either
the old or the new state, never half of one. A run records each resource as it goes by
appending one line to ``state.journal`` instead (:mod:`privnet.engine.state_journal`), which
costs the same at 100 and 10,000 resources; loading replays the journal over ``state.json``,
and a whole-state write (compaction) empties it. ``lineage`` is fixed when the state is first
created; together with ``serial`` it lets a saved plan detect that the state moved on. Only ids
and non-secret values are stored.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privnet.engine.durable import sync_directory
from privnet.engine.errors import StateError
from privnet.engine.lock import StackLock
from privnet.engine.state_document import (
    STATE_FORMAT,
    DamagedState,
    UnknownStateFormat,
    check_state_document,
    read_state_document,
)
from privnet.engine.state_journal import (
    DamagedJournal,
    Journal,
    JournalEntry,
    Operation,
)
from privnet.engine.values import redact

DEFAULT_STATE_ROOT = Path(".privnet")
COMPACT_AFTER_LINES = 2000
"""A journal is compacted once it holds this many lines *and* is as large as the snapshot:
rewriting the snapshot then costs about what the appends since the last one did, so the
cost per record stays flat however large the state grows."""


@dataclass
class ResourceState:
    """What is known about one created object."""

    kind: str
    attributes: dict[str, Any]
    properties_hash: str = ""
    properties: dict[str, Any] = field(default_factory=dict)
    dependencies: list[str] = field(default_factory=list)
    pending: bool = False
    """Created but not yet confirmed ready; the next run re-checks it."""
    discovered: bool = False
    """Not created or recorded by a run of this state: found by its markers after the state
    was lost or restored from an older copy (see :mod:`privnet.engine.discover`)."""
    imported: bool = False
    """Made outside privnet and adopted by ``privnet import``; from then on managed like an
    object privnet created (destroy deletes it). Dropped once a run records it anew."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "attributes": redact(self.attributes),
            "properties_hash": self.properties_hash,
            "properties": redact(self.properties),
            "dependencies": sorted(self.dependencies),
        }
        if self.pending:
            data["pending"] = True
        if self.discovered:
            data["discovered"] = True
        if self.imported:
            data["imported"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ResourceState:
        return cls(kind=str(data["kind"]), attributes=dict(data.get("attributes", {})),
                   properties_hash=str(data.get("properties_hash", "")),
                   properties=dict(data.get("properties", {})),
                   dependencies=list(data.get("dependencies", [])),
                   pending=bool(data.get("pending", False)),
                   discovered=bool(data.get("discovered", False)),
                   imported=bool(data.get("imported", False)))


@dataclass
class State:
    """The whole state document of a stack."""

    stack: str
    lineage: str
    serial: int = 0
    resources: dict[str, ResourceState] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": STATE_FORMAT, "stack": self.stack, "lineage": self.lineage,
                "serial": self.serial,
                "resources": {a: r.to_json() for a, r in sorted(self.resources.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> State:
        """The state of a document; :class:`DamagedState` if it is not shaped like one."""
        check_state_document(data)
        return cls(stack=str(data["stack"]), lineage=str(data["lineage"]),
                   serial=int(data["serial"]),
                   resources={a: ResourceState.from_json(r)
                              for a, r in dict(data.get("resources", {})).items()})

    def attributes(self) -> dict[str, dict[str, Any]]:
        return {a: r.attributes for a, r in self.resources.items()}


READS_WHILE_COMPACTING = 20
"""How often a load reads again when a running apply replaced the state file meanwhile (an
apply compacts at most every 2,000 records, so a second read nearly always suffices)."""


class _CompactedMeanwhile(Exception):
    """The state file was replaced while the journal was being read."""


def _identity(path: Path) -> tuple[int, int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0)
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class StateStore:
    """Reads and writes one stack's state; thread-safe so executor workers can save as they go."""

    def __init__(self, stack: str, root: Path = DEFAULT_STATE_ROOT) -> None:
        self.stack = stack
        self.directory = root / stack
        self.path = self.directory / "state.json"
        self.backup_path = self.directory / "state.json.backup"
        self.journal = Journal(self.directory)
        self._snapshot_size: int | None = None
        self._write_lock = threading.Lock()

    def lock(self, operation: str) -> StackLock:
        """The stack's exclusive lock (use as a context manager around apply/destroy)."""
        return StackLock(self.directory / "state.lock", operation)

    def exists(self) -> bool:
        return self.path.exists()

    def check_directory(self, writable: bool) -> None:
        """Refuse a state directory that cannot hold this stack's state, before any cloud is
        asked: a file (``/dev/null``) would otherwise read as "no state yet", and a directory
        nobody may write (``/proc/1``) would fail only after the clouds were changed.
        ``writable``: the run records what it does (apply, destroy, import, refresh)."""
        root = self.directory.parent
        fix = ("name a directory privnet may write with --state-dir (it is created when "
               "missing)")
        existing = self.directory
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir():
            raise StateError(f"state directory {root} cannot be used: {existing} is not a "
                             f"directory; {fix}")
        if writable and not os.access(existing, os.W_OK | os.X_OK):
            what = "write in" if existing == self.directory else f"create {self.directory} in"
            raise StateError(f"state directory {root} cannot be used: privnet may not {what} "
                             f"{existing}; {fix}")

    def load(self) -> State:
        """The current state; a fresh empty one (new lineage, serial 0) if none was written.

        A damaged state is refused, never replaced: an unreadable file, one of another stack,
        or one whose lineage differs from its backup's (a file of another history put in its
        place); a journal that does not continue it, or a line of it other than the last that
        cannot be read. The message names the file and the backups to restore from.
        Without ``state.json`` the state is lost: a journal left next to it cannot be replayed
        on nothing, and is set aside by the next write.
        """
        for _ in range(READS_WHILE_COMPACTING):
            try:
                return self._load_once()
            except _CompactedMeanwhile:
                continue  # a running apply compacted between our two reads: read again
        return self._load_once(retry=False)

    def _load_once(self, retry: bool = True) -> State:
        if not self.path.exists():
            return State(stack=self.stack, lineage=str(uuid.uuid4()))
        snapshot = _identity(self.path)
        try:
            state = self._read(self.path)
        except UnknownStateFormat as exc:
            raise StateError(f"state file {self.path} has {exc}; this privnet reads format "
                             f"{STATE_FORMAT}: it was written by another version of privnet or "
                             f"edited by hand; privnet will not use or replace it. Use the "
                             f"privnet that wrote it. {self._backups_hint()}") from None
        except DamagedState as exc:
            raise StateError(f"state file {self.path} is damaged: {exc}; privnet will not use "
                             f"or replace it. {self._backups_hint()}") from None
        if state.stack != self.stack:
            raise StateError(f"state file {self.path} belongs to stack {state.stack!r}, "
                             f"not {self.stack!r}")
        backup = self._backup()
        if backup is not None and backup.lineage != state.lineage:
            raise StateError(
                f"state file {self.path} has lineage {state.lineage}, but its backup "
                f"{self.backup_path} has lineage {backup.lineage}: the file does not continue "
                f"the stack's history; privnet will not use or replace it. "
                f"{self._backups_hint()}")
        try:
            self._replay(state)
        except StateError:
            if retry and _identity(self.path) != snapshot:
                raise _CompactedMeanwhile from None
            raise
        if retry and _identity(self.path) != snapshot:
            raise _CompactedMeanwhile  # the journal read may be of the newer file
        return state

    def _replay(self, state: State) -> None:
        """Apply the journal lines that continue ``state`` (those a snapshot already holds,
        left by a crash during compaction, are skipped by their serial)."""
        journal = self.journal.path
        try:
            content = self.journal.read()
        except DamagedJournal as exc:
            where = f"is damaged at line {exc.line}" if exc.line else "cannot be read"
            raise StateError(f"state journal {journal} {where}: {exc.reason}; privnet will "
                             f"not use or replace it. {self._journal_hint()}") from None
        for number, entry in enumerate(content.entries, start=1):
            if entry.lineage != state.lineage:
                raise StateError(
                    f"state journal {journal} line {number} has lineage {entry.lineage}, but "
                    f"the state file {self.path} has lineage {state.lineage}: the journal "
                    f"does not continue the stack's history; privnet will not use or replace "
                    f"it. {self._journal_hint()}")
            if entry.serial <= state.serial:
                continue
            if entry.serial != state.serial + 1:
                raise StateError(
                    f"state journal {journal} line {number} records serial {entry.serial}, "
                    f"but the state file {self.path} and the lines before reach only serial "
                    f"{state.serial}: the state file is older than the journal (an older copy "
                    f"put in its place?); privnet will not use or replace it. "
                    f"{self._journal_hint(state_file_replaced=True)}")
            if entry.record is None:
                state.resources.pop(entry.address, None)
            else:
                state.resources[entry.address] = ResourceState.from_json(entry.record)
            state.serial = entry.serial
        self._snapshot_size = self.path.stat().st_size

    def _journal_hint(self, state_file_replaced: bool = False) -> str:
        """What to do with a journal that cannot be replayed; a backup helps only when the
        state file itself was replaced by an older copy (the journal is not in backups)."""
        hint = (f"To use {self.path} without the journal's records, move "
                f"{self.journal.path} aside: the next plan or apply looks for the objects "
                f"recorded only there by their markers.")
        return f"{hint} {self._backups_hint()}" if state_file_replaced else hint

    def backups(self) -> list[Path]:
        """Earlier versions kept next to the state: the last one, and older histories."""
        return sorted(self.directory.glob("state.json.backup*"))

    def older_than_backup(self, state: State) -> bool:
        """Whether a kept backup of the same history is newer than ``state`` (an older copy
        was restored over the state file)."""
        for path in self.backups():
            try:
                kept = self._read(path)
            except DamagedState:
                continue
            if kept.lineage == state.lineage and kept.serial > state.serial:
                return True
        return False

    def _backups_hint(self) -> str:
        kept = self.backups()
        if not kept:
            return f"No backup exists ({self.backup_path} is missing)."
        return ("Restore one of the backups by copying it over the state file: "
                + ", ".join(str(p) for p in kept) + ".")

    def _read(self, path: Path) -> State:
        """The state in ``path``; :class:`DamagedState` says what is wrong with a bad one."""
        return State.from_json(read_state_document(path))

    def _backup(self) -> State | None:
        """The backup's state, if there is a readable one (an unreadable backup is no proof
        against the state)."""
        if not self.backup_path.exists():
            return None
        try:
            return self._read(self.backup_path)
        except DamagedState:
            return None

    def _set_aside_old_backup(self, state: State) -> None:
        """A state written anew (the file was lost) must not sit next to a backup of its old
        history: that backup is kept as ``state.json.backup.<lineage>``, and a journal left
        by the lost state as ``state.journal.<lineage>``."""
        if self.path.exists():
            return
        self._set_aside_old_journal()
        if not self.backup_path.exists():
            return
        backup = self._backup()
        if backup is not None and backup.lineage == state.lineage:
            return
        name = backup.lineage if backup is not None else "unreadable"
        target = self.directory / f"state.json.backup.{name}"
        counter = 1
        while target.exists():
            target = self.directory / f"state.json.backup.{name}.{counter}"
            counter += 1
        os.replace(self.backup_path, target)

    def _set_aside_old_journal(self) -> None:
        if not self.journal.path.exists():
            return
        try:
            entries = self.journal.read().entries
        except DamagedJournal:
            entries = []
        self.journal.set_aside(entries[0].lineage if entries else "unreadable")

    def write(self, state: State) -> None:
        """Bump the serial, keep a backup of the previous file, then replace it atomically;
        the journal is emptied (the new file holds all it recorded).
        A file system that refuses (full, read-only, a path through a file) is a
        :class:`StateError` naming the file: the state before this write is left as it was."""
        with self._write_lock:
            self._write_whole(state)

    def put(self, state: State, address: str) -> None:
        """Record ``state.resources[address]`` as it is now: one journal line, the serial
        bumped. Costs as much as the record, not the state. The first record of a state
        that has no file yet writes the whole state instead (the journal continues a file)."""
        self._append(state, "put", address)

    def forget(self, state: State, address: str) -> None:
        """Record that ``address`` left ``state`` (already removed from it in memory)."""
        self._append(state, "forget", address)

    def compact(self, state: State) -> None:
        """Write ``state`` (all the journal recorded, and the same serial) as the new
        snapshot and empty the journal; nothing to do when the journal is empty."""
        with self._write_lock:
            if not self.journal.path.exists():
                return
            try:
                self._write_snapshot(state, compacting=True)
            except OSError as exc:
                raise self._cannot_write(self.path, exc) from None

    def _append(self, state: State, op: Operation, address: str) -> None:
        with self._write_lock:
            if not self.path.exists():
                self._write_whole(state)
                return
            record = state.resources[address].to_json() if op == "put" else None
            state.serial += 1
            try:
                self.journal.append(JournalEntry(state.lineage, state.serial, op, address,
                                                 record))
            except OSError as exc:
                state.serial -= 1
                raise self._cannot_write(self.journal.path, exc) from None
            if self._compaction_due():
                # a compaction that fails loses nothing (the journal holds every record);
                # the next append tries it again
                with contextlib.suppress(OSError):
                    self._write_snapshot(state, compacting=True)

    def _compaction_due(self) -> bool:
        if self.journal.lines < COMPACT_AFTER_LINES:
            return False
        if self._snapshot_size is None:
            self._snapshot_size = self.path.stat().st_size
        return self.journal.size >= self._snapshot_size

    def _write_whole(self, state: State) -> None:
        state.serial += 1
        try:
            self._write_snapshot(state)
        except OSError as exc:
            state.serial -= 1
            raise self._cannot_write(self.path, exc) from None

    def _cannot_write(self, path: Path, exc: OSError) -> StateError:
        return StateError(f"cannot write the state of stack {self.stack} to {path}: "
                          f"{exc.strerror or exc}; free the disk or fix the directory's "
                          f"permissions, or choose another --state-dir, then run the command "
                          f"again")

    def _write_snapshot(self, state: State, compacting: bool = False) -> None:
        """Replace the state file with ``state`` and empty the journal. The backup keeps the
        previous file, except when compacting: the journal already held this state, so the
        backup becomes a copy of the new file, which the journal's later lines continue
        (restoring it loses nothing) and which an older copy put in place of the state
        file cannot pass for."""
        self.directory.mkdir(parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        self._set_aside_old_backup(state)
        if self.path.exists() and not compacting:
            self._back_up_previous()
        data = (json.dumps(state.to_json(), indent=2, sort_keys=False) + "\n").encode("utf-8")
        self._replace(self.path, data, sync=True)
        if compacting:
            with contextlib.suppress(OSError):  # the old backup stays: still of this history
                self._replace(self.backup_path, data, sync=False)
        self._snapshot_size = len(data)
        self.journal.clear()  # a crash before this leaves lines the snapshot's serial skips

    def _back_up_previous(self) -> None:
        """The backup holds the state as ``load`` read it before this write: the file plus
        what its journal recorded since (the file alone would lose those records). A journal
        that cannot be replayed leaves the plain copy: the best there is."""
        previous: State | None = None
        if self.journal.path.exists() and self.journal.path.stat().st_size:
            with contextlib.suppress(StateError, DamagedState, UnknownStateFormat, OSError):
                previous = self._read(self.path)
                self._replay(previous)
        if previous is None:
            shutil.copy2(self.path, self.backup_path)
            os.chmod(self.backup_path, 0o600)
            return
        data = (json.dumps(previous.to_json(), indent=2, sort_keys=False) + "\n").encode("utf-8")
        self._replace(self.backup_path, data, sync=False)

    def _replace(self, path: Path, data: bytes, sync: bool) -> None:
        """Write ``path`` anew atomically (temporary file + rename)."""
        tmp = self.directory / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if sync:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
            raise
        if sync:
            sync_directory(self.directory)
