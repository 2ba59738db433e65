"""``privnet refresh``: record what the clouds report about every recorded object, and change
nothing in them.

Each record is read the way plan reads it; the attributes the cloud reports replace the
recorded ones, and an object the cloud no longer has is removed from the state (a plan made
afterwards proposes to create it again while the topology describes it). An object that
cannot be reached (a private endpoint out of reach) and one whose creation is not confirmed
yet stay as recorded. The state is written once, under the stack's lock, with a backup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from privnet.engine.planner import refresh
from privnet.engine.state_edit import object_id
from privnet.engine.values import redact
from privnet.providers.base import without_observed

if TYPE_CHECKING:
    from privnet.engine.operations import Engine


@dataclass
class Refreshed:
    """What a refresh found, by address."""

    read: int = 0
    updated: list[str] = field(default_factory=list)
    gone: dict[str, str] = field(default_factory=dict)
    """Address -> the id of the object that no longer exists (removed from the state)."""
    unreadable: dict[str, str] = field(default_factory=dict)
    """Address -> why it could not be read (kept as recorded)."""
    pending: list[str] = field(default_factory=list)
    serial: int = 0
    had_state: bool = True


def refresh_state(engine: Engine) -> Refreshed:
    """Read every recorded object and write what the clouds report into the state."""
    with engine.store.lock("refresh"):
        if not engine.store.exists():
            return Refreshed(had_state=False)
        state = engine.store.load()
        result = Refreshed(pending=sorted(a for a, r in state.resources.items() if r.pending))
        observed, notes = refresh(state, engine.handler_for, engine.ctx, engine.parallelism,
                                  engine.policy)
        result.read = len(observed)
        for address, seen in sorted(observed.items()):
            record = state.resources[address]
            if address in notes:
                result.unreadable[address] = notes[address]
            elif seen is None:
                result.gone[address] = object_id(record)
                del state.resources[address]
            else:
                fresh = redact(without_observed({**record.attributes, **seen}))
                if fresh != record.attributes:
                    record.attributes = fresh
                    result.updated.append(address)
        engine.store.write(state)
        result.serial = state.serial
    return result
