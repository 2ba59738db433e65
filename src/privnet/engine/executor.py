"""Carry out a plan: a parallel walk of the graph that saves state after every resource.

Per resource: resolve references from what is already known, ``find`` before every attempt
at ``create`` (so a crash between a create and the state write heals on the next run, and a
retry after a throttled call never makes a second object), record the object at once
(marked pending), then poll ``check_ready`` with backoff until it is usable. Throttling and 5xx
(:class:`TransientError`) are retried with backoff, honouring ``retry_after``; anything else
fails that resource, its descendants are skipped and independent work continues.

Destroy walks the edges backwards. An object whose kind declares an ``owner`` (a topic, ACL,
link or mirror: their cluster) and that cannot be reached for its own deletion
(:class:`UnreachableError`, e.g. :class:`OwnerGoneError` for a link whose deletion answers
401) is recorded as "removed with its cluster" when its owner is destroyed in the same run:
deleting a cluster deletes its topics, ACLs, links and mirrors, so nobody has to edit the
state by hand. The executor knows no kind by name: it reads the declared traits.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from privnet.engine.backoff import RetryPolicy, Waiter
from privnet.engine.errors import (
    CancelledError,
    ConfigurationError,
    ResourceError,
    StateError,
)
from privnet.engine.plan import Action, Change, Plan
from privnet.engine.progress import Reporter, SilentReporter
from privnet.engine.retry import retry_transient
from privnet.engine.state import ResourceState, State, StateStore
from privnet.engine.values import UnresolvedRef, properties_hash, redact, resolve
from privnet.engine.walk import Outcome, Status, walk
from privnet.ordering import reversed_edges
from privnet.providers.base import (
    AnyHandler,
    Attributes,
    ProviderContext,
    UnreachableError,
    declared_traits,
    without_observed,
)
from privnet.resources.kinds import kind_named
from privnet.resources.model import Resource, ResourceGraph

T = TypeVar("T")



RESULT_ORDER = ("created", "updated", "replaced", "destroyed", "adopted", "unchanged",
                "left in place", "failed", "skipped")
"""How a run's summary names what happened, in the order it says it."""
ALWAYS_SAID = frozenset({"created", "updated", "destroyed"})
DESTROYED = ("destroyed", "already gone", "removed with ")
"""What the executor says of an object that is gone after its deletion."""


@dataclass
class RunResult:
    """Outcome of every node of an apply or destroy, in a stable order."""

    outcomes: dict[str, Outcome] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(o.status is Status.DONE for o in self.outcomes.values())

    def count(self, status: Status) -> int:
        return sum(o.status is status for o in self.outcomes.values())

    def problems(self) -> list[str]:
        """One line per failed resource, then how many were skipped because of it."""
        lines = [f"failed: {a}: {o.detail}" for a, o in sorted(self.outcomes.items())
                 if o.status is Status.FAILED]
        skipped: dict[str, int] = {}
        for outcome in self.outcomes.values():
            if outcome.status is Status.SKIPPED:
                skipped[outcome.detail] = skipped.get(outcome.detail, 0) + 1
        lines.extend(f"skipped {n}: {why}" for why, n in sorted(skipped.items()))
        return lines

    def result_of(self, address: str, plan: Plan | None = None) -> str:
        """What happened to ``address``, as the summary counts it (see RESULT_ORDER): from
        the executor's own words, and the plan's (a replace, an object made elsewhere that a
        deletion only forgets, whatever its handler answered)."""
        return self._result_of(address, _PlanFacts.of(plan))

    def _result_of(self, address: str, facts: _PlanFacts) -> str:
        outcome = self.outcomes[address]
        if outcome.status is not Status.DONE:
            return str(outcome.status)
        if address in facts.forgotten:
            return "left in place"
        detail = outcome.detail
        if detail.startswith("adopted"):
            return "adopted"
        if detail == "created":
            return "replaced" if address in facts.replaced else "created"
        if detail in ("updated", "unchanged"):
            return detail
        if detail.startswith(DESTROYED):
            return "destroyed"
        return "left in place"  # a deletion that forgot its object (the detail says why)

    def tally(self, plan: Plan | None = None) -> dict[str, int]:
        """How many objects each result (RESULT_ORDER) happened to."""
        counts = dict.fromkeys(RESULT_ORDER, 0)
        facts = _PlanFacts.of(plan)
        for address in self.outcomes:
            counts[self._result_of(address, facts)] += 1
        return counts

    def summary(self, verb: str, plan: Plan | None = None) -> str:
        """``Apply complete: 129 created, 9 updated, 0 destroyed.``: created, updated and
        destroyed always, the other results when they happened. A destroy (``plan`` is one)
        says only what a destroy does: ``Destroy complete: 12 destroyed, 1 left in place.``"""
        counts = self.tally(plan)
        always = {"destroyed"} if plan is not None and plan.destroy else ALWAYS_SAID
        said = [f"{n} {result}" for result, n in counts.items()
                if n or result in always]
        head = f"{verb} complete" if self.ok else f"{verb} incomplete"
        return f"{head}: {', '.join(said)}."

    def to_json(self, plan: Plan | None = None) -> dict[str, object]:
        """Each address's result and detail, and the counts (``--format json``)."""
        facts = _PlanFacts.of(plan)
        return {"ok": self.ok, "summary": self.tally(plan),
                "outcomes": {a: {"status": str(o.status), "result": self._result_of(a, facts),
                                 "detail": o.detail, "elapsed": round(o.elapsed, 3)}
                             for a, o in sorted(self.outcomes.items())}}


@dataclass(frozen=True)
class _PlanFacts:
    """What the plan says of addresses that the executor's words alone do not."""

    replaced: frozenset[str] = frozenset()
    forgotten: frozenset[str] = frozenset()

    @classmethod
    def of(cls, plan: Plan | None) -> _PlanFacts:
        if plan is None:
            return cls()
        return cls(frozenset(c.address for c in plan.changes if c.action is Action.REPLACE),
                   frozenset(c.address for c in plan.changes if c.leaves_in_place))


class Executor:
    """Applies plans to one stack with one provider context."""

    def __init__(self, ctx: ProviderContext, handlers: Mapping[str, AnyHandler], store: StateStore,
                 state: State, policy: RetryPolicy | None = None, parallelism: int = 10,
                 reporter: Reporter | None = None) -> None:
        self.ctx = ctx
        self.handlers = handlers
        self.store = store
        self.state = state
        self.policy = policy or RetryPolicy()
        self.reporter: Reporter = reporter or SilentReporter()
        self.waiter = Waiter()
        self._slots = threading.Semaphore(max(1, parallelism))
        self._state_lock = threading.RLock()
        self._known: dict[str, Attributes] = state.attributes()
        self._graph = ResourceGraph()
        self._destroying: set[str] = set()
        self._deferred: dict[str, set[str]] = {}

    # ----------------------------------------------------------------- entry points

    def apply(self, plan: Plan, graph: ResourceGraph) -> RunResult:
        """Delete what left the topology and the old objects of replacements (dependents
        first), then create/update along the graph."""
        try:
            return self._apply(plan, graph)
        finally:
            self._compact()

    def destroy(self, plan: Plan) -> RunResult:
        """Delete every object the plan lists, dependents first."""
        try:
            return self._destroy(plan)
        finally:
            self._compact()

    def _compact(self) -> None:
        """Fold the run's journal into the state file, even after a failure or an interrupt.
        A compaction that fails loses nothing: the journal keeps every record and the next
        load replays it."""
        with self._state_lock, contextlib.suppress(StateError):
            self.store.compact(self.state)

    def _apply(self, plan: Plan, graph: ResourceGraph) -> RunResult:
        self._graph = graph
        changes = {c.address: c for c in plan.changes}
        self._check_handlers(changes.values())
        deletes = {a for a, c in changes.items() if c.action is Action.DELETE}
        replaces = {a for a, c in changes.items() if c.action is Action.REPLACE}
        self._destroying = deletes | replaces
        result = RunResult()
        removed = self._walk_deletes(self._destroying) if self._destroying else {}
        result.outcomes.update({a: o for a, o in removed.items() if a in deletes})
        stuck = {a: o.detail for a, o in removed.items()
                 if a in replaces and o.status is not Status.DONE}
        applied = {a: graph.dependencies(a) for a in graph.resources}
        changing = {a for a, c in changes.items() if c.action is not Action.NOOP}

        def work(address: str) -> str:
            if address in stuck:
                raise ResourceError(f"{address}: the object it replaces was not deleted: "
                                    f"{stuck[address]}")
            change = changes.get(address)
            action = change.action if change else Action.NOOP
            if action is Action.NOOP and applied[address] & changing:
                verb = self._follow_upstream(graph.resources[address])
            else:
                verb = self._apply_node(graph.resources[address], action,
                                        drift=bool(change and change.drift))
            if verb != "unchanged":
                changing.add(address)  # its dependents run after it and follow in turn
            return verb

        result.outcomes.update(self._walk(applied, work))
        for address, detail in stuck.items():  # its own failure matters more than a skip
            result.outcomes[address] = Outcome(
                Status.FAILED, f"the object it replaces was not deleted: {detail}")
        return result

    def _destroy(self, plan: Plan) -> RunResult:
        changes = [c for c in plan.changes if c.action is Action.DELETE]
        self._check_handlers(changes)
        self._destroying = {c.address for c in changes}
        return RunResult(self._walk_deletes(self._destroying))

    # ----------------------------------------------------------------- walks

    def _walk(self, dependencies: Mapping[str, set[str]],
              work: Callable[[str], str]) -> dict[str, Outcome]:
        def failure(address: str, error: BaseException) -> str:
            detail = str(error) if isinstance(error, ResourceError) else (
                f"{type(error).__name__}: {error}")
            self.reporter.finished(address, "failed", detail)
            return detail

        outcomes = walk(dependencies, work, max_workers=64, on_failure=failure,
                        on_interrupt=self.waiter.cancel)
        for address, outcome in sorted(outcomes.items()):
            if outcome.status is Status.SKIPPED:
                self.reporter.finished(address, "skipped", outcome.detail)
        return outcomes

    def _walk_deletes(self, addresses: set[str]) -> dict[str, Outcome]:
        with self._state_lock:
            deps = {a: set(self.state.resources[a].dependencies) if a in self.state.resources
                    else set() for a in addresses}
        outcomes = self._walk(reversed_edges(deps), self._delete_node)
        for address, owners in sorted(self._deferred.items()):
            if address in self.state.resources and address in outcomes:
                outcomes[address] = Outcome(
                    Status.FAILED, f"unreachable, and what it lives on "
                    f"({', '.join(sorted(owners))}) was not deleted", outcomes[address].elapsed)
        return outcomes

    # ----------------------------------------------------------------- one node

    def _apply_node(self, resource: Resource, action: Action, drift: bool = False) -> str:
        if action is Action.NOOP:
            return "unchanged"
        handler = self._handler(resource.kind)
        properties = self._resolve(resource)
        if action is Action.UPDATE:
            return self._update(resource, handler, properties, drift)
        return self._create(resource, handler, properties)  # a replaced object is gone by now

    def _follow_upstream(self, resource: Resource) -> str:
        """A resource the plan left alone whose upstream changed in this run: attributes it
        reads from there (a cluster's endpoints for its key's client secrets) may only be
        known now, so it is updated when its resolved properties differ from the recorded."""
        with self._state_lock:
            recorded = resource.address in self.state.resources
        if not recorded:
            return "unchanged"
        try:
            properties = self._resolve(resource)
        except ResourceError:
            return "unchanged"
        return self._update(resource, self._handler(resource.kind), properties)

    def _create(self, resource: Resource, handler: AnyHandler, properties: dict[str, Any]) -> str:
        address = resource.address
        self.reporter.started(address, "creating")
        attributes = self._recorded_if_alive(address, handler)
        verb = "adopted the object recorded before an interruption"
        if attributes is None:
            tried: list[bool] = []
            attributes, verb = self._call(address, lambda: self._find_or_create(
                handler, address, properties, tried))
        self._record(resource, attributes, properties, pending=True)
        attributes = self._wait_ready(handler, address, attributes)
        self._record(resource, attributes, properties, pending=False)
        self.reporter.finished(address, "done", verb)
        return verb

    def _find_or_create(self, handler: AnyHandler, address: str, properties: dict[str, Any],
                        tried: list[bool]) -> tuple[Attributes, str]:
        """One attempt: ``find``, then ``create`` if nothing is found. A retried attempt looks
        again first, so an object the throttled attempt made (or half-made) is adopted or
        completed, never made a second time. ``tried`` notes that an attempt got as far as
        ``create``: what a retry finds then is this run's own object."""
        found = handler.find(self.ctx, address, properties)
        if found is not None:
            return found, "created" if tried else "adopted an existing object"
        tried.append(True)
        return handler.create(self.ctx, address, properties), "created"

    def _update(self, resource: Resource, handler: AnyHandler, properties: dict[str, Any],
                drift: bool = False) -> str:
        """Same properties as recorded: nothing to do, unless the cloud drifted from them."""
        address = resource.address
        with self._state_lock:
            recorded = self.state.resources[address]
        if properties_hash(properties) == recorded.properties_hash and not drift:
            return "unchanged"
        self.reporter.started(address, "updating")
        attributes = self._call(address, lambda: handler.update(
            self.ctx, address, properties, dict(recorded.attributes)))
        attributes = {**recorded.attributes, **attributes}
        self._record_attributes(address, attributes)  # what the update made is never lost
        attributes = self._wait_ready(handler, address, attributes)
        self._record(resource, attributes, properties, pending=False)
        self.reporter.finished(address, "done", "updated")
        return "updated"

    def _delete_node(self, address: str) -> str:
        with self._state_lock:
            recorded = self.state.resources.get(address)
        if recorded is None:
            return "already gone"
        handler = self._handler(recorded.kind)
        kept = self._call(address, lambda: handler.left_in_place(dict(recorded.attributes),
                                                                 self.ctx))
        if kept:
            self._forget(address)
            self.reporter.finished(address, "done", kept)
            return kept
        self.reporter.started(address, "destroying")
        try:
            self._delete_recorded(address, handler)
        except UnreachableError as exc:
            owner = declared_traits(handler, recorded.kind).owner
            owners = self._owners(address, owner.name) if owner is not None else set()
            if owner is None or not owners:
                raise
            return self._defer_to_owners(address, owner.name, owners, exc)
        self._forget_deferred(address)
        self.reporter.finished(address, "done", "destroyed")
        return "destroyed"

    def _delete_recorded(self, address: str, handler: AnyHandler) -> None:
        with self._state_lock:
            recorded = self.state.resources.get(address)
        if recorded is None:
            return
        attributes = dict(recorded.attributes)
        self._call(address, lambda: handler.delete(self.ctx, address, attributes))
        self._wait_gone(handler, address, attributes)
        self._forget(address)

    # ----------------------------------------------------------------- objects and owners

    def _owners(self, address: str, owner_kind: str) -> set[str]:
        """Objects of ``owner_kind`` this object lives on (by recorded dependencies) that
        are going away."""
        with self._state_lock:
            seen: set[str] = set()
            stack = list(self.state.resources[address].dependencies)
            while stack:
                dep = stack.pop()
                if dep in seen:
                    continue
                seen.add(dep)
                recorded = self.state.resources.get(dep)
                if recorded is not None:
                    stack.extend(recorded.dependencies)
            owners = {a for a in seen if kind_named(owner_kind).has(a)}
            gone = {c for c in owners if c not in self.state.resources}
        return (owners & self._destroying) | gone

    def _defer_to_owners(self, address: str, owner_kind: str, owners: set[str],
                         error: Exception) -> str:
        with self._state_lock:
            pending = {c for c in owners if c in self.state.resources}
            if not pending:
                self._forget(address)
            else:
                self._deferred[address] = pending
        noun = owner_kind.rsplit(".", 1)[-1]
        detail = (f"removed with its {noun} {', '.join(sorted(owners))} "
                  f"(its endpoint answered: {error})")
        self.reporter.finished(address, "done", detail)
        return detail

    def _forget_deferred(self, owner: str) -> None:
        """``owner`` is deleted: what was left to its deletion went with it."""
        with self._state_lock:
            for address, owners in list(self._deferred.items()):
                if owner in owners:
                    del self._deferred[address]
                    self._forget(address)

    # ----------------------------------------------------------------- waiting and retrying

    def _call(self, address: str, action: Callable[[], T]) -> T:
        """One handler call under the parallelism semaphore; transient errors retried."""
        return retry_transient(action, self.policy, self.waiter, address,
                               lambda detail: self.reporter.waiting(address, detail), self._slots)

    def _wait_ready(self, handler: AnyHandler, address: str, attributes: Attributes) -> Attributes:
        started = time.monotonic()
        attempt = 0
        while True:
            readiness = self._call(address, _bind(handler.check_ready, self.ctx, address,
                                                  attributes))
            if readiness.attributes:
                attributes = {**attributes, **readiness.attributes}
            if readiness.ready:
                return attributes
            if readiness.failed:
                raise ResourceError(f"{address} failed: {readiness.detail or 'no detail'}")
            waited = time.monotonic() - started
            if waited > self.policy.ready_timeout:
                raise ResourceError(f"{address} not ready after {waited:.0f}s: "
                                    f"{readiness.detail or 'no detail'}")
            self.reporter.waiting(address, readiness.detail or "not ready yet")
            if not self.waiter.wait(self.policy.poll_delay(attempt, waited)):
                raise CancelledError(f"{address}: interrupted while waiting")
            attempt += 1

    def _wait_gone(self, handler: AnyHandler, address: str, attributes: Attributes) -> None:
        started = time.monotonic()
        attempt = 0
        while True:
            try:
                observed = self._call(address,
                                      lambda: handler.read(self.ctx, address, attributes))
            except UnreachableError:
                return
            if observed is None or without_observed(observed) == attributes:
                return  # gone, or a check with no remote object (its read echoes the record)
            waited = time.monotonic() - started
            if waited > self.policy.ready_timeout:
                raise ResourceError(f"{address} still present {waited:.0f}s after deletion")
            self.reporter.waiting(address, "deletion in progress")
            if not self.waiter.wait(self.policy.poll_delay(attempt, waited)):
                raise CancelledError(f"{address}: interrupted while waiting for deletion")
            attempt += 1

    # ----------------------------------------------------------------- state bookkeeping

    def _recorded_if_alive(self, address: str, handler: AnyHandler) -> Attributes | None:
        """A pending record from an interrupted run, if the object it names still exists."""
        with self._state_lock:
            recorded = self.state.resources.get(address)
        if recorded is None or not recorded.pending:
            return None
        found = self._call(address, lambda: handler.read(self.ctx, address, recorded.attributes))
        return None if found is None else {**recorded.attributes, **found}

    def _record(self, resource: Resource, attributes: Attributes, properties: dict[str, Any],
                pending: bool) -> None:
        with self._state_lock:
            self.state.resources[resource.address] = ResourceState(
                kind=resource.kind, attributes=redact(without_observed(attributes)),
                properties_hash=properties_hash(properties), properties=redact(properties),
                dependencies=sorted(self._graph.dependencies(resource.address)),
                pending=pending)
            self._known[resource.address] = without_observed(attributes)
            self.store.put(self.state, resource.address)

    def _record_attributes(self, address: str, attributes: Attributes) -> None:
        """New attributes under the old properties: an update made but not yet ready is
        recorded (a key it created is not lost) and still planned again (same hash as before
        the run)."""
        with self._state_lock:
            recorded = self.state.resources[address]
            self.state.resources[address] = replace(
                recorded, attributes=redact(without_observed(attributes)))
            self.store.put(self.state, address)

    def _forget(self, address: str) -> None:
        with self._state_lock:
            if self.state.resources.pop(address, None) is not None:
                self.store.forget(self.state, address)
            self._known.pop(address, None)

    def _resolve(self, resource: Resource) -> dict[str, Any]:
        with self._state_lock:  # only what it refers to: a copy of all would cost O(stack)
            known = {ref.address: self._known[ref.address] for ref in resource.refs()
                     if ref.address in self._known}
        try:
            resolved = resolve(resource.properties, known)
        except UnresolvedRef as exc:
            raise ResourceError(f"{resource.address}: {exc}") from None
        return dict(resolved)

    def _handler(self, kind: str) -> AnyHandler:
        handler = self.handlers.get(kind)
        if handler is None:
            raise ConfigurationError(f"no handler for resource kind {kind}")
        return handler

    def _check_handlers(self, changes: Any) -> None:
        missing = sorted({c.kind for c in changes if isinstance(c, Change)
                          and c.action is not Action.NOOP and c.kind not in self.handlers})
        if missing:
            raise ConfigurationError("no handler for resource kind(s): " + ", ".join(missing))


def _bind(check: Callable[[ProviderContext, str, Attributes], T], ctx: ProviderContext,
          address: str, attributes: Attributes) -> Callable[[], T]:
    return lambda: check(ctx, address, attributes)
