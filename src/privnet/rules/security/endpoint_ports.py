"""SEC-001: an explicit endpoint security group must admit tcp 443 and 9092 from its clients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.facts.ports import CLIENT_PORTS
from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.flows import Purpose, reaches_server, required_flows
from privnet.rules.sg_coverage import admits

CONFLUENT_PORTS = CLIENT_PORTS


@dataclass(frozen=True)
class EndpointPorts:
    meta = RuleMeta(
        id="SEC-001",
        title="Endpoint security group blocks Kafka or HTTPS",
        severity=Severity.ERROR,
        description=(
            "Kafka clients speak to brokers on tcp 9092 and to the REST API (topics, ACLs, "
            "cluster links) on tcp 443, both through the endpoint's ENIs. An explicit security "
            "group must admit both from every client location that routes to the endpoint's "
            "VPC, the VPC itself included. Omit security_group to let privnet derive it."
        ),
        fix="add an ingress rule for tcp 443 and 9092 from the client location",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for flow in required_flows(ctx.view):
            group = flow.server.vpc.security_group
            if flow.purpose is not Purpose.CONFLUENT or group is None:
                continue
            if not reaches_server(ctx.view, flow):
                continue  # the missing route is reported by the routing rules
            missing = [
                str(port)
                for port in CONFLUENT_PORTS
                if not admits(ctx.view, group, "tcp", port, flow.client.network)
            ]
            if not missing:
                continue
            server = flow.server
            path = (*server.path, "security_group", "ingress") if group.ingress else (
                *server.path, "security_group")
            yield Violation(
                path,
                f"security group of VPC {server.vpc.name} does not admit tcp "
                f"{' and '.join(missing)} from {flow.client.label} ({flow.client.network}), "
                f"which must reach the {flow.purpose} there",
                fix=f"add ingress: {{protocol: tcp, ports: [{', '.join(missing)}], "
                f"sources: [{flow.client.key}]}}",
            )


RULE = EndpointPorts()
