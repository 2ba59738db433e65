"""``--target`` and ``--replace``: which addresses a run is limited to, checked before any work.

A target brings what it depends on, transitively (nothing can be made without its upstream);
a destroy target brings what depends on it (nothing may outlive what it lives on). An
address the topology does not compile to and the state does not record is a typing mistake:
it is refused with the nearest known addresses.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Mapping

from privnet.engine.errors import EngineError
from privnet.resources.model import ResourceGraph


class UnknownAddressError(EngineError):
    """An address given on the command line that names nothing the stack knows."""


def did_you_mean(address: str, known: Iterable[str]) -> str:
    """`` (did you mean a, b?)`` with the closest known addresses, or an empty string."""
    close = difflib.get_close_matches(address, sorted(set(known)), n=3, cutoff=0.6)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def require_known(addresses: Iterable[str], known: Collection[str], option: str,
                  where: str = "the topology or the state") -> None:
    """Refuse the first of ``addresses`` that is not in ``known``, naming the option."""
    for address in addresses:
        if address not in known:
            raise UnknownAddressError(
                f"{option} {address}: no such address in {where}"
                f"{did_you_mean(address, known)}; `privnet state list FILE` lists the "
                "recorded ones")


def _closure(start: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        address = todo.pop()
        if address in seen:
            continue
        seen.add(address)
        todo.extend(neighbours(address))
    return seen


def with_dependencies(graph: ResourceGraph, targets: Iterable[str]) -> set[str]:
    """``targets`` and every graph address they depend on, transitively (targets the graph
    lacks, recorded objects that left the topology, are kept as they are)."""
    return _closure(targets, lambda a: graph.dependencies(a) if a in graph.resources else ())


def with_dependents(dependencies: Mapping[str, Collection[str]],
                    targets: Iterable[str]) -> set[str]:
    """``targets`` and every address that depends on one of them, transitively, in the
    dependency map ``{address: what it depends on}`` (the state's, for destroy)."""
    dependents: dict[str, set[str]] = {}
    for address, upstream in dependencies.items():
        for dependency in upstream:
            dependents.setdefault(dependency, set()).add(address)
    return _closure(targets, lambda a: dependents.get(a, ()))


def subgraph(graph: ResourceGraph, addresses: Collection[str]) -> ResourceGraph:
    """The graph limited to ``addresses`` (closed under dependencies by the caller)."""
    limited = ResourceGraph()
    for address in graph.topological_order():
        if address in addresses:
            limited.add(graph.resources[address])
    return limited
