"""The live snapshot derives what AWS always provides when an answer lacks it (emulator gaps)."""

from __future__ import annotations

import ipaddress
from typing import Any

from privnet.reach.aws_snapshot import snapshot_from_aws

VPC = "vpc-1"
TABLE = "tgw-rtb-default"


class CannedClient:
    """Answers describe calls from a dict, one page each, like an unpaginated API."""

    def __init__(self, answers: dict[str, dict[str, Any]]) -> None:
        self.answers = answers

    def can_paginate(self, _operation: str) -> bool:
        return False

    def __getattr__(self, operation: str) -> Any:
        return lambda **_kwargs: self.answers.get(operation, {})


def _ec2() -> CannedClient:
    return CannedClient({
        "describe_vpcs": {"Vpcs": [{"VpcId": VPC, "CidrBlock": "10.0.0.0/20"}]},
        "describe_subnets": {"Subnets": [
            {"SubnetId": "subnet-a", "VpcId": VPC, "CidrBlock": "10.0.0.0/24",
             "AvailabilityZone": "us-east-1b", "AvailabilityZoneId": "use1-az1"},
            {"SubnetId": "subnet-b", "VpcId": VPC, "CidrBlock": "10.0.1.0/24",
             "AvailabilityZone": "us-east-1c", "AvailabilityZoneId": "use1-az2"}]},
        "describe_transit_gateways": {"TransitGateways": [{
            "TransitGatewayId": "tgw-1", "State": "available",
            "Options": {"DefaultRouteTableAssociation": "disable",
                        "AssociationDefaultRouteTableId": TABLE}}]},
        "describe_transit_gateway_vpc_attachments": {"TransitGatewayVpcAttachments": [{
            "TransitGatewayAttachmentId": "tgw-attach-1", "TransitGatewayId": "tgw-1",
            "VpcId": VPC, "SubnetIds": ["subnet-a"], "State": "available"}]},
        "describe_transit_gateway_route_tables": {"TransitGatewayRouteTables": [{
            "TransitGatewayRouteTableId": TABLE, "TransitGatewayId": "tgw-1"}]},
        "get_transit_gateway_route_table_associations": {"Associations": [{
            "TransitGatewayAttachmentId": "tgw-attach-1", "State": "associated"}]},
        "get_transit_gateway_route_table_propagations": {
            "TransitGatewayRouteTablePropagations": [{
                "TransitGatewayAttachmentId": "tgw-attach-1", "State": "enabled"}]},
        "search_transit_gateway_routes": {"Routes": []},
        "describe_vpc_endpoints": {"VpcEndpoints": [{
            "VpcEndpointId": "vpce-1", "VpcId": VPC, "ServiceName": "svc",
            "State": "available", "NetworkInterfaceIds": ["eni-a", "eni-b"],
            "Groups": [{"GroupId": "sg-1"}],
            "DnsEntries": [{"DnsName": "vpce-1-abc.vpce-svc-1.us-east-1.vpce.amazonaws.com"}]}]},
        "describe_network_interfaces": {"NetworkInterfaces": [
            {"NetworkInterfaceId": "eni-a", "SubnetId": "subnet-a",
             "PrivateIpAddress": "10.30.1.1"},
            {"NetworkInterfaceId": "eni-b", "SubnetId": "subnet-b",
             "PrivateIpAddress": "10.0.1.20"}]},
    })


def test_gaps_are_derived_and_noted() -> None:
    snapshot = snapshot_from_aws(_ec2(), CannedClient({}), CannedClient({}))
    table = snapshot.tgw_route_tables[0]
    assert table.associations == (), "default association is disabled on the gateway"
    assert [(r.destination, r.attachment_ids) for r in table.routes] == [
        ("10.0.0.0/20", ("tgw-attach-1",))]
    endpoint = snapshot.endpoints[0]
    zonal = {e.az_name: e.name for e in endpoint.dns_entries if e.az_name}
    assert zonal == {
        "us-east-1b": "vpce-1-abc-us-east-1b.vpce-svc-1.us-east-1.vpce.amazonaws.com",
        "us-east-1c": "vpce-1-abc-us-east-1c.vpce-svc-1.us-east-1.vpce.amazonaws.com"}
    eni_a = next(e for e in endpoint.enis if e.id == "eni-a")
    assert ipaddress.ip_address(eni_a.ip) in ipaddress.ip_network("10.0.0.0/24")
    assert next(e for e in endpoint.enis if e.id == "eni-b").ip == "10.0.1.20"
    assert len(snapshot.notes) == 4
    assert any("eni-a" in n for n in snapshot.notes)


def test_wildcard_names_are_decoded() -> None:
    route53 = CannedClient({
        "list_hosted_zones": {"HostedZones": [
            {"Id": "/hostedzone/Z1", "Name": "example.internal.", "Config": {"PrivateZone": True}},
            {"Id": "/hostedzone/Z2", "Name": "public.example.", "Config": {}}]},
        "get_hosted_zone": {"VPCs": [{"VPCId": VPC}]},
        "list_resource_record_sets": {"ResourceRecordSets": [
            {"Name": "\\052.example.internal.", "Type": "CNAME",
             "ResourceRecords": [{"Value": "target.example."}]}]},
    })
    snapshot = snapshot_from_aws(CannedClient({}), route53, CannedClient({}))
    assert [z.id for z in snapshot.hosted_zones] == ["Z1"]
    record = snapshot.hosted_zones[0].records[0]
    assert (record.name, record.type, record.values) == (
        "*.example.internal", "CNAME", ("target.example.",))
