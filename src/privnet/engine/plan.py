"""A plan is data: a list of :class:`Change` plus the state lineage/serial it was made from,
so that a saved plan can be refused once the state has moved on. Saved as JSON
(``privnet plan --out``); :mod:`privnet.engine.planner` computes one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from privnet.engine.errors import PlanFileError, StalePlanError
from privnet.engine.state import State

PLAN_FORMAT = "privnet-plan/1"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    REPLACE = "replace"
    NOOP = "noop"


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

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"address": self.address, "kind": self.kind,
                                "action": str(self.action), "before": self.before,
                                "after": self.after, "reason": self.reason}
        if self.drift:
            data["drift"] = True
        if self.kept:
            data["kept"] = self.kept
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Change:
        return cls(address=str(data["address"]), kind=str(data["kind"]),
                   action=Action(data["action"]), before=data.get("before"),
                   after=data.get("after"), reason=str(data.get("reason", "")),
                   drift=bool(data.get("drift", False)), kept=str(data.get("kept", "")))


@dataclass
class Plan:
    """Changes in execution order, and the state version they were computed against."""

    stack: str
    lineage: str
    serial: int
    changes: list[Change]
    destroy: bool = False
    topology: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def actionable(self) -> list[Change]:
        return [c for c in self.changes if c.action is not Action.NOOP]

    @property
    def has_changes(self) -> bool:
        return bool(self.actionable)

    def counts(self) -> tuple[int, int, int]:
        """(to add, to change, to destroy); a replace counts as one add and one destroy, a
        deletion that leaves the object in place (``kept``) as none."""
        add = sum(c.action in (Action.CREATE, Action.REPLACE) for c in self.changes)
        change = sum(c.action is Action.UPDATE for c in self.changes)
        destroy = sum(c.action in (Action.DELETE, Action.REPLACE) and not c.kept
                      for c in self.changes)
        return add, change, destroy

    @property
    def kept(self) -> int:
        """Deletions that will leave their object in place and only forget it."""
        return sum(bool(c.kept) for c in self.changes)

    def to_json(self) -> dict[str, Any]:
        return {"format": PLAN_FORMAT, "stack": self.stack, "lineage": self.lineage,
                "serial": self.serial, "destroy": self.destroy,
                "changes": [c.to_json() for c in self.changes], "topology": self.topology}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Plan:
        return cls(stack=str(data["stack"]), lineage=str(data["lineage"]),
                   serial=int(data["serial"]),
                   changes=[Change.from_json(c) for c in data["changes"]],
                   destroy=bool(data.get("destroy", False)), topology=data.get("topology"))

    def check_current(self, state: State) -> None:
        """Refuse to apply this plan if the state it was computed from has changed."""
        if state.lineage != self.lineage or state.serial != self.serial:
            raise StalePlanError(
                f"the saved plan is stale: it was made from state {self.lineage} serial "
                f"{self.serial}, the stack's state is now {state.lineage} serial {state.serial}; "
                "run plan again")


def save_plan(plan: Plan, path: Path) -> None:
    path.write_text(json.dumps(plan.to_json(), indent=2) + "\n", encoding="utf-8")


def load_plan(path: Path) -> Plan:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != PLAN_FORMAT:
            raise ValueError(f"not a {PLAN_FORMAT} file")
        return Plan.from_json(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PlanFileError(f"cannot read plan file {path}: {exc}") from None


def is_plan_file(path: Path) -> bool:
    """True if ``path`` looks like a saved plan (JSON with the plan format marker)."""
    try:
        with path.open("r", encoding="utf-8") as handle:
            head = handle.read(200)
    except (OSError, UnicodeDecodeError):
        return False
    return head.lstrip().startswith("{") and PLAN_FORMAT in head


