"""The state journal: one appended line per recorded or forgotten resource.

Rewriting the whole state after every resource costs as much as the state is large, so a run
of thousands of resources slows down as it goes. A run instead appends one line per change to
``state.journal`` next to ``state.json`` (and syncs it), which costs as much as the record.
Loading reads the snapshot and replays the lines that continue it; writing a snapshot empties
the journal (compaction).

A crash while appending can leave the last line incomplete: that line was never confirmed, so
it is ignored, and cut off before the next append. Any other line that cannot be read means
the file was damaged or edited: :class:`DamagedJournal`, never a guess.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from privnet.engine.durable import sync_directory
from privnet.engine.state_document import (
    MAX_STATE_BYTES,
    DamagedState,
    check_resource,
    parse_json,
)
from privnet.topology.bounded_file import FileRefused, read_bounded

JOURNAL_NAME = "state.journal"
MAX_JOURNAL_BYTES = 2 * MAX_STATE_BYTES
"""Largest journal read; compaction keeps it near the snapshot's size, far below this."""

Operation = Literal["put", "forget"]


class DamagedJournal(DamagedState):
    """A journal line other than the last cannot be read; ``line`` is its number (from 1)."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}" if line else reason)
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class JournalEntry:
    """One change to the state: ``record`` is the resource's JSON for a put, None to forget."""

    lineage: str
    serial: int
    op: Operation
    address: str
    record: dict[str, Any] | None = None

    def to_line(self) -> bytes:
        data: dict[str, Any] = {"lineage": self.lineage, "serial": self.serial,
                                "op": self.op, "address": self.address}
        if self.record is not None:
            data["record"] = self.record
        return (json.dumps(data, separators=(",", ":")) + "\n").encode("utf-8")


@dataclass(frozen=True)
class JournalContent:
    """The confirmed entries of a journal and the length of the bytes that hold them."""

    entries: list[JournalEntry]
    length: int


def parse_journal(data: bytes) -> JournalContent:
    """The entries of a journal's bytes; an incomplete last line (no newline) is left out."""
    end = data.rfind(b"\n") + 1
    entries = [_entry(number, line)
               for number, line in enumerate(data[:end].split(b"\n")[:-1], start=1)]
    return JournalContent(entries, end)


def _entry(number: int, line: bytes) -> JournalEntry:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DamagedJournal(number, f"it is not UTF-8 text (byte 0x{line[exc.start]:02x})"
                             ) from None
    try:
        data = parse_json(text)
    except DamagedState as exc:
        raise DamagedJournal(number, str(exc)) from None
    if not isinstance(data, dict):
        raise DamagedJournal(number, "it is not a JSON object")
    serial = data.get("serial")
    if isinstance(serial, bool) or not isinstance(serial, int) or serial < 1:
        raise DamagedJournal(number, "'serial' must be a whole number of at least 1")
    op = data.get("op")
    address = data.get("address")
    lineage = data.get("lineage")
    if not isinstance(lineage, str) or not isinstance(address, str):
        raise DamagedJournal(number, "'lineage' and 'address' must be strings")
    if op == "forget":
        return JournalEntry(lineage, serial, "forget", address)
    if op != "put":
        raise DamagedJournal(number, "'op' must be \"put\" or \"forget\"")
    record = data.get("record")
    try:
        check_resource(address, record)
    except DamagedState as exc:
        raise DamagedJournal(number, str(exc)) from None
    assert isinstance(record, dict)  # checked above
    return JournalEntry(lineage, serial, "put", address, record)


class Journal:
    """The journal file of one stack; the caller (the state store) serialises access."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / JOURNAL_NAME
        self.lines = 0
        self.size = 0
        self._checked = False

    def read(self) -> JournalContent:
        """The confirmed entries; no file is an empty journal."""
        self._checked = False
        if not self.path.exists():
            content = JournalContent([], 0)
        else:
            try:
                data = read_bounded(self.path, MAX_JOURNAL_BYTES, "128 MiB")
            except FileRefused as exc:
                if not self.path.exists():  # emptied by a compaction meanwhile
                    return JournalContent([], 0)
                raise DamagedJournal(0, exc.message) from None
            content = parse_journal(data)
            if content.length < len(data):
                return content  # an incomplete last line: cut off before the next append
        self.lines, self.size, self._checked = len(content.entries), content.length, True
        return content

    def append(self, entry: JournalEntry) -> None:
        """Add one line and sync it. A write that fails is cut off again, so a later append
        never follows half a line; the journal is then as it was."""
        line = entry.to_line()
        if not self._checked:
            self._cut_incomplete_tail()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            start = os.fstat(fd).st_size
            try:
                view = memoryview(line)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                try:
                    os.ftruncate(fd, start)
                except OSError:
                    self._checked = False  # cut off before the next append instead
                raise
        finally:
            os.close(fd)
        if start == 0:
            sync_directory(self.path.parent)  # the journal's name, new since the snapshot
        self.lines += 1
        self.size = start + len(line)

    def clear(self) -> None:
        """Empty the journal once a snapshot holds everything it recorded. Failing to is
        harmless: lines a snapshot already holds are skipped by their serial."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            self._checked = False
            return
        self.lines, self.size, self._checked = 0, 0, True

    def set_aside(self, name: str) -> None:
        """Keep a journal of a lost state as ``state.journal.<name>`` (it does not continue
        the state written anew)."""
        if not self.path.exists():
            return
        target = self.path.with_name(f"{JOURNAL_NAME}.{name}")
        counter = 1
        while target.exists():
            target = self.path.with_name(f"{JOURNAL_NAME}.{name}.{counter}")
            counter += 1
        os.replace(self.path, target)
        self.lines, self.size, self._checked = 0, 0, True

    def _cut_incomplete_tail(self) -> None:
        """Drop the bytes after the last complete line (a crash mid-append) and count the
        lines, once per store: the appends of this process keep the file whole."""
        if self.path.exists():
            try:
                data = read_bounded(self.path, MAX_JOURNAL_BYTES, "128 MiB")
            except FileRefused:
                data = b""
            end = data.rfind(b"\n") + 1
            if end < len(data):
                os.truncate(self.path, end)
            self.lines, self.size = data.count(b"\n"), end
        self._checked = True
