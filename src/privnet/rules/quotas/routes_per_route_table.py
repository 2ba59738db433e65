"""QUOTA-003: non-propagated routes per route table (AWS default 50).

Source: Amazon VPC quotas, "Route tables" (https://docs.aws.amazon.com/vpc/latest/userguide/
amazon-vpc-limits.html): 50 non-propagated routes per route table, adjustable up to 1,000.
Counted from the compiled ``aws.route`` resources of each privnet route table (the local route
AWS adds is not counted), so merged destinations count once.
"""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterator

from privnet.resources.kinds.aws_network import ROUTE
from privnet.resources.model import ResourceGraph
from privnet.rules.base import RuleContext, RuleMeta, Severity
from privnet.rules.quotas.quota import Count, QuotaRule, of_kind, ref_address, vpc_name, vpc_path

SOURCE = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html"


def _count(ctx: RuleContext, graph: ResourceGraph) -> Iterator[Count]:
    per_table: Tally[str] = Tally()
    for route in of_kind(graph, ROUTE.name):
        table = ref_address(route.properties.get("route_table_id"))
        if table is not None:
            per_table[table] += 1
    for table, routes in sorted(per_table.items()):
        resource = graph.resources.get(table)
        name = vpc_name(graph, resource) if resource is not None else None
        path = vpc_path(ctx, name)
        if name in ctx.view.vpc_by_name and ctx.view.vpc_by_name[name].vpc.routes is not None:
            path = (*path, "routes")
        yield Count(path, f"route table {table}", routes)


RULE = QuotaRule(
    meta=RuleMeta(
        id="QUOTA-003",
        title="Too many routes in a route table",
        severity=Severity.ERROR,
        also=(Severity.WARNING,),
        description=(
            "AWS allows 50 non-propagated routes per route table by default (Amazon VPC "
            f"quotas, {SOURCE}). privnet writes one route per destination into the route "
            "table of every VPC it routes (every other location, when routes are omitted), so "
            "a hub-and-spoke design with many VPCs outgrows it. A warning above 80% of the "
            "limit, an error above it."),
        fix="list explicit routes (only the locations the VPC uses), give locations "
            "contiguous ranges that merge, or have AWS raise the quota and declare it under "
            "aws.quotas.routes_per_route_table",
    ),
    cloud="aws",
    quota="routes_per_route_table",
    unit="routes",
    design_fix="give the locations contiguous CIDRs that merge into fewer routes, or declare "
               "the VPC's routes to the supernets that cover them (such as 10.0.0.0/8), or "
               "list only the destinations the VPC uses",
    count=_count,
)
