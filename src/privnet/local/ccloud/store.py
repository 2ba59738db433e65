"""The emulator's memory: thread-safe tables of records, with creation times for phases.

Handlers run in a thread pool, so every read-modify-write goes through ``lock``.
Tests read ``app.state.emulator`` (this object) to count and inspect what exists.
"""

from __future__ import annotations

import hashlib
import random
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from privnet.local.ccloud.clock import utc_now_iso
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.forced import ForcedPhase
from privnet.local.ccloud.ordering import seeded
from privnet.local.ccloud.settings import EmulatorSettings

ID_ALPHABET = string.ascii_lowercase + string.digits
KEY_ALPHABET = string.ascii_uppercase + string.digits
FORBIDDEN_ONCE_DELETED = ("clusters", "role_bindings", "api_keys", "environments")
"""Tables whose deleted ids the real service answers with 403, not 404 (see
``require_live``; for environments, what is scoped to them: ``environment_scope``); their ids
are remembered after deletion."""


@dataclass
class Record:
    """One stored object: ``fields`` hold what the API returns as spec; times drive phases."""

    id: str
    created: float
    created_at: str
    fields: dict[str, Any] = field(default_factory=dict)
    updated_at: str = ""


class EmulatorState:
    """All tables, the id generator and the settings that shape answers."""

    def __init__(self, settings: EmulatorSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self._tables: dict[str, dict[str, Record]] = {}
        self._deleted: dict[str, set[str]] = {name: set() for name in FORBIDDEN_ONCE_DELETED}
        self._forced: dict[tuple[str, str], ForcedPhase] = {}
        self._ids = random.Random(f"ids-{settings.seed}")
        self.organization_id = self._uuid()

    def now(self) -> float:
        """The clock phases are measured against."""
        return self.settings.clock()

    @contextmanager
    def locked(self) -> Iterator[EmulatorState]:
        """Hold the store lock for a read-modify-write sequence."""
        with self.lock:
            yield self

    def table(self, name: str) -> dict[str, Record]:
        """The live mapping id -> record for ``name`` (created on first use)."""
        return self._tables.setdefault(name, {})

    def count(self, name: str) -> int:
        """How many records ``name`` holds."""
        with self.lock:
            return len(self.table(name))

    def new_id(self, prefix: str, length: int = 6, separator: str = "-") -> str:
        """A fresh, unique, reproducible id such as ``env-a1b2c3``."""
        with self.lock:
            while True:
                suffix = "".join(self._ids.choice(ID_ALPHABET) for _ in range(length))
                candidate = f"{prefix}{separator}{suffix}"
                if not any(candidate in table for table in self._tables.values()):
                    return candidate

    def new_key_id(self) -> str:
        """An API key id: 16 upper-case letters and digits, like the real ones."""
        with self.lock:
            return "".join(self._ids.choice(KEY_ALPHABET) for _ in range(16))

    def _uuid(self) -> str:
        digits = "".join(self._ids.choice("0123456789abcdef") for _ in range(32))
        return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"

    def add(self, name: str, record_id: str, fields: dict[str, Any]) -> Record:
        """Store a new record created now."""
        stamp = utc_now_iso()
        record = Record(record_id, self.now(), stamp, fields, stamp)
        with self.lock:
            self.table(name)[record_id] = record
        return record

    def get(self, name: str, record_id: str) -> Record | None:
        """The record or None."""
        with self.lock:
            return self.table(name).get(record_id)

    def require(self, name: str, record_id: str, what: str) -> Record:
        """The record, or a 404 naming ``what`` was not found."""
        record = self.get(name, record_id)
        if record is None:
            raise ApiError(404, f"{what} '{record_id}' was not found", kafka_code=40403)
        return record

    def require_live(self, name: str, record_id: str, what: str, code: str) -> Record:
        """The record; a 403 (``code``) if it existed and was deleted, else a 404.

        The real service checks the caller's access to a resource before its existence, and
        access to a deleted cluster, role binding or API key is gone with it.
        """
        with self.lock:
            record = self.table(name).get(record_id)
            deleted = record_id in self._deleted.get(name, set())
        if record is None and deleted:
            raise ApiError(403, f"Forbidden Access: {what} '{record_id}'", code=code,
                           kafka_code=40301)
        return self.require(name, record_id, what)

    def was_deleted(self, name: str, record_id: str) -> bool:
        """Whether ``record_id`` of ``name`` existed and was deleted (remembered kinds only)."""
        with self.lock:
            return record_id in self._deleted.get(name, set())

    def all(self, name: str, where: Callable[[Record], bool] | None = None) -> list[Record]:
        """Records of ``name`` in the seeded order (creation order without a seed), filtered."""
        with self.lock:
            records = list(self.table(name).values())
        ordered = seeded(records, self.settings.order_seed, name, lambda r: r.id)
        return [r for r in ordered if where is None or where(r)]

    def _forget(self, name: str, record_id: str) -> None:
        if name in self._deleted:
            self._deleted[name].add(record_id)
        self._forced.pop((name, record_id), None)

    def remove(self, name: str, record_id: str) -> Record | None:
        """Forget a record; returns it if it existed."""
        with self.lock:
            record = self.table(name).pop(record_id, None)
            if record is not None:
                self._forget(name, record_id)
            return record

    def remove_where(self, name: str, where: Callable[[Record], bool]) -> int:
        """Forget every record of ``name`` matching ``where``; returns how many."""
        with self.lock:
            doomed = [key for key, record in self.table(name).items() if where(record)]
            for key in doomed:
                del self.table(name)[key]
                self._forget(name, key)
        return len(doomed)

    def force(self, name: str, record_id: str, forced: ForcedPhase) -> None:
        """Hold ``name``/``record_id`` in ``forced`` until it is deleted."""
        with self.lock:
            self._forced[(name, record_id)] = forced

    def forced(self, name: str, record_id: str) -> ForcedPhase | None:
        """The phase forced on a record, if any."""
        with self.lock:
            return self._forced.get((name, record_id))


def stable_hex(text: str, length: int) -> str:
    """A deterministic hex string derived from ``text`` (stable names across restarts)."""
    return hashlib.sha256(text.encode()).hexdigest()[:length]
