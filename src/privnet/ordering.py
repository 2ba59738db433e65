"""Dependency order over plain ``address -> dependencies`` maps, with :mod:`graphlib`.

One place for it: the compiled graph (checked, acyclic), the state (no graph object; a
hand-edited state may hold a cycle) and the parallel walk all order the same way. Ties are
broken by address, so an order is the same on every run.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from graphlib import CycleError, TopologicalSorter


def _known(dependencies: Mapping[str, Set[str]]) -> dict[str, set[str]]:
    """The edges between listed addresses only (a dependency on an unknown one is ignored)."""
    return {a: {d for d in deps if d in dependencies and d != a}
            for a, deps in dependencies.items()}


def sorter(dependencies: Mapping[str, Set[str]]) -> TopologicalSorter[str]:
    """A prepared sorter over the known edges; :class:`graphlib.CycleError` on a cycle."""
    prepared: TopologicalSorter[str] = TopologicalSorter()
    for address, deps in sorted(_known(dependencies).items()):
        prepared.add(address, *sorted(deps))
    prepared.prepare()
    return prepared


def strict_order(dependencies: Mapping[str, Set[str]]) -> list[str]:
    """Every address after all it depends on; ``ValueError`` naming the cycle if any."""
    try:
        ready = sorter(dependencies)
    except CycleError as exc:
        raise ValueError("dependency cycle: " + " -> ".join(reversed(exc.args[1]))) from None
    return _drain(ready)


def acyclic(dependencies: Mapping[str, Set[str]]) -> dict[str, set[str]]:
    """The known edges with every cycle (only possible in a hand-edited state) broken at
    the alphabetically first address of the cycle, whose dependencies are then ignored."""
    remaining = _known(dependencies)
    while True:
        try:
            sorter(remaining)
        except CycleError as exc:
            remaining[min(exc.args[1])] = set()
            continue
        return remaining


def dependency_order(dependencies: Mapping[str, Set[str]]) -> list[str]:
    """Like :func:`strict_order`, with cycles broken as :func:`acyclic` does."""
    return _drain(sorter(acyclic(dependencies)))


def _drain(ready: TopologicalSorter[str]) -> list[str]:
    order: list[str] = []
    while ready.is_active():
        batch = sorted(ready.get_ready())
        order.extend(batch)
        ready.done(*batch)
    return order


def reversed_edges(dependencies: Mapping[str, Set[str]]) -> dict[str, set[str]]:
    """For destroy: each address "depends on" its dependents having gone first."""
    result: dict[str, set[str]] = {a: set() for a in dependencies}
    for address, deps in dependencies.items():
        for dep in deps:
            if dep in result and dep != address:
                result[dep].add(address)
    return result
