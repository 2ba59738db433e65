"""Turn a topology into one resource graph spanning both clouds.

Each cloud compiles its own kinds; this module then adds the edges neither side can see alone:
a Confluent data-plane call (topics, ACLs, links, mirrors, the API-key sync check) goes to the
cluster's private endpoint, so it must wait until the runner can resolve and reach that endpoint
(zone associations, records, resolver rule associations, routes both ways and the PrivateLink
connections).
Without these edges the first run fails with "no such host" and needs a re-run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from privnet.errors import PrivnetError
from privnet.resources.kinds import traits_of
from privnet.resources.model import ResourceGraph
from privnet.resources.runner_gates import runner_gates
from privnet.topology.model import Topology

KindCompiler = Callable[[Topology, ResourceGraph], None]

class CompileError(PrivnetError):
    """The topology compiles to an invalid graph (unknown reference, cycle, duplicate)."""


def default_compilers() -> list[KindCompiler]:
    """The AWS and Confluent compilers, imported here to keep the CLI start-up light."""
    from privnet.resources.compile_aws import compile_aws
    from privnet.resources.compile_confluent import compile_confluent

    return [compile_aws, compile_confluent]


def compile_resources(topology: Topology,
                      compilers: Sequence[KindCompiler] | None = None) -> ResourceGraph:
    """What the stack will build, as apply builds it, without the engine's ordering edges
    and checks: the model plan-mode verify and the design rules read."""
    graph = ResourceGraph()
    try:
        for compiler in compilers if compilers is not None else default_compilers():
            compiler(topology, graph)
    except ValueError as exc:
        raise CompileError(f"cannot compile stack {topology.stack}: {exc}") from None
    return graph


_ANALYSED: dict[int, tuple[Topology, ResourceGraph]] = {}
"""The last few analysis compiles, by topology object (kept alive so an id is not reused)."""


def planned_resources(topology: Topology) -> ResourceGraph:
    """:func:`compile_resources` of ``topology``, computed once per topology object (validate
    and verify both ask; a large stack takes seconds to compile). Callers must not change
    the graph they get."""
    cached = _ANALYSED.get(id(topology))
    if cached is not None and cached[0] is topology:
        return cached[1]
    graph = compile_resources(topology)
    if len(_ANALYSED) >= 4:
        _ANALYSED.pop(next(iter(_ANALYSED)))
    _ANALYSED[id(topology)] = (topology, graph)
    return graph


def compile_topology(topology: Topology,
                     compilers: Sequence[KindCompiler] | None = None) -> ResourceGraph:
    """The whole stack as a checked graph for the engine: stable addresses, known
    references, no cycle, data-plane resources ordered after the runner's path."""
    graph = compile_resources(topology, compilers)
    add_dns_gating(graph, topology)
    check_graph(graph)
    return graph


def add_dns_gating(graph: ResourceGraph, topology: Topology | None = None) -> None:
    """Make every data-plane resource depend on every resource of the runner's DNS and
    network path (:mod:`privnet.resources.runner_gates`)."""
    gates = runner_gates(graph, topology)
    if not gates:
        return
    for address, resource in list(graph.resources.items()):
        if not traits_of(resource.kind).data_plane:
            continue
        merged = tuple(sorted(set(resource.depends_on) | set(gates)))
        graph.resources[address] = replace(resource, depends_on=merged)


def check_graph(graph: ResourceGraph) -> None:
    """Refuse references to unknown addresses and dependency cycles, naming the culprit."""
    problems: list[str] = []
    for address in sorted(graph.resources):
        resource = graph.resources[address]
        for ref in resource.refs():
            if ref.address not in graph.resources:
                problems.append(f"{address} refers to unknown resource {ref}")
        for dep in sorted(resource.depends_on):
            if dep not in graph.resources:
                problems.append(f"{address} depends on unknown resource {dep}")
    if problems:
        raise CompileError("invalid resource graph:\n  " + "\n  ".join(problems))
    try:
        graph.topological_order()
    except ValueError as exc:
        raise CompileError(str(exc)) from None
