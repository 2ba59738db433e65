"""Interface endpoints: AWS-shaped DNS entries, one in-subnet ENI per subnet, readiness."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

import pytest

from privnet.local.aws import AwsBehaviour, apply_patches
from privnet.local.readiness import wait_for
from tests.local.aws.conftest import REGION, Network

SERVICE = f"com.amazonaws.vpce.{REGION}.vpce-svc-0123456789abcdef0"


def create_endpoint(ec2: Any, network: Network) -> dict[str, Any]:
    endpoint: dict[str, Any] = ec2.create_vpc_endpoint(
        VpcId=network.vpc_id, ServiceName=SERVICE, VpcEndpointType="Interface",
        SubnetIds=list(network.subnets.values()), SecurityGroupIds=[network.security_group_id],
        PrivateDnsEnabled=False,
    )["VpcEndpoint"]
    return endpoint


def test_regional_then_one_zonal_dns_entry_per_az(ec2: Any, network: Network) -> None:
    endpoint = create_endpoint(ec2, network)
    names = [entry["DnsName"] for entry in endpoint["DnsEntries"]]
    vpce = re.escape(endpoint["VpcEndpointId"])
    suffix = re.escape(f".vpce-svc-0123456789abcdef0.{REGION}.vpce.amazonaws.com")
    regional = re.fullmatch(rf"{vpce}-([a-z0-9]{{8}}){suffix}", names[0])
    assert regional, names[0]
    rand = regional.group(1)
    assert names[1:] == [f"{endpoint['VpcEndpointId']}-{rand}-{az}"
                         f".vpce-svc-0123456789abcdef0.{REGION}.vpce.amazonaws.com"
                         for az in sorted(network.subnets)]
    described = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    assert [e["DnsName"] for e in described["VpcEndpoints"][0]["DnsEntries"]] == names


def test_one_eni_per_subnet_with_an_address_inside_it(ec2: Any, network: Network) -> None:
    endpoint = create_endpoint(ec2, network)
    assert len(endpoint["NetworkInterfaceIds"]) == len(network.subnets)
    enis = ec2.describe_network_interfaces(
        NetworkInterfaceIds=endpoint["NetworkInterfaceIds"])["NetworkInterfaces"]
    assert {eni["SubnetId"] for eni in enis} == set(network.subnets.values())
    for eni in enis:
        subnet_cidr = ipaddress.ip_network(network.subnet_cidrs[eni["SubnetId"]])
        assert ipaddress.ip_address(eni["PrivateIpAddress"]) in subnet_cidr
        assert [g["GroupId"] for g in eni["Groups"]] == [network.security_group_id]
        assert eni["InterfaceType"] == "vpc_endpoint"
        assert endpoint["VpcEndpointId"] in eni["Description"]


def test_two_endpoints_never_share_an_address(ec2: Any, network: Network) -> None:
    first = create_endpoint(ec2, network)
    second = create_endpoint(ec2, network)
    enis = ec2.describe_network_interfaces(
        NetworkInterfaceIds=first["NetworkInterfaceIds"] + second["NetworkInterfaceIds"]
    )["NetworkInterfaces"]
    addresses = [eni["PrivateIpAddress"] for eni in enis]
    assert len(set(addresses)) == len(addresses) == 6


def test_two_subnets_in_one_az_are_refused(ec2: Any, network: Network) -> None:
    from botocore.exceptions import ClientError

    extra = ec2.create_subnet(VpcId=network.vpc_id, CidrBlock="10.0.8.0/24",
                              AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    with pytest.raises(ClientError) as caught:
        ec2.create_vpc_endpoint(VpcId=network.vpc_id, ServiceName=SERVICE,
                                VpcEndpointType="Interface",
                                SubnetIds=[network.subnets[f"{REGION}a"], extra])
    assert caught.value.response["Error"]["Code"] == "DuplicateSubnetsInSameZone"


def test_delete_removes_the_enis(ec2: Any, network: Network) -> None:
    endpoint = create_endpoint(ec2, network)
    ec2.delete_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
    remaining = ec2.describe_network_interfaces()["NetworkInterfaces"]
    assert not set(endpoint["NetworkInterfaceIds"]) & {e["NetworkInterfaceId"] for e in remaining}


def test_gateway_endpoints_are_left_to_moto(ec2: Any, network: Network) -> None:
    endpoint = ec2.create_vpc_endpoint(VpcId=network.vpc_id,
                                       ServiceName=f"com.amazonaws.{REGION}.s3",
                                       VpcEndpointType="Gateway")["VpcEndpoint"]
    assert endpoint["VpcEndpointType"] == "Gateway"
    assert endpoint.get("NetworkInterfaceIds", []) == []


def test_endpoint_is_pending_until_its_latency_elapses(ec2: Any, network: Network) -> None:
    apply_patches(AwsBehaviour(vpc_endpoint_ready_seconds=0.2))
    endpoint = create_endpoint(ec2, network)
    assert endpoint["State"] == "pending"

    def state() -> str | None:
        found = ec2.describe_vpc_endpoints(VpcEndpointIds=[endpoint["VpcEndpointId"]])
        current: str = found["VpcEndpoints"][0]["State"]
        return current if current == "available" else None

    assert wait_for(state, timeout=5, what="endpoint available") == "available"


def test_modify_keeps_enis_dns_and_groups_in_step(ec2: Any, network: Network) -> None:
    az_a, az_b = f"{REGION}a", f"{REGION}b"
    endpoint = ec2.create_vpc_endpoint(
        VpcId=network.vpc_id, ServiceName=SERVICE, VpcEndpointType="Interface",
        SubnetIds=[network.subnets[az_a]], SecurityGroupIds=[network.security_group_id],
    )["VpcEndpoint"]
    other_group = ec2.create_security_group(GroupName="second", Description="second",
                                            VpcId=network.vpc_id)["GroupId"]
    ec2.modify_vpc_endpoint(VpcEndpointId=endpoint["VpcEndpointId"],
                            AddSubnetIds=[network.subnets[az_b]],
                            RemoveSubnetIds=[network.subnets[az_a]],
                            AddSecurityGroupIds=[other_group])
    modified = ec2.describe_vpc_endpoints(
        VpcEndpointIds=[endpoint["VpcEndpointId"]])["VpcEndpoints"][0]
    enis = ec2.describe_network_interfaces(
        NetworkInterfaceIds=modified["NetworkInterfaceIds"])["NetworkInterfaces"]
    assert [eni["SubnetId"] for eni in enis] == [network.subnets[az_b]]
    assert {g["GroupId"] for g in enis[0]["Groups"]} == {network.security_group_id, other_group}
    names = [entry["DnsName"] for entry in modified["DnsEntries"]]
    assert names[0] == endpoint["DnsEntries"][0]["DnsName"]
    assert len(names) == 2 and f"-{az_b}." in names[1]
