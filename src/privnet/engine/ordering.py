"""Dependency ordering over plain address -> dependencies maps (state has no graph object)."""

from __future__ import annotations

from collections.abc import Mapping, Set


def dependency_order(dependencies: Mapping[str, Set[str]]) -> list[str]:
    """Addresses with each one after everything it depends on; unknown deps are ignored.

    Ties are broken by address so the order is deterministic. A cycle (only possible in a
    hand-edited state) is broken at the alphabetically first remaining address.
    """
    remaining = {a: {d for d in deps if d in dependencies and d != a}
                 for a, deps in dependencies.items()}
    order: list[str] = []
    while remaining:
        ready = sorted(a for a, deps in remaining.items() if not deps)
        if not ready:
            ready = [min(remaining)]
        for address in ready:
            del remaining[address]
            order.append(address)
        for deps in remaining.values():
            deps.difference_update(ready)
    return order


def reversed_edges(dependencies: Mapping[str, Set[str]]) -> dict[str, set[str]]:
    """For destroy: each address "depends on" its dependents having gone first."""
    result: dict[str, set[str]] = {a: set() for a in dependencies}
    for address, deps in dependencies.items():
        for dep in deps:
            if dep in result and dep != address:
                result[dep].add(address)
    return result
