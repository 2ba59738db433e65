"""CONF-011: a VPC endpoint targets a declared PrivateLink attachment or ingress gateway."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import connectivity_by_name


@dataclass(frozen=True)
class EndpointConnectivity:
    meta = RuleMeta(
        id="CONF-011",
        title="VPC endpoint to undeclared connectivity",
        severity=Severity.ERROR,
        description=(
            "An interface VPC endpoint connects to the endpoint service of a PrivateLink "
            "attachment or ingress gateway; privnet reads the service name from the declared "
            "option, so an undeclared name leaves the endpoint without a service."
        ),
        fix="name a PrivateLink attachment or ingress gateway under confluent.connectivity",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        options = connectivity_by_name(ctx.topology)
        for placed in ctx.view.vpcs:
            endpoint = placed.vpc.endpoint
            if endpoint is not None and endpoint.connectivity not in options:
                yield Violation(
                    (*placed.path, "endpoint", "connectivity"),
                    f"the endpoint of VPC {placed.vpc.name} targets {endpoint.connectivity}, "
                    f"which is not declared (declared: {', '.join(options) or 'none'})",
                )


RULE = EndpointConnectivity()
