"""Objects made with required parameters only (no names, tags or optional fields) can be listed
and described by every call privnet makes, in process and through the server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.local.aws.server_process import CREDENTIALS, aws_server
from tests.reach.bare_network import DOMAIN, REGION, BareNetwork, build_bare

Clients = dict[str, Any]

EC2_CALLS = (
    ("describe_vpcs", "Vpcs"), ("describe_subnets", "Subnets"),
    ("describe_route_tables", "RouteTables"), ("describe_security_groups", "SecurityGroups"),
    ("describe_network_acls", "NetworkAcls"), ("describe_transit_gateways", "TransitGateways"),
    ("describe_transit_gateway_vpc_attachments", "TransitGatewayVpcAttachments"),
    ("describe_transit_gateway_route_tables", "TransitGatewayRouteTables"),
    ("describe_vpc_endpoints", "VpcEndpoints"),
    ("describe_network_interfaces", "NetworkInterfaces"),
)


def _every_page(client: Any, operation: str, key: str, **kwargs: Any) -> list[Any]:
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        items.extend(page.get(key, []))
    return items


@pytest.fixture
def in_process(patched: None, session: Any) -> Iterator[tuple[Clients, BareNetwork]]:
    clients = {n: session.client(n) for n in ("ec2", "route53", "route53resolver")}
    yield clients, build_bare(clients["ec2"], clients["route53"], clients["route53resolver"])


@pytest.fixture(scope="module")
def over_http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Clients, BareNetwork]]:
    import boto3

    with aws_server(Path(tmp_path_factory.mktemp("aws"))) as url:
        clients = {n: boto3.client(n, region_name=REGION, endpoint_url=url,
                                   aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                   aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
                   for n in ("ec2", "route53", "route53resolver")}
        yield clients, build_bare(clients["ec2"], clients["route53"], clients["route53resolver"])


def _check_every_call(clients: Clients, net: BareNetwork) -> None:
    ec2, route53, resolver = clients["ec2"], clients["route53"], clients["route53resolver"]
    for operation, key in EC2_CALLS:
        assert _every_page(ec2, operation, key), operation
    for table in _every_page(ec2, "describe_transit_gateway_route_tables",
                             "TransitGatewayRouteTables"):
        table_id = table["TransitGatewayRouteTableId"]
        assert len(_every_page(ec2, "get_transit_gateway_route_table_associations",
                               "Associations", TransitGatewayRouteTableId=table_id)) == 3
        assert len(_every_page(ec2, "get_transit_gateway_route_table_propagations",
                               "TransitGatewayRouteTablePropagations",
                               TransitGatewayRouteTableId=table_id)) == 3
        routes = ec2.search_transit_gateway_routes(
            TransitGatewayRouteTableId=table_id,
            Filters=[{"Name": "state", "Values": ["active", "blackhole"]}])["Routes"]
        assert len(routes) == 3

    zones = _every_page(route53, "list_hosted_zones", "HostedZones")
    (zone,) = [z for z in zones if z["Name"] == DOMAIN + "."]
    assert zone["Config"]["PrivateZone"] is True
    vpcs = route53.get_hosted_zone(Id=net.zone)["VPCs"]
    assert {v["VPCId"] for v in vpcs} == {net.vpc["hub"], net.vpc["direct"]}
    assert _every_page(route53, "list_resource_record_sets", "ResourceRecordSets",
                       HostedZoneId=net.zone)
    assert route53.list_hosted_zones_by_name(DNSName=DOMAIN)["HostedZones"]

    endpoints = _every_page(resolver, "list_resolver_endpoints", "ResolverEndpoints")
    assert {e["Direction"] for e in endpoints} == {"INBOUND", "OUTBOUND"}
    for endpoint in endpoints:
        assert len(_every_page(resolver, "list_resolver_endpoint_ip_addresses", "IpAddresses",
                               ResolverEndpointId=endpoint["Id"])) == 2
    rules = [r for r in _every_page(resolver, "list_resolver_rules", "ResolverRules")
             if r["DomainName"].rstrip(".") == DOMAIN]
    assert {r["RuleType"] for r in rules} == {"FORWARD", "SYSTEM"}
    forward = next(r for r in rules if r["RuleType"] == "FORWARD")
    assert {(t["Ip"], t["Port"]) for t in forward["TargetIps"]} == {
        (ip, 53) for ip in net.inbound_ips}
    associations = _every_page(resolver, "list_resolver_rule_associations",
                               "ResolverRuleAssociations")
    assert {(a["ResolverRuleId"], a["VPCId"]) for a in associations} >= {
        (forward["Id"], net.vpc["client"])}
    assert not any(a.get("Name") for a in associations if a["VPCId"] in net.vpc.values())
    by_rule = _every_page(resolver, "list_resolver_rule_associations",
                          "ResolverRuleAssociations",
                          Filters=[{"Name": "ResolverRuleId", "Values": [forward["Id"]]},
                                   {"Name": "VPCId", "Values": [net.vpc["client"]]}])
    assert [a["VPCId"] for a in by_rule] == [net.vpc["client"]]
    one = resolver.get_resolver_rule_association(ResolverRuleAssociationId=by_rule[0]["Id"])
    assert one["ResolverRuleAssociation"]["ResolverRuleId"] == forward["Id"]


def test_every_call_works_on_objects_without_optional_fields(
        in_process: tuple[Clients, BareNetwork]) -> None:
    _check_every_call(*in_process)


def test_every_call_works_through_the_server_process(
        over_http: tuple[Clients, BareNetwork]) -> None:
    _check_every_call(*over_http)


def test_unnamed_and_named_resolver_objects_list_together_page_by_page(
        in_process: tuple[Clients, BareNetwork]) -> None:
    clients, net = in_process
    resolver = clients["route53resolver"]
    named = resolver.create_resolver_rule(CreatorRequestId="named", Name="a-name",
                                          RuleType="SYSTEM", DomainName="named.example")
    resolver.associate_resolver_rule(ResolverRuleId=named["ResolverRule"]["Id"],
                                     VPCId=net.vpc["hub"], Name="a-name")
    for operation, key in (("list_resolver_rules", "ResolverRules"),
                           ("list_resolver_rule_associations", "ResolverRuleAssociations"),
                           ("list_resolver_endpoints", "ResolverEndpoints")):
        whole = _every_page(resolver, operation, key)
        paged = _every_page(resolver, operation, key, PaginationConfig={"PageSize": 1})
        assert [i["Id"] for i in paged] == [i["Id"] for i in whole], operation
        assert len({i["Id"] for i in whole}) == len(whole) >= 2, operation


def test_a_zone_created_with_a_vpc_is_private_and_a_zone_without_one_public(
        in_process: tuple[Clients, BareNetwork]) -> None:
    clients, net = in_process
    route53 = clients["route53"]
    public = route53.create_hosted_zone(Name="public.example", CallerReference="public")
    assert public["HostedZone"]["Config"]["PrivateZone"] is False
    private = route53.create_hosted_zone(Name="corp.example", CallerReference="private",
                                         VPC={"VPCRegion": REGION, "VPCId": net.vpc["client"]})
    assert private["HostedZone"]["Config"]["PrivateZone"] is True
    assert private["VPC"]["VPCId"] == net.vpc["client"]
    explicit = route53.create_hosted_zone(
        Name="other.example", CallerReference="explicit", HostedZoneConfig={
            "PrivateZone": True}, VPC={"VPCRegion": REGION, "VPCId": net.vpc["client"]})
    assert explicit["HostedZone"]["Config"]["PrivateZone"] is True
