"""PNI-008: PNI gateway zones are AZ IDs of the gateway's region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.regions import az_id_belongs, az_ids, is_known_region, looks_like_az_name


@dataclass(frozen=True)
class PniGatewayZones:
    meta = RuleMeta(
        id="PNI-008",
        title="PNI gateway zone outside its region or repeated",
        severity=Severity.ERROR,
        description=(
            "A PNI gateway spans zones of its own region: an AZ ID of another region (or one "
            "the region does not have) cannot host the region's ENIs, and a zone listed twice "
            "suggests a different zone was meant."
        ),
        fix="use AZ IDs of the gateway's region, e.g. use1-az1",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for g, gateway in enumerate(ctx.topology.confluent.connectivity.pni_gateways):
            region = ctx.view.region_of(gateway.region)
            if not is_known_region(region):
                continue  # CONF-005 reports the region
            seen: set[str] = set()
            for z, zone in enumerate(gateway.zones):
                path = ("confluent", "connectivity", "pni_gateways", g, "zones", z)
                if zone in seen:
                    yield Violation(path, f"PNI gateway {gateway.name} lists zone {zone} twice",
                                    fix="list each zone once")
                seen.add(zone)
                if az_id_belongs(zone, region) or looks_like_az_name(zone):
                    continue  # AZ names are ADDR-007's finding
                yield Violation(
                    path,
                    f"PNI gateway {gateway.name} zone {zone} is not an AZ ID of {region}",
                    fix=f"use one of {', '.join(az_ids(region))}",
                )


RULE = PniGatewayZones()
