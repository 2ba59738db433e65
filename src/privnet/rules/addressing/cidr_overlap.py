"""ADDR-001: VPC CIDRs and the VPN client range must not overlap once they share a hub."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from ipaddress import IPv4Network

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.source_map import DocPath
from privnet.topology.view import parse_cidr

_SHOWN = 3


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
        spans = [(int(net.network_address), int(net.broadcast_address)) for _, _, net in parsed]
        for i, (name, path, net) in enumerate(parsed):
            start, end = spans[i]
            earlier = [j for j in range(i) if spans[j][0] <= end and start <= spans[j][1]]
            if earlier:
                yield Violation(path, f"{name} ({net}) overlaps {_names(parsed, earlier)}")


def _names(parsed: list[tuple[str, DocPath, IPv4Network]], indexes: list[int]) -> str:
    """The first few overlapped ranges by name, then how many more (one finding per range,
    not per pair: a thousand VPCs on one CIDR are 999 findings, not 499,500)."""
    shown = [f"{parsed[j][0]} ({parsed[j][2]})" for j in indexes[:_SHOWN]]
    rest = len(indexes) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


RULE = CidrOverlap()
