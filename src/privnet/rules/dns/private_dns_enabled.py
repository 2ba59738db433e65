"""DNS-005: interface endpoints to Confluent must not enable private DNS."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation


@dataclass(frozen=True)
class PrivateDnsEnabled:
    meta = RuleMeta(
        id="DNS-005",
        title="Endpoint with private DNS enabled",
        severity=Severity.ERROR,
        description=(
            "Confluent endpoint services publish no private DNS name, so AWS refuses "
            "private_dns_enabled on them; privnet answers the cluster names from its own "
            "private hosted zone instead."
        ),
        fix="set endpoint.private_dns_enabled: false (the default)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            endpoint = placed.vpc.endpoint
            if endpoint is not None and endpoint.private_dns_enabled:
                yield Violation(
                    (*placed.path, "endpoint", "private_dns_enabled"),
                    f"the endpoint of VPC {placed.vpc.name} to {endpoint.connectivity} enables "
                    "private DNS, which Confluent endpoint services do not support",
                )


RULE = PrivateDnsEnabled()
