"""DNS-007: DNS settings that name VPCs the stack does not have."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.source_map import DocPath


@dataclass(frozen=True)
class UnknownVpcReference:
    meta = RuleMeta(
        id="DNS-007",
        title="DNS setting names an unknown VPC",
        severity=Severity.ERROR,
        description=(
            "Zone associations and resolver rules are attached to VPCs by name; a name that "
            "matches no VPC (often a typo) leaves the intended VPC without the association "
            "and makes the collision checks blind to it."
        ),
        fix="use the name of a VPC declared under aws.vpcs or aws.hub",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        known = ctx.view.vpc_by_name
        for path, name, where in _vpc_references(ctx):
            if name not in known:
                choices = ", ".join(sorted(known)) or "none declared"
                yield Violation(path, f"{where} names VPC '{name}', which does not exist",
                                fix=f"use one of: {choices}")


def _vpc_references(ctx: RuleContext) -> Iterator[tuple[DocPath, str, str]]:
    dns = ctx.topology.aws.dns
    base: DocPath = ("aws", "dns")
    for index, name in enumerate(dns.associated_vpcs or []):
        yield (*base, "associated_vpcs", index), name, "dns.associated_vpcs"
    for z_index, zone in enumerate(dns.other_zones):
        for index, name in enumerate(zone.vpcs):
            yield (*base, "other_zones", z_index, "vpcs", index), name, f"zone {zone.name}"
    for r_index, rule in enumerate(dns.forwarding_rules):
        for index, name in enumerate(rule.vpcs):
            path = (*base, "forwarding_rules", r_index, "vpcs", index)
            yield path, name, f"forwarding rule {rule.name}"


RULE = UnknownVpcReference()
