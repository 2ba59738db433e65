"""PNI-004: an ENI belongs to one PNI access point only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import pni_access_points


@dataclass(frozen=True)
class PniSharedEni:
    meta = RuleMeta(
        id="PNI-004",
        title="ENI listed in two PNI access points",
        severity=Severity.ERROR,
        description=(
            "Each ENI (or set of ENIs) can be associated with only one PNI access point; the "
            "second access point naming it is rejected by Confluent Cloud."
        ),
        fix="list every ENI id in exactly one access point",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        owner: dict[str, str] = {}
        for placed in pni_access_points(ctx.topology):
            name = placed.access_point.name
            for i, eni in enumerate(placed.access_point.network_interfaces):
                if eni in owner:
                    where = "twice in access point" if owner[eni] == name else "also in"
                    yield Violation(
                        (*placed.path, "network_interfaces", i),
                        f"ENI {eni} of access point {name} is listed {where} {owner[eni]}",
                    )
                else:
                    owner[eni] = name


RULE = PniSharedEni()
