"""The network a topology file *will* create, as a snapshot, so verify answers before apply.

There is one model of the planned network: the compiled resource graph, which apply builds
from. This entry point compiles the topology and hands the graph to
:mod:`privnet.reach.graph_snapshot`; it derives nothing of its own, so plan-mode verify, the
design rules and apply cannot disagree.
"""

from __future__ import annotations

from privnet.reach.graph_snapshot import az_name_for, snapshot_from_graph
from privnet.reach.snapshot import NetworkSnapshot
from privnet.topology.model import Topology

__all__ = ["az_name_for", "snapshot_from_spec"]


def snapshot_from_spec(topology: Topology) -> NetworkSnapshot:
    """The snapshot of the stack as planned (compiled), with Confluent facts and locations."""
    return snapshot_from_graph(topology)
