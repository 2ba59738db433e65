"""Discovery: find the stack's objects by their markers when the state does not record them.

The state can be lost (deleted, or an older copy restored) while the clouds keep everything.
Discovery walks the graph in dependency order, resolves each resource the state lacks from
the attributes known so far (recorded or found), and asks its handler's ``find``, the same
lookup apply uses before every create: AWS objects by their ``privnet:stack`` /
``privnet:address`` tags, Confluent objects by name (service accounts by the stack marker in
their description). A resource whose dependencies were not all found is skipped, so a stack
that never existed costs one ``find`` per root. A state that records every address of the
graph costs nothing: discovery does not run.

What is found is returned as records marked ``discovered``; plan proposes to adopt them and
destroy deletes them. Nothing is written here: apply and destroy merge the records into the
state under the stack's lock.

Where a marker proves less than ownership (a Confluent environment found by name), the
kind's handler looks for more proof in ``confirm_found`` (an environment: the ownership
marker in one of the stack's own service accounts' descriptions).

What the state already records under another address is never found again: an object
renamed in the topology without ``privnet state mv`` is one the plan deletes at its old
address (and creates at the new), not one to adopt twice. Objects are compared by
:func:`identity`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from privnet.engine.backoff import RetryPolicy, Waiter
from privnet.engine.identity import identity
from privnet.engine.retry import retry_transient
from privnet.engine.state import ResourceState, State
from privnet.engine.values import UnresolvedRef, properties_hash, redact, resolve
from privnet.engine.walk import walk
from privnet.providers.base import (
    AnyHandler,
    Attributes,
    ProviderContext,
    UnreachableError,
    without_observed,
)
from privnet.resources.model import ResourceGraph


class _NotFound(Exception):
    """Nothing found for this address: its dependents are not looked for."""


def missing(graph: ResourceGraph, state: State) -> list[str]:
    """Graph addresses the state does not record (discovery runs only when there are some)."""
    return [a for a in graph.topological_order() if a not in state.resources]


def discover(graph: ResourceGraph, state: State, handler_for: Callable[[str], AnyHandler | None],
             ctx: ProviderContext, parallelism: int = 10,
             policy: RetryPolicy | None = None,
             recheck: set[str] | None = None) -> dict[str, ResourceState]:
    """Records for the graph addresses the state lacks whose object ``find`` finds.

    ``recheck``: recorded addresses to look for as well, for a state known to be older than
    the clouds; a record is replaced only when ``find`` names another object than it does
    (the object was replaced after that state was written), and one not found stays."""
    wanted = set(recheck) if recheck is not None else set(missing(graph, state))
    if not wanted:
        return {}
    lock = threading.Lock()
    known: dict[str, Attributes] = {a: dict(r.attributes) for a, r in state.resources.items()}
    recorded_as = {ident: a for a, r in state.resources.items()
                   if (ident := identity(r.kind, r.attributes, handler_for(r.kind))) is not None}
    found: dict[str, ResourceState] = {}
    slots = threading.Semaphore(max(1, parallelism))
    waiter = Waiter()
    retry = (policy or RetryPolicy()).for_reads()

    def work(address: str) -> str:
        if address not in wanted:
            return "recorded"
        resource = graph.resources[address]
        handler = handler_for(resource.kind)
        if handler is None:
            raise _NotFound(address)
        with lock:
            snapshot = dict(known)
        recorded = state.resources.get(address)
        try:
            properties = dict(resolve(resource.properties, snapshot))
            attributes = retry_transient(lambda: handler.find(ctx, address, properties),
                                         retry, waiter, f"looking for {address}", slot=slots)
        except (UnresolvedRef, UnreachableError):  # unreachable: apply finds it again
            attributes = None
        if attributes is None:
            if recorded is not None:
                return "recorded, not found"
            raise _NotFound(address)
        attributes = without_observed(dict(attributes))
        found_attributes = attributes
        attributes = retry_transient(
            lambda: handler.confirm_found(ctx, properties, found_attributes), retry, waiter,
            f"confirming {address} is this stack's", slot=slots)
        if recorded is not None and recorded.attributes.get("id") == attributes.get("id"):
            return "recorded"
        elsewhere = recorded_as.get(identity(resource.kind, attributes, handler) or ("", ()))
        if elsewhere is not None and elsewhere != address:
            raise _NotFound(address)  # recorded as ``elsewhere``: the plan moves it, no adopt
        with lock:
            known[address] = attributes
            found[address] = ResourceState(
                kind=resource.kind, attributes=redact(attributes),
                properties_hash=properties_hash(properties), properties=redact(properties),
                dependencies=sorted(graph.dependencies(address)), discovered=True)
        return "found"

    deps = {a: graph.dependencies(a) for a in graph.resources}
    try:
        outcomes = walk(deps, work, max_workers=max(1, parallelism),
                        on_failure=_failure_text, on_interrupt=waiter.cancel)
    except BaseException:
        waiter.cancel()
        raise
    errors = [o.detail for a, o in outcomes.items()
              if o.status == "failed" and not o.detail.startswith("not found")]
    if errors:
        from privnet.engine.errors import EngineError

        raise EngineError("cannot look for the stack's objects: " + "; ".join(sorted(errors)[:3]))
    return found


def _failure_text(address: str, error: BaseException) -> str:
    if isinstance(error, _NotFound):
        return "not found"
    return f"{address}: {type(error).__name__}: {error}"
