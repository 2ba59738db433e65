"""RUN-001: privnet must run where it can reach the private endpoints it calls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import confluent_domains, zone_vpc_names
from privnet.rules.flows import hub_endpoint_vpc, routes_to
from privnet.topology.view import INTERNET_LOCATION, VPN_LOCATION, PlacedVpc, parse_cidr

PATH = ("runner", "location")


@dataclass(frozen=True)
class UnreachableRunner:
    meta = RuleMeta(
        id="RUN-001",
        title="Runner cannot reach the private endpoints",
        severity=Severity.WARNING,
        description=(
            "Topics, ACLs, cluster links and key readiness checks go to each private "
            "cluster's own REST endpoint, which only resolves and routes inside the hub. Run "
            "from the internet, or from a VPC outside the zone or the Transit Gateway, and "
            "those calls fail with 'no such host' after the control-plane resources exist. "
            "An unknown runner location, or a runner VPC privnet creates without a subnet (there "
            "is nowhere in it to run, and no address to route back to), is an error."
        ),
        fix="run privnet inside a VPC attached to the hub and associated with the zone, or 'vpn'",
        also=(Severity.ERROR,),
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        view = ctx.view
        location = ctx.topology.runner.location
        private = [cluster.name for _, cluster in view.private_clusters()]
        if location == INTERNET_LOCATION:
            if private:
                yield Violation(
                    PATH,
                    f"privnet runs from the internet, but cluster(s) {', '.join(private)} are "
                    "private: their topics, ACLs and links cannot be managed from there",
                )
            return
        if location == VPN_LOCATION and view.vpn is not None:
            return
        placed = view.vpc_by_name.get(location)
        if placed is None:
            names = [*sorted(view.vpc_by_name), INTERNET_LOCATION]
            if view.vpn is not None:
                names.append(VPN_LOCATION)
            yield Violation(
                PATH,
                f"runner location '{location}' is no VPC of the stack, 'vpn' or 'internet'",
                fix=f"use one of: {', '.join(names)}",
                severity=Severity.ERROR,
            )
            return
        if private and placed.vpc.id is None and not placed.vpc.subnets:
            yield Violation(
                PATH,
                f"runner VPC {location} has no subnets: privnet cannot run in it, and the "
                "calls to the private clusters' endpoints have no address to come from",
                fix=f"give VPC {location} at least one subnet (subnets: [{{az_id: ..., "
                    "cidr: ...}])",
                severity=Severity.ERROR,
            )
        if private and confluent_domains(view):
            yield from _vpc_problems(ctx, placed)


def _vpc_problems(ctx: RuleContext, placed: PlacedVpc) -> Iterator[Violation]:
    view = ctx.view
    name = placed.vpc.name
    if name not in zone_vpc_names(view):
        yield Violation(
            PATH,
            f"runner VPC {name} is not associated with the Confluent private zone: private "
            "cluster names will not resolve there",
            fix=f"add {name} to dns.associated_vpcs (or set its needs_confluent: true)",
        )
    hub = hub_endpoint_vpc(view)
    if hub is None or hub.vpc.name == name or placed.vpc.id:
        # a VPC given by id is attached and routed by its owner, not by the file: only the
        # live network says whether it reaches the hub (verify --source aws checks that)
        return
    if not placed.vpc.transit_gateway.attach:
        yield Violation(
            PATH,
            f"runner VPC {name} is not attached to the Transit Gateway, so it cannot reach the "
            f"endpoint in {hub.vpc.name}",
            fix=f"set transit_gateway.attach: true on VPC {name}",
        )
    elif not routes_to(view, placed, parse_cidr(hub.vpc.cidr)):
        yield Violation(
            PATH,
            f"runner VPC {name} has explicit routes but none to {hub.vpc.name} "
            f"({hub.vpc.cidr}), which hosts the endpoint every cluster name resolves to",
            fix=f"add a route with destination: {hub.vpc.name} to VPC {name}",
        )


RULE = UnreachableRunner()
