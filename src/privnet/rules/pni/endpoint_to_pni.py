"""PNI-006: PNI has no endpoint service and no private DNS: a VPC endpoint cannot target it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import PNI, connectivity_by_name


@dataclass(frozen=True)
class EndpointToPni:
    meta = RuleMeta(
        id="PNI-006",
        title="VPC endpoint or private DNS configured for PNI",
        severity=Severity.ERROR,
        description=(
            "A PNI gateway offers no VPC endpoint service: clients reach the ENIs in their own "
            "VPC and resolve the cluster names in public DNS. An interface endpoint (and the "
            "private hosted zone privnet would build for it) pointed at a PNI gateway cannot be "
            "created, and a private zone would hide the public records."
        ),
        fix="remove the VPC's endpoint; PNI clients use public DNS and the access point's ENIs",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        options = connectivity_by_name(ctx.topology)
        for placed in ctx.view.vpcs:
            endpoint = placed.vpc.endpoint
            if endpoint is None:
                continue
            target = options.get(endpoint.connectivity)
            if target is not None and target.kind == PNI:
                yield Violation(
                    (*placed.path, "endpoint", "connectivity"),
                    f"VPC {placed.vpc.name} has an endpoint to {target.name}, a PNI gateway; "
                    "PNI uses ENIs and public DNS, not an endpoint and a private zone",
                )


RULE = EndpointToPni()
