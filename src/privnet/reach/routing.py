"""Forward and return paths: subnet route table -> Transit Gateway -> destination VPC.

Longest prefix wins at every table. A TGW attachment forwards with the TGW route table it is
*associated* with; that table's routes come from propagations and static routes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar, cast

from privnet.reach.index import SnapshotIndex, covers, net, span
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
    fix: str = ""


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


def route_from_subnet(index: SnapshotIndex, subnet: Subnet, target: str,
                      toward: str = "") -> PathResult:
    """Follow ``target`` (an address or a CIDR that must be wholly covered) out of ``subnet``.

    ``toward`` is the VPC the packet should reach (the endpoint's, or the client's for a
    reply); it lets a failure name what is missing there, not only where the packet stopped."""
    table = index.route_table_of(subnet.id)
    if table is None:
        step = Step(f"subnet {subnet.id}", "no route table recorded for the subnet or its VPC")
        return PathResult("", (step,), False, f"subnet {subnet.id}", undecided=True,
                          fix=f"describe the route tables of {index.vpc_label(subnet.vpc_id)}")
    subject = f"route table {table.id}"
    route = _longest(table.routes, target)
    if route is None:
        unattached = _unattached(index, toward, "")
        if unattached is not None:
            step = Step(subject, f"no route covers {target} (subnet {subnet.id})")
            return PathResult("", (step, unattached[0]), False, unattached[1],
                              fix=unattached[2])
        step = Step(subject, f"no route covers {target} (subnet {subnet.id})")
        gateway = _gateway_of(index, subnet.vpc_id)
        via = f"Transit Gateway {gateway}" if gateway else "a Transit Gateway"
        return PathResult("", (step,), False, subject,
                          fix=f"add a route {index.network_of(target, toward)} -> {via} to "
                          f"{subject}")
    step = Step(f"{subject} route {route.destination}",
                f"{target} -> {route.target}{' (blackhole)' if route.blackhole else ''}")
    if route.blackhole:
        return PathResult("", (step,), False, f"{subject} route {route.destination}",
                          fix=f"replace the blackhole route {route.destination} in {subject} "
                          f"(its target {route.target} is gone) by one to a live target")
    if route.target == "local":
        return PathResult(subnet.vpc_id, (step,), True)
    if route.target.startswith("tgw-"):
        return _through_tgw(index, subnet.vpc_id, route.target, target, (step,), toward)
    note = Step(f"{subject} route {route.destination}",
                f"target {route.target} is not modelled (only local and Transit Gateway)")
    return PathResult("", (step, note), False, f"{subject} route {route.destination}",
                      undecided=True, fix=f"check by hand where {route.target} delivers "
                      f"{target}; verify follows local and Transit Gateway routes only")


def _gateway_of(index: SnapshotIndex, vpc_id: str) -> str:
    attachments = index.attachments_by_vpc.get(vpc_id, ())
    return attachments[0].tgw_id if attachments else ""


def _unattached(index: SnapshotIndex, vpc_id: str, tgw_id: str) -> tuple[Step, str, str] | None:
    """A step, culprit and fix when ``vpc_id`` (the destination) has no attachment to
    ``tgw_id`` (to any Transit Gateway when empty): no route can reach it then."""
    if not vpc_id or vpc_id not in index.vpcs:
        return None
    attachments = [a for a in index.attachments_by_vpc.get(vpc_id, ())
                   if not tgw_id or a.tgw_id == tgw_id]
    if attachments:
        return None
    label = index.vpc_label(vpc_id)
    gateway = tgw_id or "the Transit Gateway"
    detail = (f"VPC {label} hosting the endpoint has no Transit Gateway attachment"
              if any(e.vpc_id == vpc_id for e in index.snapshot.endpoints)
              else f"VPC {label} has no Transit Gateway attachment")
    fix = (f"attach {vpc_id} to {gateway} (one subnet per AZ), associate the attachment with "
           "the hub's TGW route table and propagate it there; route the other VPCs to it")
    return Step(f"VPC {vpc_id}", detail), f"VPC {vpc_id}", fix


def _should_propagate(index: SnapshotIndex, table_id: str, tgw_id: str, vpc_id: str,
                      target: str) -> tuple[str, str]:
    """The step detail and fix for a TGW table with no route to ``target`` in ``vpc_id``."""
    attachment = next((a for a in index.attachments_by_vpc.get(vpc_id, ())
                       if a.tgw_id == tgw_id), None)
    if attachment is None:
        return "", (f"add a static route {index.network_of(target, vpc_id)} to TGW route "
                    f"table {table_id}")
    label = index.vpc_label(vpc_id)
    table = next((t for t in index.snapshot.tgw_route_tables if t.id == table_id), None)
    if table is not None and attachment.id in table.propagations:
        return (f"attachment {attachment.id} of {label} propagates into it, but no route "
                f"covers {target}", f"add a static route {target} -> {attachment.id} to TGW "
                f"route table {table_id} ({target} is outside {label}'s CIDRs)")
    return (f"attachment {attachment.id} of {label} does not propagate into it",
            f"enable propagation of attachment {attachment.id} ({label}) into TGW route "
            f"table {table_id}, or add a static route {index.network_of(target, vpc_id)} -> "
            f"{attachment.id}")


def _destination_vpc(index: SnapshotIndex, target: str, toward: str) -> str:
    if toward:
        return toward
    return next((v.id for v in index.snapshot.vpcs
                 if any(covers(c, target) for c in v.cidrs)), "")


def _through_tgw(index: SnapshotIndex, vpc_id: str, tgw_id: str, target: str,
                 steps: tuple[Step, ...], toward: str = "") -> PathResult:
    attachment = next((a for a in index.attachments_by_vpc.get(vpc_id, ())
                       if a.tgw_id == tgw_id), None)
    if attachment is None:
        step = Step(f"transit gateway {tgw_id}",
                    f"{index.vpc_label(vpc_id)} has no attachment to it")
        return PathResult("", (*steps, step), False, f"transit gateway {tgw_id}",
                          fix=f"attach {vpc_id} to {tgw_id}, or route "
                          f"{index.network_of(target, toward)} elsewhere")
    attach_subject = f"attachment {attachment.id}"
    table = index.tgw_table_of_attachment.get(attachment.id)
    if table is None:
        step = Step(attach_subject, "associated with no TGW route table: the TGW cannot "
                    "forward anything that enters through it")
        return PathResult("", (*steps, step), False, attach_subject,
                          fix=f"associate attachment {attachment.id} with the hub's TGW "
                          "route table")
    steps = (*steps, Step(attach_subject, f"associated with TGW route table {table.id}"))
    route = _longest(table.routes, target)
    table_subject = f"TGW route table {table.id}"
    if route is None:
        destination = _destination_vpc(index, target, toward)
        unattached = _unattached(index, destination, tgw_id)
        step = Step(table_subject, f"no route covers {target} (static or propagated)")
        if unattached is not None:
            return PathResult("", (*steps, step, unattached[0]), False, unattached[1],
                              fix=unattached[2])
        why, fix = _should_propagate(index, table.id, tgw_id, destination, target)
        if why:
            step = Step(table_subject, f"no route covers {target} (static or propagated): "
                        f"{why}")
        return PathResult("", (*steps, step), False, table_subject, fix=fix)
    route_subject = f"{table_subject} route {route.destination}"
    if route.blackhole or not route.attachment_ids:
        step = Step(route_subject, "blackhole")
        return PathResult("", (*steps, step), False, route_subject,
                          fix=f"replace the blackhole route {route.destination} in "
                          f"{table_subject} by one to a live attachment")
    next_attachment = index.tgw_attachments.get(route.attachment_ids[0])
    if next_attachment is None:
        step = Step(route_subject, f"-> {route.attachment_ids[0]}, an unknown attachment")
        return PathResult("", (*steps, step), False, route_subject, undecided=True,
                          fix=f"check attachment {route.attachment_ids[0]} (not described)")
    step = Step(route_subject, f"{route.origin} -> {next_attachment.id} "
                f"({index.vpc_label(next_attachment.vpc_id)})")
    return PathResult(next_attachment.vpc_id, (*steps, step), True)
