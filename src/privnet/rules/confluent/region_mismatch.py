"""CONF-004: clusters, their connectivity and the VPCs reaching it share one region."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from privnet.rules.base import RuleContext, RuleMeta, Severity, Violation
from privnet.topology.connectivity import (
    cluster_connectivity,
    cluster_region,
    connectivity_by_name,
    pni_access_points,
)
from privnet.topology.source_map import DocPath


@dataclass(frozen=True)
class RegionMismatch:
    meta = RuleMeta(
        id="CONF-004",
        title="Region mismatch between cluster, connectivity and VPC",
        severity=Severity.ERROR,
        description=(
            "PrivateLink attachments, ingress gateways and PNI gateways are regional: they "
            "serve clusters of their region, and a VPC endpoint or ENI can only attach to a "
            "service in the VPC's own region. Effective regions are the explicit `region` or "
            "the topology's."
        ),
        fix="put the cluster, its connectivity and the VPCs reaching it in the same region",
    )

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        topology = ctx.topology
        options = connectivity_by_name(topology)
        for i, cluster in ctx.view.private_clusters():
            name = cluster_connectivity(topology, cluster)
            target = options.get(name) if name else None
            region = cluster_region(topology, cluster)
            if target is not None and target.region != region:
                yield Violation(
                    _region_path(("confluent", "clusters", i), cluster.region is not None),
                    f"cluster {cluster.name} is in {region} but its connectivity {target.name} "
                    f"is in {target.region}",
                )
        for placed in ctx.view.vpcs:
            endpoint = placed.vpc.endpoint
            target = options.get(endpoint.connectivity) if endpoint else None
            region = ctx.view.region_of(placed.vpc.region)
            if target is not None and target.region != region:
                yield Violation(
                    _region_path(placed.path, placed.vpc.region is not None),
                    f"VPC {placed.vpc.name} is in {region} but its endpoint targets "
                    f"{target.name} in {target.region}",
                )
        for access in pni_access_points(topology):
            vpc = ctx.view.vpc_by_name.get(access.access_point.vpc)
            if vpc is None:
                continue
            region = ctx.view.region_of(vpc.vpc.region)
            gateway_region = ctx.view.region_of(access.gateway.region)
            if region != gateway_region:
                yield Violation(
                    (*access.path, "vpc"),
                    f"PNI access point {access.access_point.name} puts ENIs in VPC {vpc.vpc.name} "
                    f"({region}) for gateway {access.gateway.name} in {gateway_region}",
                )


def _region_path(base: DocPath, explicit: bool) -> DocPath:
    """Point at the explicit ``region`` if there is one, else at the object itself."""
    return (*base, "region") if explicit else base


RULE = RegionMismatch()
