"""``privnet state``: read and edit one stack's state without touching a cloud.

These are the escape hatches for when the state and the world disagree in a way privnet
cannot settle by itself: forget an object (``rm``), give a record a new address after a
rename in the topology (``mv``), or look at what is recorded (``list``, ``show``). An edit
takes the stack's lock and goes through :meth:`StateStore.write`, so it keeps a backup and
bumps the serial: a plan saved before the edit is refused as stale afterwards.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any

from privnet.engine.errors import EngineError
from privnet.engine.identity import a_kind, described, has_own_id
from privnet.engine.state import ResourceState, State, StateStore
from privnet.engine.targeting import UnknownAddressError, did_you_mean
from privnet.engine.values import redact
from privnet.resources.kinds import ALL_KINDS


class StateEditError(EngineError):
    """A state edit that would leave the state wrong: refused, nothing written."""


def object_id(recorded: ResourceState) -> str:
    """How the cloud names the recorded object (its id, else its ARN or name, else what
    identifies an object with no id of its own: a route's table and destination)."""
    attributes = recorded.attributes
    for key in ("id", "arn", "name"):
        if attributes.get(key):
            return str(attributes[key])
    return described(recorded.kind, attributes)


def recorded(state: State, address: str) -> ResourceState:
    """The record at ``address``; refused with the nearest recorded addresses."""
    found = state.resources.get(address)
    if found is None:
        raise UnknownAddressError(
            f"{address} is not recorded in the state of stack {state.stack}"
            f"{did_you_mean(address, state.resources)}; `privnet state list FILE` lists "
            "what is")
    return found


def describe(address: str, record: ResourceState) -> dict[str, Any]:
    """One record as ``state show`` prints it: what a user can act on, secrets hidden
    (state holds none; this is a second guard)."""
    flags = [name for name, on in (("pending", record.pending),
                                   ("discovered", record.discovered),
                                   ("imported", record.imported)) if on]
    return {"address": address, "kind": record.kind, "id": object_id(record),
            "status": flags or ["recorded"],
            "attributes": redact(dict(record.attributes)),
            "properties": redact(dict(record.properties)),
            "dependencies": sorted(record.dependencies)}


def listing(state: State) -> list[dict[str, str]]:
    """Every recorded address with its kind and id, sorted by address."""
    return [{"address": address, "kind": state.resources[address].kind,
             "id": object_id(state.resources[address])}
            for address in sorted(state.resources)]


@dataclass(frozen=True)
class Forgotten:
    """An object ``state rm`` removed from the state (it still exists in the cloud)."""

    address: str
    kind: str
    object_id: str
    in_topology: bool | None
    """Whether the topology still describes the address (None: the topology did not
    compile, so it is not known)."""
    dependents: tuple[str, ...] = ()
    """Records still in the state that depend on it (they keep referring to its id)."""
    importable: bool = True
    """Whether ``privnet import`` can take it back: it has an id of its own."""


def remove(store: StateStore, addresses: Collection[str],
           described: Collection[str] | None) -> tuple[list[Forgotten], int]:
    """Forget ``addresses`` (all or none: every one must be recorded); the new serial.
    ``described``: the addresses the topology compiles to, when known."""
    with store.lock("state rm"):
        state = _existing(store)
        records = {address: recorded(state, address) for address in addresses}
        for address in records:
            del state.resources[address]
        store.write(state)
    forgotten = [Forgotten(a, r.kind, object_id(r),
                           None if described is None else a in described,
                           tuple(sorted(o for o, other in state.resources.items()
                                        if a in other.dependencies)),
                           importable=has_own_id(r.attributes) or bool(r.attributes.get("name")))
                 for a, r in records.items()]
    return forgotten, state.serial


@dataclass(frozen=True)
class Moved:
    """A record ``state mv`` gave a new address."""

    source: str
    target: str
    kind: str
    object_id: str
    dependents: tuple[str, ...]
    """Records that referred to the old address and now refer to the new one."""
    source_in_topology: bool


def move(store: StateStore, source: str, target: str, desired: Mapping[str, str]) -> Moved:
    """Give the record at ``source`` the address ``target``. ``desired`` maps the addresses
    the topology compiles to to their kinds: ``target`` must be one of them, of the record's
    kind, and not recorded yet."""
    if source == target:
        raise StateEditError(f"{source}: the source and the destination are the same address")
    with store.lock("state mv"):
        state = _existing(store)
        record = recorded(state, source)
        _check_destination(state, record, source, target, desired)
        del state.resources[source]
        state.resources[target] = record
        dependents = []
        for address, other in list(state.resources.items()):
            if source in other.dependencies:
                deps = sorted({target if d == source else d for d in other.dependencies})
                state.resources[address] = replace(other, dependencies=deps)
                dependents.append(address)
        store.write(state)
    return Moved(source, target, record.kind, object_id(record), tuple(sorted(dependents)),
                 source in desired)


def _check_destination(state: State, record: ResourceState, source: str, target: str,
                       desired: Mapping[str, str]) -> None:
    taken = state.resources.get(target)
    if taken is not None:
        raise StateEditError(
            f"{target} already records {taken.kind} {object_id(taken)}; a move never "
            f"overwrites a record: `privnet state rm FILE {target}` first if that object "
            "is to be forgotten")
    target_kind = desired.get(target) or _kind_of_address(target)
    if target_kind is not None and target_kind != record.kind:
        raise StateEditError(
            f"{source} records {a_kind(record.kind)}, {target} is {a_kind(target_kind)}: a "
            "move keeps the "
            "object, so the destination must be an address of the same kind")
    if target not in desired:
        same_kind = [a for a, k in desired.items() if k == record.kind]
        raise StateEditError(
            f"{target} is not an address the topology compiles to"
            f"{did_you_mean(target, same_kind)}; rename the object in the topology first, "
            "then move its record to the new address (`privnet plan FILE` lists them)")


def _kind_of_address(address: str) -> str | None:
    """The kind an address names by its prefix (the longest kind name that fits)."""
    fits = [k.name for k in ALL_KINDS if k.has(address)]
    return max(fits, key=len) if fits else None


def _existing(store: StateStore) -> State:
    if not store.exists():
        raise StateEditError(f"stack {store.stack} has no state ({store.path} does not "
                             "exist): there is nothing to edit")
    return store.load()
