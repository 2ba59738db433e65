"""CONF-005: every region is an AWS region privnet knows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import connectivities
from privnet.topology.regions import REGION_AZ_IDS, is_known_region
from privnet.topology.source_map import DocPath


@dataclass(frozen=True)
class UnknownRegion:
    meta = RuleMeta(
        id="CONF-005",
        title="Unknown AWS region",
        severity=Severity.ERROR,
        description=(
            "Regions decide AZ IDs, endpoint service names and Confluent's regional DNS "
            "domains; a misspelt or unsupported region (e.g. an AZ name such as us-east-1a) "
            "fails at the first API call."
        ),
        fix="use an AWS region id such as us-east-1",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for path, region, what in _explicit_regions(ctx):
            if not is_known_region(region):
                yield Violation(
                    path,
                    f"{what} names region {region!r}, which is not a known AWS region",
                    fix=f"use one of {', '.join(sorted(REGION_AZ_IDS))}",
                )


def _explicit_regions(ctx: RuleContext) -> Iterator[tuple[DocPath, str, str]]:
    topology = ctx.topology
    yield ("region",), topology.region, "the topology"
    for placed in ctx.view.vpcs:
        if placed.vpc.region is not None:
            yield (*placed.path, "region"), placed.vpc.region, f"VPC {placed.vpc.name}"
    confluent = topology.confluent
    for option in connectivities(topology):
        if option.region != topology.region:  # an explicit region of its own
            yield (*option.path, "region"), option.region, f"connectivity {option.name}"
    for i, cluster in enumerate(confluent.clusters):
        if cluster.region is not None:
            yield ("confluent", "clusters", i, "region"), cluster.region, f"cluster {cluster.name}"
    for i, pool in enumerate(confluent.flink.compute_pools):
        if pool.region is not None:
            yield (
                ("confluent", "flink", "compute_pools", i, "region"),
                pool.region,
                f"compute pool {pool.name}",
            )


RULE = UnknownRegion()
