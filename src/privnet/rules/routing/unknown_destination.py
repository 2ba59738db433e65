"""ROUTE-003: a route destination must be a CIDR, a VPC of the stack or ``vpn``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.references import is_known_name, looks_like_cidr


@dataclass(frozen=True)
class UnknownDestination:
    meta = RuleMeta(
        id="ROUTE-003",
        title="Route to an unknown destination",
        severity=Severity.ERROR,
        description=(
            "privnet turns a named destination into that location's CIDR; a name that is no "
            "VPC (or 'vpn' without a VPN VPC) cannot become a route, so the traffic it was "
            "meant for has nowhere to go. The same holds for the Client VPN endpoint's "
            "declared routes and authorization rules (VPC names or CIDRs)."
        ),
        fix="name a VPC of the stack, 'vpn' (the VPN client range) or write a CIDR",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        names = sorted(ctx.view.vpc_by_name)
        if ctx.view.vpn is not None:
            names.append("vpn")
        for placed in ctx.view.vpcs:
            for index, route in enumerate(placed.vpc.routes or []):
                text = route.destination
                if looks_like_cidr(text) or is_known_name(ctx.view, text):
                    continue
                yield Violation(
                    (*placed.path, "routes", index, "destination"),
                    f"route of VPC {placed.vpc.name} to '{text}': no VPC or location has "
                    "that name",
                    fix=f"use a CIDR or one of: {', '.join(names) or 'no locations declared'}",
                )
        yield from _client_vpn_destinations(ctx)


def _client_vpn_destinations(ctx: RuleContext) -> Iterator[Violation]:
    """Client VPN routes and authorization rules name VPCs or CIDRs (their own client range
    is no destination clients need here)."""
    vpn = ctx.view.vpn
    if vpn is None:
        return
    path = ("aws", "hub", "vpn_vpc", "client_vpn")
    for key in ("routes", "authorized"):
        for index, text in enumerate(getattr(vpn.client_vpn, key) or []):
            if looks_like_cidr(text) or text in ctx.view.vpc_by_name:
                continue
            yield Violation(
                (*path, key, index),
                f"Client VPN {key} entry '{text}': no VPC has that name",
                fix=f"use a CIDR or one of: {', '.join(sorted(ctx.view.vpc_by_name))}",
            )


RULE = UnknownDestination()
