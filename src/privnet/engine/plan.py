"""A plan is data: a list of :class:`Change` plus the state lineage/serial it was made from,
so that a saved plan can be refused once the state has moved on. Saved as JSON
(``privnet plan --out``); :mod:`privnet.engine.planner` computes one.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from privnet.engine.errors import PlanFileError, StalePlanError
from privnet.engine.state import State
from privnet.topology.bounded_file import FileRefused, read_bounded

PLAN_FORMAT = "privnet-plan/1"
PLAN_FILE_LIMIT = 128 * 1024 * 1024
"""Largest saved plan read back: a plan carries every property of every resource, so a
stack of hundreds of VPCs makes plans far above the topology file's limit."""
EXISTING_ID = "existing_id"
"""The property through which a topology names an object made elsewhere (a VPC given by
``id``): privnet reads and records it, and never creates, changes or deletes it."""


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    REPLACE = "replace"
    NOOP = "noop"


class Adoption(StrEnum):
    """Whether a change takes in an object discovery found (missing from the state)."""

    NONE = ""
    ONLY = "only"
    """Recorded as found: nothing else to do (an update of nothing, counted to adopt)."""
    WITH_CHANGES = "with_changes"
    """Recorded, then updated or replaced as the change says (counted as that change)."""


@dataclass(frozen=True)
class Change:
    """What will happen to one address, and why."""

    address: str
    kind: str
    action: Action
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reason: str = ""
    drift: bool = False
    """The topology and the recorded properties agree; the cloud differs (property drift)."""
    kept: str = ""
    """For a deletion known before the run to leave the object in place (an environment
    this stack did not create, a Schema Registry): why. The stack forgets it instead."""
    adopt: Adoption = Adoption.NONE

    @property
    def adopts_only(self) -> bool:
        """Adopting a found object is all this change does (one given by id is read)."""
        return self.adopt is Adoption.ONLY and self.action is Action.UPDATE and not self.reads

    @property
    def existing_id(self) -> str | None:
        """The id of the object made elsewhere that this change reads (or forgets), if any."""
        return _given(self.before if self.action is Action.DELETE else self.after)

    @property
    def reads(self) -> bool:
        """Whether apply only reads an existing object (given by id) and records it: it is
        never created or changed in place, so a create, update or replace of it is a read."""
        return self.existing_id is not None and self.action in (
            Action.CREATE, Action.UPDATE, Action.REPLACE)

    @property
    def leaves_in_place(self) -> bool:
        """A deletion that forgets its object instead of deleting it: one the run is known
        to leave (``kept``), or one made elsewhere and only adopted."""
        return self.action is Action.DELETE and (bool(self.kept) or self.existing_id is not None)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"address": self.address, "kind": self.kind,
                                "action": str(self.action), "before": self.before,
                                "after": self.after, "reason": self.reason}
        if self.drift:
            data["drift"] = True
        if self.kept:
            data["kept"] = self.kept
        if self.adopt:
            data["adopt"] = str(self.adopt)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(address=str(data["address"]), kind=str(data["kind"]),
                   action=Action(data["action"]), before=data.get("before"),
                   after=data.get("after"), reason=str(data.get("reason", "")),
                   drift=bool(data.get("drift", False)), kept=str(data.get("kept", "")),
                   adopt=Adoption(str(data.get("adopt", ""))))


@dataclass(frozen=True)
class PlanCounts:
    """What a plan will do, counted the way its summary line says it."""

    add: int
    change: int
    destroy: int
    read: int
    kept: int
    adopt: int = 0

    def to_json(self) -> dict[str, int]:
        return {"add": self.add, "change": self.change, "destroy": self.destroy,
                "read": self.read, "leave_in_place": self.kept, "adopt": self.adopt}


@dataclass
class Plan:
    """Changes in execution order, and the state version they were computed against."""

    stack: str
    lineage: str
    serial: int
    changes: list[Change]
    destroy: bool = False
    topology: dict[str, Any] | None = field(default=None, repr=False)
    targets: tuple[str, ...] = ()
    """The ``--target`` addresses the plan is limited to (with their dependencies for apply,
    their dependents for destroy); empty: the whole stack."""
    made_at: str | None = None
    """The instant (ISO 8601) the plan was made: applying it saved decides by that clock."""

    @property
    def actionable(self) -> list[Change]:
        return [c for c in self.changes if c.action is not Action.NOOP]

    @property
    def has_changes(self) -> bool:
        return bool(self.actionable)

    def counts(self) -> tuple[int, int, int]:
        """(to add, to change, to destroy): see :meth:`tally`."""
        tally = self.tally()
        return tally.add, tally.change, tally.destroy

    def tally(self) -> PlanCounts:
        """A replace counts as one add and one destroy; reading an object made elsewhere
        (given by id) as a read, never an add; a deletion that leaves its object in place
        as neither (``kept``). An adopted object replaced by another given id forgets
        the old one: a read, no destroy. Adopting a found object with nothing more to do
        counts to adopt, not to change."""
        add = change = destroy = read = adopt = 0
        for c in self.changes:
            if c.reads:
                read += 1
            elif c.action in (Action.CREATE, Action.REPLACE):
                add += 1
            adopt += c.adopts_only
            change += c.action is Action.UPDATE and not c.reads and not c.adopts_only
            destroy += (c.action is Action.REPLACE and not _given(c.before)) or (
                c.action is Action.DELETE and not c.leaves_in_place)
        return PlanCounts(add, change, destroy, read, self.kept, adopt)

    @property
    def kept(self) -> int:
        """Deletions that will leave their object in place and only forget it."""
        return sum(c.leaves_in_place for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {"format": PLAN_FORMAT, "stack": self.stack, "lineage": self.lineage,
                "serial": self.serial, "destroy": self.destroy,
                "changes": [c.to_json() for c in self.changes], "topology": self.topology,
                "targets": list(self.targets), "made_at": self.made_at}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Plan:
        return cls(stack=str(data["stack"]), lineage=str(data["lineage"]),
                   serial=int(data["serial"]),
                   changes=[Change.from_json(c) for c in data["changes"]],
                   destroy=bool(data.get("destroy", False)), topology=data.get("topology"),
                   targets=tuple(str(t) for t in data.get("targets", ())),
                   made_at=str(data["made_at"]) if data.get("made_at") else None)

    def check_current(self, state: State) -> None:
        """Refuse to apply this plan if the state it was computed from has changed."""
        if state.lineage != self.lineage or state.serial != self.serial:
            raise StalePlanError(
                f"the saved plan is stale: it was made from state {self.lineage} serial "
                f"{self.serial}, the stack's state is now {state.lineage} serial {state.serial}; "
                "run plan again")


def _given(properties: Mapping[str, Any] | None) -> str | None:
    given = (properties or {}).get(EXISTING_ID)
    return str(given) if given else None


def save_plan(plan: Plan, path: Path) -> None:
    path.write_text(json.dumps(plan.to_json(), indent=2) + "\n", encoding="utf-8")


def load_plan(path: Path) -> Plan:
    try:
        data = json.loads(read_bounded(path, PLAN_FILE_LIMIT, "128 MiB").decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
            raise ValueError(f"not a {PLAN_FORMAT} file")
        return Plan.from_json(data)
    except FileRefused as exc:
        raise PlanFileError(f"cannot read plan file {path}: {exc.message} ({exc.fix})") from None
    except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise PlanFileError(f"cannot read plan file {path}: {exc}") from None


def is_plan_file(path: Path) -> bool:
    """True if ``path`` looks like a saved plan (JSON with the plan format marker). Only a
    regular file is opened: a FIFO would block the open."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("r", encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.lstrip().startswith("{") and PLAN_FORMAT in head


