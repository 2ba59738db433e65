"""The regions a stack lives in, and one network picture from describe calls in each.

EC2 and Route 53 Resolver answer for one region only, so a stack is read in its own region
(never a client's or the local cloud's default) and in every other region one of its VPCs
names. Route 53 is global: each region's read lists the same zones, which are kept once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace

from privnet.reach.snapshot import NetworkSnapshot
from privnet.topology.model import Topology
from privnet.topology.view import TopologyView


def stack_regions(topology: Topology) -> tuple[str, ...]:
    """The topology's region first, then each other region a VPC declares, in file order."""
    view = TopologyView(topology)
    found = [topology.region, *(view.region_of(p.vpc.region) for p in view.vpcs)]
    return tuple(dict.fromkeys(found))


def merge_regions(snapshots: Sequence[NetworkSnapshot]) -> NetworkSnapshot:
    """One snapshot holding every region's objects; an object listed twice is kept once."""
    if len(snapshots) == 1:
        return snapshots[0]
    merged = {item.name: tuple(dict.fromkeys(v for snapshot in snapshots
                                             for v in getattr(snapshot, item.name)))
              for item in fields(NetworkSnapshot)}
    return replace(snapshots[0], **merged)
