"""PNI-003: an environment gets at most two PNI gateways."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation

MAX_GATEWAYS = 2


@dataclass(frozen=True)
class PniGatewayLimit:
    meta = RuleMeta(
        id="PNI-003",
        title="More than two PNI gateways",
        severity=Severity.ERROR,
        description=(
            "Confluent Cloud allows two Private Network Interface gateways per environment; the "
            "third create call is refused unless Confluent Support raised the limit."
        ),
        fix="share a gateway between access points (one gateway serves every cluster of its "
        "region) or ask Confluent Support to raise the limit",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        gateways = ctx.topology.confluent.connectivity.pni_gateways
        for i, gateway in enumerate(gateways[MAX_GATEWAYS:], start=MAX_GATEWAYS):
            yield Violation(
                ("confluent", "connectivity", "pni_gateways", i, "name"),
                f"PNI gateway {gateway.name} is number {i + 1} in environment "
                f"{ctx.topology.confluent.environment.name}; at most {MAX_GATEWAYS} are allowed",
            )


RULE = PniGatewayLimit()
