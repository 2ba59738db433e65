"""SEC-003: security group sources and destinations must name something the stack knows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.rules.references import is_known_name, looks_like_cidr
from privnet.topology.source_map import DocPath


@dataclass(frozen=True)
class UnknownSource:
    meta = RuleMeta(
        id="SEC-003",
        title="Security group names an unknown location",
        severity=Severity.ERROR,
        description=(
            "privnet expands a named source into that location's CIDR. A name that is no VPC "
            "(or 'vpn' without a VPN VPC) expands to nothing, so the clients it was meant to "
            "admit are blocked."
        ),
        fix="name a VPC of the stack, 'vpn' (the VPN client range) or write a CIDR",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        names = sorted(ctx.view.vpc_by_name)
        if ctx.view.vpn is not None:
            names.append("vpn")
        hint = f"use a CIDR or one of: {', '.join(names) or 'no locations declared'}"
        for placed in ctx.view.vpcs:
            group = placed.vpc.security_group
            if group is None:
                continue
            base: DocPath = (*placed.path, "security_group")
            refs: list[tuple[DocPath, str]] = []
            for r_index, ingress in enumerate(group.ingress):
                refs += [((*base, "ingress", r_index, "sources", i), s)
                         for i, s in enumerate(ingress.sources)]
            for r_index, egress in enumerate(group.egress):
                refs += [((*base, "egress", r_index, "destinations", i), d)
                         for i, d in enumerate(egress.destinations)]
            for path, text in refs:
                if looks_like_cidr(text) or is_known_name(ctx.view, text):
                    continue
                yield Violation(
                    path,
                    f"security group of VPC {placed.vpc.name} refers to '{text}': no VPC or "
                    "location has that name",
                    fix=hint,
                )


RULE = UnknownSource()
