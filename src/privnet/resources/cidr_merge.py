"""Merging CIDR blocks that lead to the same place, so large designs fit AWS's quotas.

A VPC's derived routes all target the Transit Gateway, and the hub endpoint's security group
admits every client CIDR on the same ports: in both, adjacent or nested blocks can become
one larger block without changing what any single address does. A route table holds 50
routes and a security group 60 inbound rules by default, so at hundreds of VPCs merging is
what keeps the centralized design buildable. Blocks that merge with nothing keep their label
(a small hand-written design compiles to the same addresses as before merging existed).
"""

from __future__ import annotations

import bisect
import ipaddress
from collections.abc import Iterable, Sequence
from typing import TypeVar

Network = ipaddress.IPv4Network
Label = TypeVar("Label")
Span = tuple[int, int]
"""First and last address of a block, as integers: merging thousands of blocks per VPC
stays cheap when it compares integers rather than network objects."""


def merge_networks(networks: Iterable[Network], exclude: Network | None = None) -> list[Network]:
    """The fewest blocks covering exactly the addresses of ``networks``, minus ``exclude``
    (what :func:`ipaddress.collapse_addresses` gives, with ``exclude`` cut out).

    No block returned overlaps ``exclude``: a merged block that would span it is split
    around it (a VPC never routes its own range to the gateway).
    """
    return _blocks([_span(n) for n in networks], exclude)


def merge_labelled(destinations: Sequence[tuple[Label, Network]],
                   exclude: Network | None = None) -> list[tuple[Label | None, Network]]:
    """Merged blocks with the label of the one destination each stands for, else None.

    A block keeps a label when exactly one destination lies inside it and that destination
    is the whole block; a block made of several destinations (or cut around ``exclude``)
    has no single name, and the caller names it by its CIDR. Sorted by block address.
    """
    spans = [_span(network) for _, network in destinations]
    blocks = _blocks(spans, exclude)
    firsts = [int(block.network_address) for block in blocks]
    lasts = [int(block.broadcast_address) for block in blocks]
    members = [0] * len(blocks)  # how many destinations lie (partly) in each block
    alone: list[Label | None] = [None] * len(blocks)  # the label of a block that is one
    for (label, _), (first, last) in zip(destinations, spans, strict=True):
        index = bisect.bisect_left(lasts, first)  # the first block ending at or after it
        while index < len(blocks) and firsts[index] <= last:
            members[index] += 1
            if firsts[index] == first and lasts[index] == last:
                alone[index] = label
            index += 1
    return [(alone[i] if members[i] == 1 else None, block) for i, block in enumerate(blocks)]


def _blocks(spans: list[Span], exclude: Network | None) -> list[Network]:
    blocks: list[Network] = []
    for first, last in _merged_spans(spans, None if exclude is None else _span(exclude)):
        blocks.extend(ipaddress.summarize_address_range(ipaddress.IPv4Address(first),
                                                        ipaddress.IPv4Address(last)))
    return blocks


def _merged_spans(spans: Iterable[Span], exclude: Span | None) -> list[Span]:
    """Sorted, disjoint, non-adjacent spans covering ``spans`` minus ``exclude``."""
    joined: list[Span] = []
    for first, last in sorted(spans):
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    if exclude is None:
        return joined
    cut: list[Span] = []
    for first, last in joined:
        if last < exclude[0] or first > exclude[1]:
            cut.append((first, last))
            continue
        if first < exclude[0]:
            cut.append((first, exclude[0] - 1))
        if last > exclude[1]:
            cut.append((exclude[1] + 1, last))
    return cut


def _span(network: Network) -> Span:
    return int(network.network_address), int(network.broadcast_address)
