"""ADDR-004: every value meant as a CIDR must be a strict IPv4 network address."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.references import looks_like_cidr
from privnet.topology.source_map import DocPath
from privnet.topology.view import TopologyView, parse_cidr


@dataclass(frozen=True)
class InvalidCidr:
    meta = RuleMeta(
        id="ADDR-004",
        title="Invalid CIDR",
        severity=Severity.ERROR,
        description=(
            "AWS takes IPv4 networks written as address/prefix with no host bits set. A typo "
            "or a host address (10.0.0.1/24) is either refused or silently means another "
            "range, and every rule comparing ranges has to skip the value."
        ),
        fix="write an IPv4 network such as 10.0.0.0/20 (host bits zero, prefix 0-32)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for path, text in _cidr_values(ctx.view):
            if not text:
                yield Violation(path, "the VPC is given by id without cidr: privnet cannot know "
                                "its range from the file", fix=UNKNOWN_CIDR_FIX)
            elif parse_cidr(text) is None:
                yield Violation(path, f"'{text}' is not a valid IPv4 CIDR", fix=_suggestion(text))


UNKNOWN_CIDR_FIX = ("give cidr (the VPC's primary CIDR), or check the live network with "
                    "privnet verify --source aws, which reads it from the account")


def _cidr_values(view: TopologyView) -> Iterator[tuple[DocPath, str]]:
    """Every value that is, or by its shape was meant to be, a CIDR."""
    vpn = view.vpn
    if vpn is not None:
        yield ("aws", "hub", "vpn_vpc", "client_cidr"), vpn.client_cidr
    for placed in view.vpcs:
        vpc = placed.vpc
        yield (*placed.path, "cidr"), vpc.cidr
        for index, subnet in enumerate(vpc.subnets):
            yield (*placed.path, "subnets", index, "cidr"), subnet.cidr
        for index, route in enumerate(vpc.routes or []):
            if looks_like_cidr(route.destination):
                yield (*placed.path, "routes", index, "destination"), route.destination
        if vpc.security_group is None:
            continue
        sg_path = (*placed.path, "security_group")
        for r_index, ingress in enumerate(vpc.security_group.ingress):
            for s_index, source in enumerate(ingress.sources):
                if looks_like_cidr(source):
                    yield (*sg_path, "ingress", r_index, "sources", s_index), source
        for r_index, egress in enumerate(vpc.security_group.egress):
            for d_index, destination in enumerate(egress.destinations):
                if looks_like_cidr(destination):
                    yield (*sg_path, "egress", r_index, "destinations", d_index), destination


def _suggestion(text: str) -> str:
    """Name the network the author probably meant, when the value is a host inside one."""
    try:
        loose = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return "write an IPv4 network such as 10.0.0.0/20 (host bits zero, prefix 0-32)"
    if not isinstance(loose, ipaddress.IPv4Network):
        return "privnet networks are IPv4: write an IPv4 CIDR such as 10.0.0.0/20"
    return f"host bits are set: did you mean {loose}?"


RULE = InvalidCidr()
