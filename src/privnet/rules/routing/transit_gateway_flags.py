"""ROUTE-001: a VPC that talks across the hub must be attached, associated and propagating."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.flows import required_flows
from privnet.topology.view import PlacedVpc

FLAGS = ("attach", "associate", "propagate")
_ROLE = {
    "attach": "without an attachment it has no path to the Transit Gateway at all",
    "associate": "without association the TGW has no route table to forward its traffic with",
    "propagate": "without propagation the TGW route table has no route back to its CIDR",
}


@dataclass(frozen=True)
class TransitGatewayFlags:
    meta = RuleMeta(
        id="ROUTE-001",
        title="VPC not fully joined to the Transit Gateway",
        severity=Severity.ERROR,
        description=(
            "Traffic between VPCs goes subnet -> TGW attachment -> the route table associated "
            "with that attachment -> the destination's attachment, and back the same way. A "
            "VPC whose clients reach the hub endpoint (or DNS VPC), or that hosts what others "
            "must reach, needs all three: attach, associate and propagate."
        ),
        fix="set the flag to true (the default) under transit_gateway",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        peers: dict[str, tuple[PlacedVpc, list[str]]] = {}
        for flow in required_flows(ctx.view):
            if not flow.crosses_hub:
                continue
            server = flow.server.vpc.name
            client = flow.client.carrier
            _note(peers, client, f"{flow.client.label} reach the {flow.purpose} in {server}")
            _note(peers, flow.server, f"{flow.client.label} reach its {flow.purpose}")
        for placed, reasons in peers.values():
            attachment = placed.vpc.transit_gateway
            for flag in FLAGS:
                if getattr(attachment, flag):
                    continue
                yield Violation(
                    (*placed.path, "transit_gateway", flag),
                    f"VPC {placed.vpc.name} has transit_gateway.{flag}: false, but traffic must "
                    f"cross the hub so that {_summary(reasons)}; {_ROLE[flag]}",
                    fix=f"set transit_gateway.{flag}: true on VPC {placed.vpc.name}",
                )


def _note(peers: dict[str, tuple[PlacedVpc, list[str]]], vpc: PlacedVpc, reason: str) -> None:
    entry = peers.setdefault(vpc.vpc.name, (vpc, []))
    if reason not in entry[1]:
        entry[1].append(reason)


def _summary(reasons: list[str], limit: int = 2) -> str:
    shown = "; ".join(reasons[:limit])
    more = len(reasons) - limit
    return f"{shown} (and {more} more)" if more > 0 else shown


RULE = TransitGatewayFlags()
