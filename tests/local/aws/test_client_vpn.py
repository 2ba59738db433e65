"""AWS Client VPN on the local AWS: as strict as AWS about what an endpoint needs."""

from __future__ import annotations

import ipaddress
from typing import Any

import pytest
from botocore.exceptions import ClientError

from privnet.local.aws.client_vpn import ENI_DESCRIPTION
from tests.local.aws.conftest import REGION, Network

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/server"
CLIENT_CERT = "arn:aws:acm:us-east-1:123456789012:certificate/client-root"
AUTH = [{"Type": "certificate-authentication",
         "MutualAuthentication": {"ClientRootCertificateChainArn": CLIENT_CERT}}]
NO_LOGS = {"Enabled": False}


def endpoint(ec2: Any, **extra: Any) -> str:
    created = ec2.create_client_vpn_endpoint(
        ClientCidrBlock="10.100.0.0/22", ServerCertificateArn=CERT,
        AuthenticationOptions=AUTH, ConnectionLogOptions=NO_LOGS, **extra)
    assert created["Status"]["Code"] == "pending-associate"
    return str(created["ClientVpnEndpointId"])


def code_of(caught: pytest.ExceptionInfo[ClientError]) -> str:
    return str(caught.value.response["Error"]["Code"])


def test_association_creates_the_nat_interface_and_the_vpc_route(
        ec2: Any, network: Network) -> None:
    vpn = endpoint(ec2)
    subnet = network.subnets[f"{REGION}a"]
    answer = ec2.associate_client_vpn_target_network(ClientVpnEndpointId=vpn, SubnetId=subnet)
    assert answer["Status"]["Code"] == "associating"

    targets = ec2.describe_client_vpn_target_networks(ClientVpnEndpointId=vpn)
    (target,) = targets["ClientVpnTargetNetworks"]
    assert (target["TargetNetworkId"], target["VpcId"], target["Status"]["Code"]) == (
        subnet, network.vpc_id, "associated")
    described = ec2.describe_client_vpn_endpoints(ClientVpnEndpointIds=[vpn])
    (shown,) = described["ClientVpnEndpoints"]
    assert shown["Status"]["Code"] == "available"
    assert shown["VpcId"] == network.vpc_id
    assert len(shown["SecurityGroupIds"]) == 1  # the VPC's default group, as AWS applies it
    (route,) = ec2.describe_client_vpn_routes(ClientVpnEndpointId=vpn)["Routes"]
    assert (route["DestinationCidr"], route["TargetSubnet"], route["Origin"]) == (
        network.cidr, subnet, "associate")

    enis = ec2.describe_network_interfaces(Filters=[
        {"Name": "subnet-id", "Values": [subnet]},
        {"Name": "description", "Values": [ENI_DESCRIPTION]}])["NetworkInterfaces"]
    (eni,) = enis
    assert ipaddress.ip_address(eni["PrivateIpAddress"]) in ipaddress.ip_network(
        network.subnet_cidrs[subnet])

    ec2.disassociate_client_vpn_target_network(ClientVpnEndpointId=vpn,
                                               AssociationId=answer["AssociationId"])
    assert ec2.describe_client_vpn_routes(ClientVpnEndpointId=vpn)["Routes"] == []
    with pytest.raises(ClientError) as caught:
        ec2.describe_network_interfaces(NetworkInterfaceIds=[eni["NetworkInterfaceId"]])
    assert code_of(caught) == "InvalidNetworkInterfaceID.NotFound"
    ec2.delete_client_vpn_endpoint(ClientVpnEndpointId=vpn)
    assert ec2.describe_client_vpn_endpoints()["ClientVpnEndpoints"] == []


def test_routes_and_authorization_rules(ec2: Any, network: Network) -> None:
    vpn = endpoint(ec2, VpcId=network.vpc_id, SecurityGroupIds=[network.security_group_id],
                   DnsServers=["10.0.0.2"])
    subnet = network.subnets[f"{REGION}b"]
    with pytest.raises(ClientError) as caught:
        ec2.create_client_vpn_route(ClientVpnEndpointId=vpn, DestinationCidrBlock="10.1.0.0/16",
                                    TargetVpcSubnetId=subnet)
    assert code_of(caught) == "InvalidClientVpnActiveAssociationNotFound"
    ec2.associate_client_vpn_target_network(ClientVpnEndpointId=vpn, SubnetId=subnet)
    ec2.create_client_vpn_route(ClientVpnEndpointId=vpn, DestinationCidrBlock="10.1.0.0/16",
                                TargetVpcSubnetId=subnet)
    with pytest.raises(ClientError) as caught:
        ec2.create_client_vpn_route(ClientVpnEndpointId=vpn, DestinationCidrBlock="10.1.0.0/16",
                                    TargetVpcSubnetId=subnet)
    assert code_of(caught) == "InvalidClientVpnDuplicateRoute"
    added = ec2.describe_client_vpn_routes(
        ClientVpnEndpointId=vpn, Filters=[{"Name": "origin", "Values": ["add-route"]}])
    assert [r["DestinationCidr"] for r in added["Routes"]] == ["10.1.0.0/16"]
    with pytest.raises(ClientError) as caught:
        ec2.delete_client_vpn_route(ClientVpnEndpointId=vpn, DestinationCidrBlock=network.cidr)
    assert code_of(caught) == "InvalidParameterValue"  # the association's own route

    ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=vpn, TargetNetworkCidr="10.1.0.0/16",
                                     AuthorizeAllGroups=True)
    ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=vpn, TargetNetworkCidr="10.2.0.0/16",
                                     AccessGroupId="engineers")
    rules = ec2.describe_client_vpn_authorization_rules(ClientVpnEndpointId=vpn)
    assert sorted((r["DestinationCidr"], r["AccessAll"], r.get("GroupId", ""))
                  for r in rules["AuthorizationRules"]) == [
        ("10.1.0.0/16", True, ""), ("10.2.0.0/16", False, "engineers")]
    with pytest.raises(ClientError) as caught:
        ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=vpn,
                                         TargetNetworkCidr="10.3.0.0/16")
    assert code_of(caught) == "InvalidParameterCombination"
    ec2.revoke_client_vpn_ingress(ClientVpnEndpointId=vpn, TargetNetworkCidr="10.1.0.0/16",
                                  RevokeAllGroups=True)
    with pytest.raises(ClientError) as caught:
        ec2.revoke_client_vpn_ingress(ClientVpnEndpointId=vpn, TargetNetworkCidr="10.1.0.0/16",
                                      RevokeAllGroups=True)
    assert code_of(caught) == "InvalidClientVpnEndpointAuthorizationRuleNotFound"
    ec2.delete_client_vpn_route(ClientVpnEndpointId=vpn, DestinationCidrBlock="10.1.0.0/16",
                                TargetVpcSubnetId=subnet)
    shown = ec2.describe_client_vpn_endpoints()["ClientVpnEndpoints"][0]
    assert shown["DnsServers"] == ["10.0.0.2"]
    assert shown["SecurityGroupIds"] == [network.security_group_id]


@pytest.mark.parametrize(("change", "code"), [
    ({"ClientCidrBlock": "10.100.0.0/24"}, "InvalidParameterValue"),  # smaller than /22
    ({"ClientCidrBlock": "10.0.0.0/8"}, "InvalidParameterValue"),  # larger than /12
    ({"ClientCidrBlock": "not-a-cidr"}, "InvalidParameterValue"),
    ({"ServerCertificateArn": "server.pem"}, "InvalidParameterValue"),
    ({"AuthenticationOptions": [{"Type": "certificate-authentication"}]}, "MissingParameter"),
    ({"ConnectionLogOptions": {"Enabled": True}}, "MissingParameter"),
    ({"SecurityGroupIds": ["sg-0123456789abcdef0"]}, "MissingParameter"),  # no VpcId
    ({"VpcId": "vpc-0123456789abcdef0"}, "InvalidVpcID.NotFound"),
    ({"DnsServers": ["10.0.0.2", "10.0.0.3", "10.0.0.4"]}, "InvalidParameterValue"),
])
def test_create_is_as_strict_as_aws(ec2: Any, change: dict[str, Any], code: str) -> None:
    request: dict[str, Any] = {"ClientCidrBlock": "10.100.0.0/22", "ServerCertificateArn": CERT,
                               "AuthenticationOptions": AUTH, "ConnectionLogOptions": NO_LOGS}
    request.update(change)
    with pytest.raises(ClientError) as caught:
        ec2.create_client_vpn_endpoint(**request)
    assert code_of(caught) == code
    assert ec2.describe_client_vpn_endpoints()["ClientVpnEndpoints"] == []


def test_required_parameters_are_required_on_the_wire(patched: None, session: Any) -> None:
    """A request the SDK does not check (validation off) without ConnectionLogOptions is
    refused by the server, as by AWS."""
    from botocore.config import Config

    raw = session.client("ec2", config=Config(parameter_validation=False,
                                              retries={"max_attempts": 1}))
    with pytest.raises(ClientError) as caught:
        raw.create_client_vpn_endpoint(ClientCidrBlock="10.100.0.0/22",
                                       ServerCertificateArn=CERT, AuthenticationOptions=AUTH)
    assert code_of(caught) == "MissingParameter"
    assert raw.describe_client_vpn_endpoints()["ClientVpnEndpoints"] == []


def test_one_subnet_per_az_and_no_overlap(ec2: Any, network: Network) -> None:
    vpn = endpoint(ec2)
    ec2.associate_client_vpn_target_network(ClientVpnEndpointId=vpn,
                                            SubnetId=network.subnets[f"{REGION}a"])
    second = ec2.create_subnet(VpcId=network.vpc_id, CidrBlock="10.0.8.0/24",
                               AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    with pytest.raises(ClientError) as caught:
        ec2.associate_client_vpn_target_network(ClientVpnEndpointId=vpn, SubnetId=second)
    assert code_of(caught) == "InvalidClientVpnSubnetId.DuplicateAz"
    with pytest.raises(ClientError) as caught:
        ec2.delete_client_vpn_endpoint(ClientVpnEndpointId=vpn)
    assert code_of(caught) == "IncorrectState"

    overlapping = ec2.create_client_vpn_endpoint(
        ClientCidrBlock="10.0.0.0/16", ServerCertificateArn=CERT,
        AuthenticationOptions=AUTH, ConnectionLogOptions=NO_LOGS)["ClientVpnEndpointId"]
    with pytest.raises(ClientError) as caught:
        ec2.associate_client_vpn_target_network(ClientVpnEndpointId=overlapping,
                                                SubnetId=network.subnets[f"{REGION}b"])
    assert code_of(caught) == "InvalidClientVpnSubnetId.OverlappingCidr"


def test_unknown_endpoint(ec2: Any) -> None:
    with pytest.raises(ClientError) as caught:
        ec2.describe_client_vpn_routes(ClientVpnEndpointId="cvpn-endpoint-0123456789abcdef0")
    assert code_of(caught) == "InvalidClientVpnEndpointId.NotFound"


def test_describe_pages(ec2: Any) -> None:
    made = {endpoint(ec2) for _ in range(7)}
    paginator = ec2.get_paginator("describe_client_vpn_endpoints")
    pages = list(paginator.paginate(PaginationConfig={"PageSize": 5}))
    assert len(pages) == 2
    assert {e["ClientVpnEndpointId"] for p in pages for e in p["ClientVpnEndpoints"]} == made


def test_served_by_the_server_process_to_boto3() -> None:
    """The XML the server sends parses into the same shapes (not only in process)."""
    import boto3
    from moto.server import ThreadedMotoServer

    from privnet.local.aws import AwsBehaviour, apply_patches
    from tests.local.aws.conftest import NO_RETRY

    apply_patches(AwsBehaviour())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        ec2 = boto3.client("ec2", endpoint_url=f"http://{host}:{port}", region_name=REGION,
                           config=NO_RETRY, aws_access_key_id="testing",
                           aws_secret_access_key="testing")
        vpc = ec2.create_vpc(CidrBlock="10.7.0.0/24")["Vpc"]["VpcId"]
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.7.0.0/26")["Subnet"]["SubnetId"]
        vpn = endpoint(ec2, DnsServers=["10.7.0.2"])
        ec2.associate_client_vpn_target_network(ClientVpnEndpointId=vpn, SubnetId=subnet)
        ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=vpn, TargetNetworkCidr="10.7.0.0/24",
                                         AuthorizeAllGroups=True)
        (shown,) = ec2.describe_client_vpn_endpoints()["ClientVpnEndpoints"]
        assert (shown["ClientCidrBlock"], shown["DnsServers"], shown["VpcId"]) == (
            "10.100.0.0/22", ["10.7.0.2"], vpc)
        (rule,) = ec2.describe_client_vpn_authorization_rules(
            ClientVpnEndpointId=vpn)["AuthorizationRules"]
        assert (rule["DestinationCidr"], rule["AccessAll"]) == ("10.7.0.0/24", True)
        (target,) = ec2.describe_client_vpn_target_networks(
            ClientVpnEndpointId=vpn)["ClientVpnTargetNetworks"]
        assert target["TargetNetworkId"] == subnet
        with pytest.raises(ClientError) as caught:
            ec2.create_client_vpn_endpoint(
                ClientCidrBlock="10.100.0.0/28", ServerCertificateArn=CERT,
                AuthenticationOptions=AUTH, ConnectionLogOptions=NO_LOGS)
        assert code_of(caught) == "InvalidParameterValue"
    finally:
        server.stop()
