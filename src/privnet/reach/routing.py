"""Forward and return paths: subnet route table -> Transit Gateway -> destination VPC.

Longest prefix wins at every table. A TGW attachment forwards with the TGW route table it is
*associated* with; that table's routes come from propagations and static routes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, cast

from privnet.reach.index import SnapshotIndex, net, span
from privnet.reach.snapshot import Route, Subnet, TgwRoute
from privnet.reach.trace import Step


@dataclass(frozen=True)
class PathResult:
    """Where a packet from a subnet towards ``target`` ends (``vpc_id`` empty: nowhere)."""

    vpc_id: str
    steps: tuple[Step, ...]
    ok: bool
    culprit: str = ""
    undecided: bool = False


RouteT = TypeVar("RouteT", Route, TgwRoute)

_ORDERED: dict[int, tuple[object, list[tuple[int, int, object]]]] = {}
"""Route tuples (kept alive here, so their ids stay unique) -> spans, most specific first."""


def _specificity(route: Route | TgwRoute) -> tuple[int, bool]:
    return -net(route.destination).prefixlen, getattr(route, "origin", "") != "static"


def _by_specificity(routes: tuple[RouteT, ...]) -> list[tuple[int, int, object]]:
    """Most specific first; on a tie a static route beats a propagated one."""
    cached = _ORDERED.get(id(routes))
    if cached is None or cached[0] is not routes:
        ordered: list[RouteT] = sorted(routes, key=_specificity)
        spans: list[tuple[int, int, object]] = []
        for route in ordered:
            low, high = span(route.destination)
            spans.append((low, high, route))
        cached = (routes, spans)
        _ORDERED[id(routes)] = cached
    return cached[1]


def _longest(routes: tuple[RouteT, ...], target: str) -> RouteT | None:
    """Longest-prefix match of ``target`` (an address or a CIDR that must be wholly covered)."""
    start, end = span(target)
    for low, high, route in _by_specificity(routes):
        if low <= start and end <= high:
            return cast(RouteT, route)
    return None


def route_from_subnet(index: SnapshotIndex, subnet: Subnet, target: str) -> PathResult:
    """Follow ``target`` (an address or a CIDR that must be wholly covered) out of ``subnet``."""
    table = index.route_table_of(subnet.id)
    if table is None:
        step = Step(f"subnet {subnet.id}", "no route table recorded for the subnet or its VPC")
        return PathResult("", (step,), False, f"subnet {subnet.id}", undecided=True)
    subject = f"route table {table.id}"
    route = _longest(table.routes, target)
    if route is None:
        step = Step(subject, f"no route covers {target} (subnet {subnet.id})")
        return PathResult("", (step,), False, subject)
    step = Step(f"{subject} route {route.destination}",
                f"{target} -> {route.target}{' (blackhole)' if route.blackhole else ''}")
    if route.blackhole:
        return PathResult("", (step,), False, f"{subject} route {route.destination}")
    if route.target == "local":
        return PathResult(subnet.vpc_id, (step,), True)
    if route.target.startswith("tgw-"):
        return _through_tgw(index, subnet.vpc_id, route.target, target, (step,))
    note = Step(f"{subject} route {route.destination}",
                f"target {route.target} is not modelled (only local and Transit Gateway)")
    return PathResult("", (step, note), False, f"{subject} route {route.destination}",
                      undecided=True)


def _through_tgw(index: SnapshotIndex, vpc_id: str, tgw_id: str, target: str,
                 steps: tuple[Step, ...]) -> PathResult:
    attachment = next((a for a in index.attachments_by_vpc.get(vpc_id, ())
                       if a.tgw_id == tgw_id), None)
    if attachment is None:
        step = Step(f"transit gateway {tgw_id}",
                    f"{index.vpc_label(vpc_id)} has no attachment to it")
        return PathResult("", (*steps, step), False, f"transit gateway {tgw_id}")
    attach_subject = f"attachment {attachment.id}"
    table = index.tgw_table_of_attachment.get(attachment.id)
    if table is None:
        step = Step(attach_subject, "associated with no TGW route table: the TGW cannot "
                    "forward anything that enters through it")
        return PathResult("", (*steps, step), False, attach_subject)
    steps = (*steps, Step(attach_subject, f"associated with TGW route table {table.id}"))
    route = _longest(table.routes, target)
    table_subject = f"TGW route table {table.id}"
    if route is None:
        step = Step(table_subject, f"no route covers {target} (static or propagated)")
        return PathResult("", (*steps, step), False, table_subject)
    route_subject = f"{table_subject} route {route.destination}"
    if route.blackhole or not route.attachment_ids:
        step = Step(route_subject, "blackhole")
        return PathResult("", (*steps, step), False, route_subject)
    next_attachment = index.tgw_attachments.get(route.attachment_ids[0])
    if next_attachment is None:
        step = Step(route_subject, f"-> {route.attachment_ids[0]}, an unknown attachment")
        return PathResult("", (*steps, step), False, route_subject, undecided=True)
    step = Step(route_subject, f"{route.origin} -> {next_attachment.id} "
                f"({index.vpc_label(next_attachment.vpc_id)})")
    return PathResult(next_attachment.vpc_id, (*steps, step), True)
