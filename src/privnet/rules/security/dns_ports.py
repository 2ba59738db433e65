"""SEC-002: an explicit DNS VPC security group must admit port 53 over tcp and udp."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.flows import Purpose, reaches_server, required_flows
from privnet.rules.sg_coverage import admits

DNS_PORT = 53


@dataclass(frozen=True)
class DnsPorts:
    meta = RuleMeta(
        id="SEC-002",
        title="DNS VPC security group blocks DNS",
        severity=Severity.ERROR,
        description=(
            "Clients that forward queries to the Route 53 inbound resolver in the DNS VPC send "
            "them on port 53, over udp and, for large answers, tcp. An explicit security group "
            "on the DNS VPC must admit both from every client location that routes there."
        ),
        fix="add ingress rules for udp 53 and tcp 53 from the client location",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for flow in required_flows(ctx.view):
            group = flow.server.vpc.security_group
            if flow.purpose is not Purpose.DNS or group is None:
                continue
            if not reaches_server(ctx.view, flow):
                continue  # the missing route is reported by the routing rules
            missing = [
                protocol
                for protocol in ("udp", "tcp")
                if not admits(ctx.view, group, protocol, DNS_PORT, flow.client.network)
            ]
            if not missing:
                continue
            server = flow.server
            path = (*server.path, "security_group", "ingress") if group.ingress else (
                *server.path, "security_group")
            yield Violation(
                path,
                f"security group of DNS VPC {server.vpc.name} does not admit "
                f"{' or '.join(missing)} 53 from {flow.client.label} ({flow.client.network})",
                fix="; ".join(
                    f"add ingress: {{protocol: {p}, ports: [53], sources: [{flow.client.key}]}}"
                    for p in missing
                ),
            )


RULE = DnsPorts()
