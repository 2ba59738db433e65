"""ADDR-001: VPC CIDRs and the VPN client range must not overlap once they share a hub."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.source_map import DocPath
from privnet.topology.view import parse_cidr


@dataclass(frozen=True)
class CidrOverlap:
    meta = RuleMeta(
        id="ADDR-001",
        title="Overlapping CIDRs",
        severity=Severity.ERROR,
        description=(
            "Every VPC joined through the Transit Gateway, and the VPN client range, needs its "
            "own address space: with overlapping ranges the TGW route table cannot tell the "
            "destinations apart and return traffic goes to the wrong VPC."
        ),
        fix="give each VPC and the VPN client range a CIDR that overlaps no other",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        ranges: list[tuple[str, DocPath, str]] = []
        for placed in ctx.view.vpcs:
            ranges.append((placed.vpc.name, (*placed.path, "cidr"), placed.vpc.cidr))
        vpn = ctx.view.vpn
        if vpn is not None:
            client_path = ("aws", "hub", "vpn_vpc", "client_cidr")
            ranges.append(("VPN clients", client_path, vpn.client_cidr))
        parsed = [(name, path, net) for name, path, text in ranges if (net := parse_cidr(text))]
        for i, (name, path, net) in enumerate(parsed):
            for other_name, _, other in parsed[:i]:
                if net.overlaps(other):
                    yield Violation(path, f"{name} ({net}) overlaps {other_name} ({other})")


RULE = CidrOverlap()
