"""An AWS Client VPN endpoint made the way a user makes one: plain boto3, required parameters.

privnet models Client VPN endpoints but never creates them, so tests that apply an example
with a VPN VPC and then verify the live network create the endpoint the topology declares.
"""

from __future__ import annotations

from typing import Any

from privnet.reach.client_vpn_spec import declared_authorized, declared_routes, vpc_resolver
from privnet.topology.model import Topology
from privnet.topology.view import TopologyView

SERVER_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/vpn-server"
CLIENT_ROOT = "arn:aws:acm:us-east-1:123456789012:certificate/vpn-client-root"


def client_vpn_endpoint(ec2: Any, client_cidr: str, subnet_ids: list[str],
                        destinations: list[str], dns_servers: list[str],
                        authorized: list[str] | None = None) -> str:
    """Create, associate every subnet, route ``destinations`` through each, authorize them
    (or ``authorized``) for all clients; the endpoint id."""
    extra: dict[str, Any] = {"DnsServers": dns_servers} if dns_servers else {}
    endpoint_id = str(ec2.create_client_vpn_endpoint(
        ClientCidrBlock=client_cidr, ServerCertificateArn=SERVER_CERTIFICATE,
        AuthenticationOptions=[{"Type": "certificate-authentication", "MutualAuthentication": {
            "ClientRootCertificateChainArn": CLIENT_ROOT}}],
        ConnectionLogOptions={"Enabled": False}, **extra)["ClientVpnEndpointId"])
    for subnet_id in subnet_ids:
        ec2.associate_client_vpn_target_network(ClientVpnEndpointId=endpoint_id,
                                                SubnetId=subnet_id)
        for cidr in destinations:
            ec2.create_client_vpn_route(ClientVpnEndpointId=endpoint_id,
                                        DestinationCidrBlock=cidr, TargetVpcSubnetId=subnet_id)
    for cidr in destinations if authorized is None else authorized:
        ec2.authorize_client_vpn_ingress(ClientVpnEndpointId=endpoint_id, TargetNetworkCidr=cidr,
                                         AuthorizeAllGroups=True)
    return endpoint_id


def declared_client_vpn(ec2: Any, topology: Topology) -> str:
    """The endpoint ``hub.vpn_vpc.client_vpn`` declares, in the applied VPN VPC ('' if none)."""
    view = TopologyView(topology)
    vpn = view.vpn
    if vpn is None:
        return ""
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:privnet:address",
                                      "Values": [f"aws.vpc.{vpn.name}"]}])["Vpcs"][0]
    subnets = [s for s in ec2.describe_subnets(Filters=[
        {"Name": "vpc-id", "Values": [vpc["VpcId"]]}])["Subnets"]
        if vpn.client_vpn.associated_subnets is None
        or s["AvailabilityZoneId"] in vpn.client_vpn.associated_subnets]
    dns = vpn.client_vpn.dns_servers
    return client_vpn_endpoint(
        ec2, vpn.client_cidr, [s["SubnetId"] for s in subnets],
        [c for c in declared_routes(view, vpn) if c != vpn.cidr],
        list(dns) if dns is not None else [vpc_resolver(vpn.cidr)],
        declared_authorized(view, vpn))
