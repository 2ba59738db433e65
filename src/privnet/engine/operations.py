"""The engine's doors: plan, apply and destroy one stack, as the CLI and tests use them.

Plan reads without locking; apply and destroy take the stack lock, reload the state and
refuse a plan computed from another state version (lineage + serial).

``targets`` limits a run to those addresses and what they depend on (destroy: what depends on
them); ``replace`` forces the replacement of recorded objects (:mod:`privnet.engine.targeting`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from privnet.engine.backoff import RetryPolicy
from privnet.engine.discover import discover
from privnet.engine.errors import StalePlanError
from privnet.engine.executor import Executor, RunResult
from privnet.engine.plan import Action, Plan
from privnet.engine.planner import adopting, make_destroy_plan, make_plan, refresh
from privnet.engine.progress import Reporter, SilentReporter
from privnet.engine.reach_preflight import check_reach
from privnet.engine.state import ResourceState, State, StateStore
from privnet.engine.targeting import (
    UnknownAddressError,
    require_known,
    subgraph,
    with_dependencies,
    with_dependents,
)
from privnet.engine.walk import Status
from privnet.keys.clock import parse_instant, pinned, system_clock
from privnet.providers.base import AnyHandler, ProviderContext, declared_traits
from privnet.resources.compile import KindCompiler, compile_topology
from privnet.resources.kinds import Traits
from privnet.resources.model import ResourceGraph
from privnet.topology.model import Topology


@dataclass
class Engine:
    """Everything needed to act on one stack."""

    topology: Topology
    store: StateStore
    ctx: ProviderContext
    handlers: Mapping[str, AnyHandler]
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    parallelism: int = 10
    reporter: Reporter = field(default_factory=SilentReporter)
    compilers: Sequence[KindCompiler] | None = None
    targets: tuple[str, ...] = ()
    """``--target``: the addresses a run is limited to (empty: the whole stack)."""
    replace: tuple[str, ...] = ()
    """``--replace``: recorded addresses to replace whatever their properties say."""
    _found: set[str] = field(default_factory=set, init=False, repr=False)
    """Addresses the last discovery found (reported as adopted by apply)."""

    def graph(self) -> ResourceGraph:
        return compile_topology(self.topology, self.compilers)

    def plan(self, refresh_state: bool = True) -> Plan:
        """What apply would do now: desired graph vs state vs what the clouds report.

        Graph addresses the state does not record are first looked for by their markers
        (:mod:`privnet.engine.discover`); what is found is proposed for adoption."""
        graph = self.graph()
        state = self.store.load()
        return self._plan_from(graph, state, refresh_state)

    def destroy_plan(self) -> Plan:
        """Every recorded object, and every object of the stack found by its markers that
        the state does not record (a lost or older state)."""
        state = self.store.load()
        self._check_destroy_targets(state)
        found = self._merge_discovered(self.graph(), state, destroying=True)
        plan = self._destroy_plan_of(state, found)
        plan.topology = self.topology.model_dump(mode="json")
        return plan

    def _destroy_plan_of(self, state: State, found: Mapping[str, ResourceState]) -> Plan:
        plan = self._mark_kept(adopting(make_destroy_plan(state), found), state)
        if not self.targets:
            return plan
        limited = with_dependents({a: r.dependencies for a, r in state.resources.items()},
                                  self.targets)
        plan.changes = [c for c in plan.changes if c.address in limited]
        plan.targets = tuple(sorted(self.targets))
        return plan

    def _check_destroy_targets(self, state: State) -> None:
        """A destroy target must name something recorded (or of the topology: found by its
        markers, or nothing to do)."""
        require_known(self.targets, set(state.resources) | set(self.graph().resources),
                      "--target")

    def _scoped(self, graph: ResourceGraph, state: State,
                targets: Sequence[str]) -> tuple[ResourceGraph, set[str] | None]:
        """The graph a run with ``targets`` works on, and the addresses it may touch (None:
        all). ``--replace`` addresses are targets too when targets are given."""
        require_known(self.replace, graph.resources, "--replace", "the topology")
        if not targets:
            return graph, None
        require_known(targets, set(graph.resources) | set(state.resources), "--target")
        scope = with_dependencies(graph, [*targets, *self.replace])
        return subgraph(graph, scope), scope

    def _mark_kept(self, plan: Plan, state: State) -> Plan:
        """Say in the plan which deletions are known to leave their object in place (the
        handler's ``left_in_place`` from the recorded attributes alone, no cloud call); the
        run still decides, with a look at the cloud, for the rest."""
        changes = []
        for change in plan.changes:
            recorded = state.resources.get(change.address)
            handler = self.handlers.get(change.kind)
            note = (handler.left_in_place(dict(recorded.attributes), None)
                    if change.action is Action.DELETE and recorded is not None
                    and handler is not None else None)
            changes.append(replace(change, kept=str(note)) if note else change)
        plan.changes = changes
        return plan

    def apply(self, plan: Plan | None = None) -> tuple[Plan, RunResult]:
        """Apply ``plan`` (refused if stale) or a fresh plan made under the lock."""
        if plan is not None:
            self._check_options_match(plan)
        graph = self.graph()
        with self.store.lock("apply"):
            self._found.clear()
            state = self._state_for(plan)
            if plan is None:
                plan = self._plan_from(graph, state, refresh_state=True, record=True)
                graph, _ = self._scoped(graph, state, self.targets)
            else:
                graph, _ = self._scoped(graph, state, plan.targets)
                self._record_discovered(graph, state)
            self._check_addresses(plan, graph)
            check_reach(plan, graph, state, self.ctx, self.traits)
            adopted = set(self._found)
            try:
                with pinned(_instant(plan.made_at)):
                    result = self._executor(state).apply(plan, graph)
            finally:
                self.reporter.close()
        return plan, _adopted_outcomes(result, adopted)

    def destroy(self, plan: Plan | None = None) -> tuple[Plan, RunResult]:
        """Delete everything recorded for the stack (or exactly ``plan``'s deletions), and
        what discovery finds of it that the state lacks."""
        with self.store.lock("destroy"):
            state = self._state_for(plan)
            if plan is None:
                self._check_destroy_targets(state)
            found = self._record_discovered(self.graph(), state, destroying=True)
            if plan is None:
                plan = self._destroy_plan_of(state, found)
            try:
                result = self._executor(state).destroy(plan)
            finally:
                self.reporter.close()
        return plan, result

    def _plan_from(self, graph: ResourceGraph, state: State, refresh_state: bool,
                   record: bool = False) -> Plan:
        serial = state.serial
        graph, scope = self._scoped(graph, state, self.targets)
        found = self._merge_discovered(graph, state)
        if found and record:  # apply, under the lock
            self.store.write(state)
        self._check_replace(state)
        observed, notes = (refresh(state, self.handler_for, self.ctx, self.parallelism,
                                    self.policy, only=scope)
                           if refresh_state else (None, {}))
        plan = make_plan(graph, state, observed, self._replace_on, notes, self._grow_only,
                         forced=frozenset(self.replace), deletable=scope,
                         update_changes=self._update_changes)
        plan = adopting(plan, found)
        plan.serial = serial  # the state on disk it was made from
        plan.topology = self.topology.model_dump(mode="json")
        plan.targets = tuple(sorted(self.targets))
        plan.made_at = system_clock().isoformat()
        return plan

    def _check_options_match(self, plan: Plan) -> None:
        """A saved plan is applied as it was made (with its own targets): ``--target`` and
        ``--replace`` given to apply as well must be those it was made with."""
        replaced = {c.address for c in plan.changes if c.action is Action.REPLACE}
        if (self.targets and tuple(sorted(self.targets)) != tuple(sorted(plan.targets))) or (
                not set(self.replace) <= replaced):
            raise StalePlanError("a saved plan is applied as it was made: give --target and "
                                 "--replace to `privnet plan`, not to apply")

    def _check_replace(self, state: State) -> None:
        """``--replace`` replaces what exists: an address nothing is recorded for is created
        by the plan anyway, and saying so beats ignoring the option."""
        for address in self.replace:
            recorded = state.resources.get(address)
            if recorded is None or recorded.pending:
                raise UnknownAddressError(
                    f"--replace {address}: nothing is recorded at this address, so there is "
                    "nothing to replace (the plan creates it); drop the option")

    def _merge_discovered(self, graph: ResourceGraph, state: State,
                          destroying: bool = False) -> dict[str, ResourceState]:
        """Look for the graph addresses ``state`` lacks; add what is found to ``state`` (in
        memory only). Costs nothing when the state records every address.

        ``destroying``: what destroy would leave in place anyway (a VPC given by id) is not
        taken in, else every destroy after the first would find it again and ask to forget it."""
        recorded = {a for a in graph.resources if a in state.resources}
        found = discover(graph, state, self.handlers.get, self.ctx, self.parallelism,
                         self.policy)
        if destroying:
            found = {a: r for a, r in found.items() if not self._left_in_place(r)}
        state.resources.update(found)
        if recorded and (found or self.store.older_than_backup(state)):
            # the state is behind the clouds: its records may name objects since replaced
            stale = discover(graph, state, self.handlers.get, self.ctx, self.parallelism,
                             self.policy, recheck=recorded)
            state.resources.update(stale)
            found.update(stale)
        self._found.update(found)
        return found

    def _left_in_place(self, found: ResourceState) -> bool:
        handler = self.handlers.get(found.kind)
        return handler is not None and bool(handler.left_in_place(dict(found.attributes), None))

    def _record_discovered(self, graph: ResourceGraph, state: State,
                           destroying: bool = False) -> dict[str, ResourceState]:
        """Under the lock: look again and write what is found into the state, marked
        ``discovered``, before the executor acts on it."""
        found = self._merge_discovered(graph, state, destroying)
        if found:
            self.store.write(state)
        return found

    def _state_for(self, plan: Plan | None) -> State:
        state = self.store.load()
        if plan is None:
            return state
        if not self.store.exists() and plan.serial == 0 and state.serial == 0:
            state.lineage = plan.lineage  # a plan for a stack that has no state yet
        plan.check_current(state)
        return state

    def _check_addresses(self, plan: Plan, graph: ResourceGraph) -> None:
        planned = {c.address for c in plan.changes}
        missing = sorted(set(graph.resources) - planned)
        if missing:
            raise StalePlanError("the plan does not match the topology (no decision for "
                                 f"{', '.join(missing[:5])}); run plan again")

    def _executor(self, state: State) -> Executor:
        return Executor(self.ctx, self.handlers, self.store, state, self.policy,
                        self.parallelism, self.reporter)

    def handler_for(self, kind: str) -> AnyHandler:
        """The handler of ``kind``; a kind without one is a configuration error."""
        from privnet.engine.errors import ConfigurationError

        handler = self.handlers.get(kind)
        if handler is None:
            raise ConfigurationError(f"no handler for resource kind {kind}")
        return handler

    def traits(self, kind: str) -> Traits:
        """What the engine knows of ``kind``: the traits its handler declares."""
        return declared_traits(self.handlers.get(kind), kind)

    def _replace_on(self, kind: str) -> frozenset[str]:
        return self.traits(kind).replace_on

    def _grow_only(self, kind: str) -> frozenset[str]:
        return self.traits(kind).grow_only

    def _update_changes(self, kind: str) -> frozenset[str]:
        return self.traits(kind).update_changes


def _adopted_outcomes(result: RunResult, adopted: set[str]) -> RunResult:
    """An object discovery adopted that needed nothing more is reported as adopted, the
    way apply's own find-before-create reports it, not as unchanged."""
    for address in adopted:
        outcome = result.outcomes.get(address)
        if outcome is not None and outcome.status is Status.DONE and (
                outcome.detail == "unchanged"):
            result.outcomes[address] = replace(outcome, detail="adopted an existing object")
    return result


def _instant(text: str | None) -> datetime | None:
    """The instant a plan records (None: none, or not one: decide by the clock now)."""
    if not text:
        return None
    try:
        return parse_instant(text)
    except ValueError:
        return None
