"""Compare desired (graph), recorded (state) and observed (handlers' ``read``) into a plan
(:mod:`privnet.engine.plan` is the plan's data and file format)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from typing import Any

from privnet.engine.backoff import RetryPolicy, Waiter
from privnet.engine.drift import Drift, grows_only_violated, property_drifts
from privnet.engine.errors import EngineError
from privnet.engine.plan import Action, Adoption, Change, Plan
from privnet.engine.retry import retry_transient
from privnet.engine.state import ResourceState, State
from privnet.engine.values import UnresolvedRef, properties_hash, redact, resolve
from privnet.errors import PrivnetError
from privnet.ordering import dependency_order
from privnet.providers.base import (
    REPLACE_REASON,
    UPDATE_REASON,
    AnyHandler,
    Attributes,
    ProviderContext,
    UnreachableError,
    observed_of,
    without_observed,
)
from privnet.resources.json_tree import transform
from privnet.resources.model import Ref, Resource, ResourceGraph, refs_in

Observed = dict[str, Attributes | None]
"""Refreshed attributes by address; None means the object is gone."""

HandlerLookup = Callable[[str], AnyHandler]
KindTraits = Callable[[str], frozenset[str]]
"""Per kind, a set of property names (``replace_on``, ``grow_only``)."""

REPLACE_REQUESTED = "replacement requested by --replace"
FOLLOWS = "follows "
"""How the reason of a change planned only to follow another's update begins."""


def refresh(state: State, handler_for: HandlerLookup, ctx: ProviderContext,
            parallelism: int = 10,
            policy: RetryPolicy | None = None,
            only: Collection[str] | None = None) -> tuple[Observed, dict[str, str]]:
    """Read every recorded object (those in ``only``, when given); returns observed
    attributes and notes on unreadable ones.

    A kind whose handler reads in batches is read with one ``read_many`` (a few list calls
    for thousands of objects); the others one ``read`` per object. Kinds and single reads run
    in parallel. Per object the outcome is the same either way: transient errors retried, an
    unreachable object keeps its recorded attributes with a note, None means gone."""
    notes: dict[str, str] = {}
    waiter = Waiter()
    reads = (policy or RetryPolicy()).for_reads()

    def read_one(address: str) -> Observed:
        recorded = state.resources[address]
        handler = handler_for(recorded.kind)
        try:
            return {address: retry_transient(
                lambda: handler.read(ctx, address, recorded.attributes),
                reads, waiter, f"reading {address}")}
        except UnreachableError as exc:
            notes[address] = f"not refreshed: {exc}"
            return {address: recorded.attributes}
        except PrivnetError:
            raise
        except Exception as exc:
            raise EngineError(f"cannot read {address}: {type(exc).__name__}: {exc}") from None

    def read_kind(kind: str, addresses: list[str]) -> Observed:
        """One batch; when it fails (an unreachable cluster, a refusal) it is split in
        halves, down to single objects, so one bad group (objects of one cluster sit
        together in address order) costs a few more batches, not a read per object of the
        kind. An object a batch leaves out, or one alone, is read on its own, so notes and
        errors name the object and mean for it what they meant before."""
        if len(addresses) == 1:
            return read_one(addresses[0])
        handler = handler_for(kind)
        recorded = {a: state.resources[a].attributes for a in addresses}
        found: Mapping[str, Attributes | None]
        try:
            found = retry_transient(lambda: handler.read_many(ctx, recorded),
                                    reads, waiter, f"reading the {kind} objects")
        except EngineError:  # interrupted, or still throttled after every attempt
            raise
        except Exception:  # smaller batches, then each object's read, say more
            half = len(addresses) // 2
            return {**read_kind(kind, addresses[:half]), **read_kind(kind, addresses[half:])}
        observed: Observed = {a: found[a] for a in addresses if a in found}
        for address in addresses:
            if address not in found:
                observed.update(read_one(address))
        return observed

    addresses = sorted(a for a, r in state.resources.items()
                       if not r.pending and (only is None or a in only))
    batches: dict[str, list[str]] = {}
    singles: list[str] = []
    for address in addresses:
        kind = state.resources[address].kind
        if getattr(handler_for(kind), "reads_in_batches", False) is True:
            batches.setdefault(kind, []).append(address)
        else:
            singles.append(address)
    tasks: list[Callable[[], Observed]] = [
        *(partial(read_kind, kind, group) for kind, group in batches.items()),
        *(partial(read_one, address) for address in singles)]
    observed: Observed = {}
    with ThreadPoolExecutor(max_workers=max(1, parallelism)) as pool:
        try:
            for part in pool.map(lambda task: task(), tasks):
                observed.update(part)
        except BaseException:
            waiter.cancel()
            raise
    return observed, notes


def make_plan(graph: ResourceGraph, state: State, observed: Observed | None = None,
              replace_on: KindTraits | None = None,
              notes: Mapping[str, str] | None = None,
              grow_only: KindTraits | None = None,
              forced: Collection[str] = frozenset(),
              deletable: Collection[str] | None = None,
              update_changes: KindTraits | None = None) -> Plan:
    """The changes that bring the recorded/observed world to the graph.

    ``observed`` is the result of :func:`refresh` (None: trust the state). ``replace_on``
    gives, per kind, the property names a handler cannot update in place; ``grow_only`` those
    it can only increase (see :mod:`privnet.providers.base` on property drift).
    ``forced``: recorded addresses to replace whatever their properties say (``--replace``);
    what refers to them follows as for any replacement. ``deletable``: the recorded addresses
    missing from the graph that may be deleted (a ``--target`` run limits the graph, and must
    not delete what it merely left out); None: every one. ``update_changes`` gives, per kind,
    the attributes an update may change: a resource left alone that refers to one of them on
    an object being updated follows it (an update, its value known after apply).
    """
    notes = notes or {}
    current: dict[str, Attributes] = {}
    cloud: dict[str, dict[str, Any]] = {}
    gone: set[str] = set()
    for address, recorded in state.resources.items():
        seen = observed.get(address, recorded.attributes) if observed is not None else None
        if observed is not None and address in observed and seen is None:
            gone.add(address)
        elif not recorded.pending:
            current[address] = without_observed({**recorded.attributes, **(seen or {})})
            cloud[address] = observed_of(seen)

    changes: list[Change] = []
    removed = {a: set(r.dependencies) for a, r in state.resources.items()
               if a not in graph.resources and (deletable is None or a in deletable)}
    for address in reversed(dependency_order(removed)):
        recorded = state.resources[address]
        if address in gone:
            reason = "no longer in the topology (already gone)"
        else:
            reason = "no longer in the topology"
        changes.append(Change(address, recorded.kind, Action.DELETE,
                              before=redact(recorded.properties), reason=reason))

    renewed: set[str] = set()
    shifting: dict[str, frozenset[str]] = {}
    for address in graph.topological_order():
        resource = graph.resources[address]
        known = _Settled(current, renewed)
        change = _change_for(resource, state, known, gone, renewed, replace_on, notes)
        if change.action is Action.NOOP:
            change = _following(resource, change, shifting, known)
        unusable = cloud.get(address, {}).get(REPLACE_REASON)
        if unusable and change.action in (Action.NOOP, Action.UPDATE):
            change = Change(address, change.kind, Action.REPLACE, change.before, change.after,
                            str(unusable), drift=True)
        elif change.action is Action.NOOP and cloud.get(address):
            change = _drift_change(resource, change, known, cloud[address], replace_on,
                                   grow_only)
        due = cloud.get(address, {}).get(UPDATE_REASON)
        if due and change.action is Action.NOOP:
            change = Change(address, change.kind, Action.UPDATE, change.before, change.after,
                            str(due), drift=True)
        if address in forced and change.action in (Action.NOOP, Action.UPDATE):
            change = Change(address, change.kind, Action.REPLACE, change.before, change.after,
                            REPLACE_REQUESTED)
        if change.action in (Action.CREATE, Action.REPLACE):
            renewed.add(address)
        elif change.action is Action.UPDATE and update_changes is not None and (
                moving := update_changes(resource.kind)):
            shifting[address] = moving
        changes.append(change)
    return Plan(stack=state.stack, lineage=state.lineage, serial=state.serial, changes=changes)


def adopting(plan: Plan, found: Mapping[str, ResourceState]) -> Plan:
    """``plan`` with the objects discovery found (by their markers, missing from the state)
    said so: an unchanged one becomes an update that only records it (adopt), a changed one
    records it then changes it, a deletion says where it came from. A plan with adoptions
    always has changes."""
    if not found:
        return plan
    changes: list[Change] = []
    for change in plan.changes:
        recorded = found.get(change.address)
        if recorded is None:
            changes.append(change)
            continue
        where = _found_as(recorded)
        if change.action is Action.NOOP:
            changes.append(replace(change, action=Action.UPDATE, adopt=Adoption.ONLY,
                                   reason=f"adopt: {where}, missing from the state"))
        elif change.action is Action.DELETE:
            changes.append(replace(change, reason=f"{change.reason}: {where}, missing from "
                                                  "the state"))
        else:
            changes.append(replace(change, adopt=Adoption.WITH_CHANGES,
                                   reason=f"adopt ({where}), then: {change.reason}"))
    return replace(plan, changes=changes)


def _found_as(recorded: ResourceState) -> str:
    ident = recorded.attributes.get("id") or recorded.attributes.get("arn")
    return f"found in the cloud by its markers ({ident})" if ident else (
        "found in the cloud by its markers")


def make_destroy_plan(state: State) -> Plan:
    """Every recorded object, dependents before what they depend on."""
    deps = {a: set(r.dependencies) for a, r in state.resources.items()}
    changes = [Change(a, state.resources[a].kind, Action.DELETE,
                      before=redact(state.resources[a].properties), reason="destroy")
               for a in reversed(dependency_order(deps))]
    return Plan(stack=state.stack, lineage=state.lineage, serial=state.serial, changes=changes,
                destroy=True)


def _change_for(resource: Resource, state: State, current: Mapping[str, Attributes],
                gone: set[str], renewed: set[str],
                replace_on: Callable[[str], frozenset[str]] | None,
                notes: Mapping[str, str]) -> Change:
    """One resource's change; ``renewed`` are upstream addresses created or replaced (their
    attributes are unknown until apply), already left out of ``current``."""
    address, kind = resource.address, resource.kind
    immutable = replace_on(kind) if replace_on else frozenset()
    after = _partial(resource.properties, current, renewed)
    recorded = state.resources.get(address)
    if recorded is None:
        return Change(address, kind, Action.CREATE, None, after, "not yet created")
    before = redact(recorded.properties)
    if recorded.pending:
        return Change(address, kind, Action.CREATE, before, after,
                      "creation not confirmed: it will be found and adopted, or created")
    if address in gone:
        return Change(address, kind, Action.CREATE, before, after,
                      "deleted outside privnet (drift)")
    try:
        resolved = resolve(resource.properties, current)
    except UnresolvedRef as exc:
        return _change_from_upstream(resource, before, after, renewed, immutable, exc)
    if properties_hash(resolved) == recorded.properties_hash:
        return Change(address, kind, Action.NOOP, before, after, notes.get(address, ""))
    changed = sorted(k for k in set(resolved) | set(recorded.properties)
                     if redact({k: resolved.get(k)}) != redact({k: recorded.properties.get(k)}))
    forced = sorted(set(changed) & immutable)
    if forced:
        return Change(address, kind, Action.REPLACE, before, after,
                      f"{', '.join(forced)} cannot be changed in place")
    what = ", ".join(changed) if changed else "properties"
    return Change(address, kind, Action.UPDATE, before, after, f"{what} changed")


def _drift_change(resource: Resource, unchanged: Change, current: Mapping[str, Attributes],
                  observed: Mapping[str, Any], replace_on: KindTraits | None,
                  grow_only: KindTraits | None) -> Change:
    """An unchanged resource whose observed properties differ from the topology: an update
    puts them back, or a replace when a property cannot be changed in place."""
    drifts = property_drifts(resolve(resource.properties, current), observed)
    if not drifts:
        return unchanged
    immutable = replace_on(resource.kind) if replace_on else frozenset()
    growing = grow_only(resource.kind) if grow_only else frozenset()
    reasons = [_drift_reason(d, immutable, growing) for d in drifts]
    replace = any(d.prop in immutable or grows_only_violated(d, growing) for d in drifts)
    return Change(unchanged.address, unchanged.kind,
                  Action.REPLACE if replace else Action.UPDATE,
                  unchanged.before, unchanged.after, "; ".join(reasons), drift=True)


def _drift_reason(drift: Drift, immutable: frozenset[str], growing: frozenset[str]) -> str:
    if drift.prop in immutable:
        return f"{drift.reason} ({drift.prop} cannot be changed in place: replace)"
    if grows_only_violated(drift, growing):
        return f"{drift.reason} ({drift.prop} can only grow: replace)"
    return drift.reason


def _change_from_upstream(resource: Resource, before: dict[str, Any], after: Any,
                          renewed: set[str], immutable: frozenset[str],
                          exc: UnresolvedRef) -> Change:
    """An existing resource referring to something that will be (re)created: the properties
    holding those references will change; if one of them is immutable, it is replaced too."""
    address, kind = resource.address, resource.kind
    upstream = sorted({ref.address for ref in resource.refs() if ref.address in renewed})
    if not upstream:
        return Change(address, kind, Action.UPDATE, before, after, f"{exc.ref} is not known yet")
    touched = sorted(key for key, value in resource.properties.items()
                     if any(ref.address in renewed for ref in refs_in(value)))
    forced = [key for key in touched if key in immutable]
    reason = f"{', '.join(touched)} will change: {', '.join(upstream)} is (re)created"
    if forced:
        return Change(address, kind, Action.REPLACE, before, after,
                      f"{reason}, and {', '.join(forced)} cannot be changed in place")
    return Change(address, kind, Action.UPDATE, before, after, reason)


class _Settled(Mapping[str, Attributes]):
    """The recorded attributes minus those of objects this plan (re)creates, as a view: a
    copy per resource would make planning quadratic in the size of the stack."""

    def __init__(self, current: Mapping[str, Attributes], renewed: Collection[str]) -> None:
        self._current = current
        self._renewed = renewed

    def __getitem__(self, address: str) -> Attributes:
        if address in self._renewed:
            raise KeyError(address)
        return self._current[address]

    def __iter__(self) -> Iterator[str]:
        return (a for a in self._current if a not in self._renewed)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _following(resource: Resource, unchanged: Change,
               shifting: Mapping[str, frozenset[str]],
               known: Mapping[str, Attributes]) -> Change:
    """An unchanged resource referring to an attribute that an update in this plan may
    change (a link storing a key that rotates): it is updated after it, in place."""
    moved = sorted({f"{ref.address}.{ref.attribute}" for ref in resource.refs()
                    if ref.attribute in shifting.get(ref.address, frozenset())})
    if not moved:
        return unchanged
    after = _partial(resource.properties, known, set(shifting))
    return Change(unchanged.address, unchanged.kind, Action.UPDATE, unchanged.before, after,
                  f"{FOLLOWS}{', '.join(moved)}, which its update may change", drift=True)


def _partial(value: Any, known: Mapping[str, Attributes], changing: set[str]) -> Any:
    """Properties for display: references resolved where known, else ``(known after apply)``,
    secrets hidden."""

    def shown(leaf: Any) -> Any:
        if not isinstance(leaf, Ref):
            return leaf
        target = known.get(leaf.address)
        if leaf.address in changing or target is None or leaf.attribute not in target:
            return f"(known after apply: {leaf})"
        return target[leaf.attribute]

    return redact(transform(value, shown))
