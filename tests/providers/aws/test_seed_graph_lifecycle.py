"""The AWS half of the seed graph, created in dependency order and destroyed in reverse.

Confluent attributes the AWS side refers to (the attachment's service name and DNS domain) are
stood in by fixed values; everything else flows through the handlers as the engine would pass
it: references resolved from the attributes of what was created before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from privnet.engine.values import resolve
from privnet.providers.aws import HANDLERS
from privnet.providers.aws.ec2_lookup import live
from privnet.providers.aws.tags import STACK_TAG
from privnet.resources.compile_aws import compile_aws
from privnet.resources.model import ResourceGraph
from privnet.topology import load_spec
from tests.providers.aws.conftest import AwsOnlyContext

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "privatelink-cluster-linking.yaml"
DOMAIN = "us-east-1.aws.private.confluent.cloud"
CONFLUENT = {
    "confluent.platt.platt": {
        "id": "platt-unit", "dns_domain": DOMAIN,
        "vpc_endpoint_service_name": "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718",
    },
}


def _apply(ctx: AwsOnlyContext, graph: ResourceGraph) -> dict[str, dict[str, Any]]:
    known: dict[str, dict[str, Any]] = dict(CONFLUENT)
    for address in graph.topological_order():
        resource = graph.resources[address]
        handler = HANDLERS[resource.kind]
        properties = resolve(dict(resource.properties), known)
        attributes = handler.find(ctx, address, properties) or \
            handler.create(ctx, address, properties)
        readiness = handler.check_ready(ctx, address, attributes)
        assert readiness.ready, f"{address}: {readiness.detail}"
        known[address] = {**attributes, **(readiness.attributes or {})}
    return known


def _stack_objects(ctx: AwsOnlyContext) -> int:
    ec2 = ctx.aws("ec2")
    mine = [{"Name": f"tag:{STACK_TAG}", "Values": [ctx.stack]}]
    # Deleted endpoints stay listed for a while (state "deleted"), in AWS as in moto.
    return sum(len(live(getattr(ec2, method)(Filters=mine)[key])) for method, key in (
        ("describe_vpcs", "Vpcs"), ("describe_subnets", "Subnets"),
        ("describe_vpc_endpoints", "VpcEndpoints"),
        ("describe_security_groups", "SecurityGroups"),
        ("describe_route_tables", "RouteTables")))


def test_seed_aws_graph_applies_and_destroys_to_zero(ctx: AwsOnlyContext) -> None:
    ctx.stack = "privatelink-cluster-linking"
    graph = ResourceGraph()
    compile_aws(load_spec(EXAMPLE).topology, graph)
    known = _apply(ctx, graph)

    route53 = ctx.aws("route53")
    zone = route53.get_hosted_zone(Id=known["aws.zone.confluent"]["id"])
    assert len(zone["VPCs"]) == 5
    records = {r["Name"].replace("\\052", "*"): r["ResourceRecords"][0]["Value"]
               for r in route53.list_resource_record_sets(
                   HostedZoneId=known["aws.zone.confluent"]["id"])["ResourceRecordSets"]
               if r["Type"] == "CNAME"}
    hub = known["aws.vpc_endpoint.sandbox"]
    assert records[f"*.{DOMAIN}."].rstrip(".") == hub["dns_name"]
    for az_id in ("use1-az1", "use1-az2", "use1-az3"):
        assert records[f"*.{az_id}.{DOMAIN}."].rstrip(".") == hub["zonal_dns_names"][az_id]

    # A second pass finds everything: no object is created twice.
    before = _stack_objects(ctx)
    again = _apply(ctx, graph)
    assert _stack_objects(ctx) == before
    assert again["aws.vpc.sandbox"]["id"] == known["aws.vpc.sandbox"]["id"]

    for address in reversed(graph.topological_order()):
        handler = HANDLERS[graph.resources[address].kind]
        handler.delete(ctx, address, known[address])
        left = handler.read(ctx, address, known[address])
        assert left is None or left == known[address], address
    assert _stack_objects(ctx) == 0
    assert route53.list_hosted_zones()["HostedZones"] == []
    assert ctx.aws("route53resolver").list_resolver_rules()["ResolverRules"] == []
