"""DNS-004: zonal endpoint records must be keyed by AZ ID, not AZ name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.aws import ZonalRecordKey


@dataclass(frozen=True)
class ZonalRecordsByName:
    meta = RuleMeta(
        id="DNS-004",
        title="Zonal records keyed by AZ name",
        severity=Severity.ERROR,
        description=(
            "Confluent brokers advertise zonal names built from the AZ ID "
            "(*.use1-az1.<domain>). Records keyed by AZ name (us-east-1a) never match them, "
            "and since AZ names differ per account they would name the wrong zone anyway."
        ),
        fix="set dns.zonal_records_by: az_id (the default)",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        if ctx.topology.aws.dns.zonal_records_by is ZonalRecordKey.AZ_NAME:
            yield Violation(
                ("aws", "dns", "zonal_records_by"),
                "zonal records keyed by AZ name will not match the AZ-ID names Confluent "
                "brokers advertise",
            )


RULE = ZonalRecordsByName()
