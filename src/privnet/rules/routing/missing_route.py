"""ROUTE-002: explicit routes must reach every server a VPC uses, and lead back to clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.flows import required_flows, routes_to
from privnet.topology.view import PlacedVpc, parse_cidr


@dataclass(frozen=True)
class MissingRoute:
    meta = RuleMeta(
        id="ROUTE-002",
        title="Explicit routes miss a location",
        severity=Severity.ERROR,
        description=(
            "With explicit routes privnet writes only those into the subnet route tables. "
            "Clients need a route to the VPC hosting the hub endpoint (and to the DNS VPC), "
            "and that VPC needs the return route to every client range, the VPN client range "
            "included: without it replies are dropped even though requests arrive."
        ),
        fix="add the missing destination to routes (or omit routes to route to every location)",
        also=(Severity.WARNING,),
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        reported: set[tuple[str, str]] = set()
        # a network described as it exists (every VPC given by id, as discover writes it) is
        # verified live: a warning per VPC that privnet routes none of them says nothing new
        existing_only = all(placed.vpc.id for placed in ctx.view.vpc_by_name.values())
        for flow in required_flows(ctx.view):
            if not flow.crosses_hub:
                continue
            carrier, server = flow.client.carrier, flow.server
            server_net = parse_cidr(server.vpc.cidr)
            key = (carrier.vpc.name, str(server_net))
            if key not in reported and not routes_to(ctx.view, carrier, server_net):
                reported.add(key)
                if _not_routed_by_privnet(carrier):
                    if not existing_only:
                        yield from _adopted(carrier, server, server_net)
                    continue
                yield Violation(
                    (*carrier.path, "routes"),
                    f"routes of VPC {carrier.vpc.name} have no route to {server.vpc.name} "
                    f"({server_net}), which hosts the {flow.purpose} "
                    f"{flow.client.label} must reach",
                    fix=f"add a route with destination: {server.vpc.name}",
                )
            client_net = flow.client.network
            key = (server.vpc.name, str(client_net))
            if key not in reported and not routes_to(ctx.view, server, client_net):
                reported.add(key)
                if _not_routed_by_privnet(server):
                    if not existing_only:
                        yield from _adopted(server, flow.client.carrier, client_net)
                    continue
                yield Violation(
                    (*server.path, "routes"),
                    f"routes of VPC {server.vpc.name} have no return route to "
                    f"{flow.client.label} ({client_net}), which uses its {flow.purpose}",
                    fix=f"add a route with destination: {flow.client.key}",
                )


def _not_routed_by_privnet(placed: PlacedVpc) -> bool:
    """Given by id (its owner routes it) or not attached (ROUTE-001 says so)."""
    return bool(placed.vpc.id) or not placed.vpc.transit_gateway.attach


def _adopted(placed: PlacedVpc, peer: PlacedVpc, network: object) -> Iterator[Violation]:
    """A warning for a VPC given by id; nothing for a detached one (ROUTE-001 reports it)."""
    if not placed.vpc.id:
        return
    yield Violation(
        (*placed.path, "id"),
        f"VPC {placed.vpc.name} is given by id: privnet neither attaches it to the Transit "
        f"Gateway nor writes its routes, so nothing privnet builds carries its traffic to "
        f"{peer.vpc.name} ({network}); plan-mode verify cannot show that path reachable",
        fix=f"have the owner of {placed.vpc.id} attach it and route {network} to the Transit "
            "Gateway, or let privnet create the VPC",
        severity=Severity.WARNING,
    )


RULE = MissingRoute()
