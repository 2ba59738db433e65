"""DNS-006: with one centralized zone, only the hub endpoint gets DNS records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.confluent_domains import PLATT_KIND
from privnet.rules.flows import endpoint_vpcs, hub_endpoint_vpc
from privnet.topology.aws import DnsStrategy
from privnet.topology.view import TopologyView


@dataclass(frozen=True)
class UnusedEndpoint:
    meta = RuleMeta(
        id="DNS-006",
        title="Endpoint no DNS record points at",
        severity=Severity.WARNING,
        description=(
            "The centralized zone answers every private cluster name with one hub endpoint; "
            "other VPCs reach it through the Transit Gateway. Further endpoints to the same "
            "PrivateLink attachment are registered (and paid for) but carry no traffic. This "
            "makes that choice visible; a hub_endpoint naming no VPC, or a VPC without an "
            "endpoint, is an error."
        ),
        fix="set dns.hub_endpoint to the endpoint DNS should use; remove endpoints kept by mistake",
        also=(Severity.ERROR,),
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        dns = ctx.topology.aws.dns
        if dns.strategy is not DnsStrategy.CENTRALIZED:
            return
        if dns.hub_endpoint is not None:
            problem = _hub_endpoint_problem(ctx.view, dns.hub_endpoint)
            if problem is not None:
                yield Violation(("aws", "dns", "hub_endpoint"), problem[0], problem[1],
                                Severity.ERROR)
                return
        hub = hub_endpoint_vpc(ctx.view)
        if hub is None:
            return
        how = ("chosen by dns.hub_endpoint" if dns.hub_endpoint
               else "dns.hub_endpoint is unset, so the first endpoint is used")
        for placed in endpoint_vpcs(ctx.view):
            endpoint = placed.vpc.endpoint
            if placed is hub or endpoint is None:
                continue
            if ctx.view.connectivity_names.get(endpoint.connectivity) != PLATT_KIND:
                continue
            yield Violation(
                (*placed.path, "endpoint"),
                f"the endpoint of VPC {placed.vpc.name} to {endpoint.connectivity} is registered "
                f"but no DNS record points at it: every VPC resolves cluster names to the "
                f"endpoint in {hub.vpc.name} ({how})",
            )


def _hub_endpoint_problem(view: TopologyView, name: str) -> tuple[str, str] | None:
    placed = view.vpc_by_name.get(name)
    with_endpoint = [p.vpc.name for p in endpoint_vpcs(view)]
    choices = ", ".join(with_endpoint) or "none: add an endpoint to a VPC"
    if placed is None:
        return (f"dns.hub_endpoint '{name}' names no VPC of the stack",
                f"name a VPC with an endpoint ({choices})")
    if placed.vpc.endpoint is None:
        return (f"dns.hub_endpoint names VPC {name}, which has no endpoint for records to "
                "point at", f"name a VPC with an endpoint ({choices}), or give {name} one")
    connectivity = placed.vpc.endpoint.connectivity
    if view.connectivity_names.get(connectivity) not in (PLATT_KIND, None):
        return (f"dns.hub_endpoint names VPC {name}, whose endpoint goes to {connectivity}, "
                "not to a PrivateLink attachment: the centralized zone serves attachments only",
                f"name a VPC with an endpoint to a PrivateLink attachment ({_platt_vpcs(view)})")
    return None


def _platt_vpcs(view: TopologyView) -> str:
    names = [p.vpc.name for p in endpoint_vpcs(view) if p.vpc.endpoint is not None
             and view.connectivity_names.get(p.vpc.endpoint.connectivity) == PLATT_KIND]
    return ", ".join(names) or "none: add one"


RULE = UnusedEndpoint()
