"""A parallel walk of a dependency DAG: each node starts once its dependencies are done.

A failed node does not stop the walk: its descendants are marked "skipped: upstream failed"
and everything independent of it carries on. The worker pool only bounds threads; the limit
on concurrent cloud calls is a separate semaphore held by the node work itself, so nodes that
are merely waiting (backoff between polls) do not occupy a parallelism slot.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Set
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum

from privnet.ordering import acyclic, reversed_edges, sorter


class Status(StrEnum):
    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Outcome:
    """How one node ended; ``detail`` says what was done or why it failed/skipped."""

    status: Status
    detail: str = ""
    elapsed: float = 0.0


NodeWork = Callable[[str], str]
"""Does one node; returns a short description of what it did; raises on failure."""

FailureText = Callable[[str, BaseException], str]


def walk(dependencies: Mapping[str, Set[str]], work: NodeWork, max_workers: int = 32,
         on_failure: FailureText | None = None,
         on_interrupt: Callable[[], None] | None = None) -> dict[str, Outcome]:
    """Run ``work`` on every node in dependency order, as parallel as the edges allow.

    ``on_interrupt`` is called if the walk is interrupted (Ctrl-C), so that running nodes can
    stop waiting before the pool shuts down.
    """
    return _Walk(dependencies, work, on_failure).run(max_workers, on_interrupt)


class _Walk:
    def __init__(self, dependencies: Mapping[str, Set[str]], work: NodeWork,
                 on_failure: FailureText | None) -> None:
        self.deps = acyclic(dependencies)
        self.dependents = reversed_edges(self.deps)
        self.ready = sorter(self.deps)
        """Hands out each node once all its dependencies are done (never after a failure)."""
        self.work = work
        self.on_failure = on_failure
        self.outcomes: dict[str, Outcome] = {}
        self.running: dict[Future[str], tuple[str, float]] = {}

    def run(self, max_workers: int, on_interrupt: Callable[[], None] | None) -> dict[str, Outcome]:
        workers = max(1, min(max_workers, len(self.deps) or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            try:
                self._submit_ready(pool)
                while self.running:
                    finished, _ = wait(list(self.running), return_when=FIRST_COMPLETED)
                    for future in finished:
                        self._finish(pool, future)
            except BaseException:
                if on_interrupt is not None:
                    on_interrupt()
                raise
        for address in self.deps:
            self.outcomes.setdefault(address, Outcome(Status.SKIPPED, "not reached"))
        return self.outcomes

    def _submit_ready(self, pool: ThreadPoolExecutor) -> None:
        for address in sorted(self.ready.get_ready()):
            self.running[pool.submit(self.work, address)] = (address, time.monotonic())

    def _finish(self, pool: ThreadPoolExecutor, future: Future[str]) -> None:
        address, started = self.running.pop(future)
        elapsed = time.monotonic() - started
        error = future.exception()
        if error is not None:
            detail = self.on_failure(address, error) if self.on_failure else str(error)
            self.outcomes[address] = Outcome(Status.FAILED, detail, elapsed)
            self._skip_descendants(address)
            return
        self.outcomes[address] = Outcome(Status.DONE, future.result(), elapsed)
        self.ready.done(address)
        self._submit_ready(pool)

    def _skip_descendants(self, address: str) -> None:
        stack = [address]
        while stack:
            for child in sorted(self.dependents[stack.pop()]):
                if child not in self.outcomes:
                    self.outcomes[child] = Outcome(Status.SKIPPED, f"upstream failed: {address}")
                    stack.append(child)
