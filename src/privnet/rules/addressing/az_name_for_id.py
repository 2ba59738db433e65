"""ADDR-007: an AZ *name* (us-east-1a) where an AZ ID (use1-az1) is expected."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.regions import looks_like_az_name


@dataclass(frozen=True)
class AzNameForId:
    meta = RuleMeta(
        id="ADDR-007",
        title="AZ name used instead of an AZ ID",
        severity=Severity.ERROR,
        description=(
            "AZ names are shuffled per AWS account: us-east-1a in one account is a different "
            "physical zone in Confluent's. Subnets and PNI gateway zones are matched with "
            "Confluent's brokers by AZ ID, so a name silently lands in the wrong zone."
        ),
        fix="write the AZ ID (e.g. use1-az1); `aws ec2 describe-availability-zones` maps names",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for placed in ctx.view.vpcs:
            for index, subnet in enumerate(placed.vpc.subnets):
                if looks_like_az_name(subnet.az_id):
                    yield Violation(
                        (*placed.path, "subnets", index, "az_id"),
                        f"subnet {subnet.cidr} of VPC {placed.vpc.name} gives the AZ name "
                        f"'{subnet.az_id}' where an AZ ID is expected",
                    )
        gateways = ctx.topology.confluent.connectivity.pni_gateways
        for g_index, gateway in enumerate(gateways):
            for z_index, zone in enumerate(gateway.zones):
                if looks_like_az_name(zone):
                    yield Violation(
                        ("confluent", "connectivity", "pni_gateways", g_index, "zones", z_index),
                        f"PNI gateway {gateway.name} lists the AZ name '{zone}' where an AZ ID "
                        "is expected",
                    )


RULE = AzNameForId()
