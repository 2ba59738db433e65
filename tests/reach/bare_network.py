"""A working PrivateLink network built the way another tool (Terraform, the console) may build it.

Every call passes only what the AWS API reference marks as required, plus what makes the
object what it is (an interface endpoint's type and subnets, a FORWARD rule's targets): no
names, no tags, no availability zones, no ``HostedZoneConfig``, no endpoint security groups.

- ``hub`` holds the interface endpoint (default security group, opened to the clients), the
  private zone (created with the VPC, which is what makes it private), and a Resolver inbound
  endpoint; its two subnets share one explicitly associated route table.
- ``client`` forwards the Confluent domain to the hub's inbound endpoint (a FORWARD rule through
  an outbound endpoint) and routes through its *main* route table (no explicit association).
- ``direct`` is associated with the zone itself, has a SYSTEM rule for the domain and its own
  network ACL.
All three are attached to a Transit Gateway created with no options (default route table
association and propagation). A Gateway endpoint (S3) sits in the hub and must be ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REGION = "us-east-1"
DOMAIN = f"{REGION}.aws.private.confluent.cloud"
SERVICE = f"com.amazonaws.vpce.{REGION}.vpce-svc-0fedcba9876543210"
CIDRS = {"hub": "10.40.0.0/16", "client": "10.30.0.0/16", "direct": "10.50.0.0/16"}
SUBNETS = {"hub": ["10.40.1.0/24", "10.40.2.0/24"], "client": ["10.30.1.0/24", "10.30.2.0/24"],
           "direct": ["10.50.1.0/24"]}


@dataclass
class BareNetwork:
    """Ids of what was built, by role."""

    vpc: dict[str, str] = field(default_factory=dict)
    subnets: dict[str, list[str]] = field(default_factory=dict)
    endpoint: dict[str, Any] = field(default_factory=dict)
    zone: str = ""
    tgw: str = ""
    endpoint_az_id: str = ""
    inbound_ips: list[str] = field(default_factory=list)


def _default_group(ec2: Any, vpc_id: str) -> str:
    groups = ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]}])
    return str(groups["SecurityGroups"][0]["GroupId"])


def build_bare(ec2: Any, route53: Any, resolver: Any) -> BareNetwork:
    net = BareNetwork()
    net.tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    for role, cidr in CIDRS.items():
        net.vpc[role] = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        net.subnets[role] = [ec2.create_subnet(VpcId=net.vpc[role], CidrBlock=c)["Subnet"]
                             ["SubnetId"] for c in SUBNETS[role]]
        ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=net.tgw, VpcId=net.vpc[role], SubnetIds=net.subnets[role][:1])
    _routes(ec2, net)
    _endpoint(ec2, net)
    _acl(ec2, net)
    _dns(ec2, route53, resolver, net)
    return net


def _routes(ec2: Any, net: BareNetwork) -> None:
    for role in ("client", "direct"):  # the main table serves every subnet without its own
        main = ec2.describe_route_tables(Filters=[
            {"Name": "vpc-id", "Values": [net.vpc[role]]},
            {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]
        ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock=CIDRS["hub"],
                         TransitGatewayId=net.tgw)
    table = ec2.create_route_table(VpcId=net.vpc["hub"])["RouteTable"]["RouteTableId"]
    for subnet_id in net.subnets["hub"]:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet_id)
    for role in ("client", "direct"):
        ec2.create_route(RouteTableId=table, DestinationCidrBlock=CIDRS[role],
                         TransitGatewayId=net.tgw)


def _endpoint(ec2: Any, net: BareNetwork) -> None:
    hub = net.vpc["hub"]
    ec2.authorize_security_group_ingress(GroupId=_default_group(ec2, hub), IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
         "IpRanges": [{"CidrIp": CIDRS["client"]}, {"CidrIp": CIDRS["direct"]}]}
        for port in (443, 9092)])
    net.endpoint = ec2.create_vpc_endpoint(VpcId=hub, ServiceName=SERVICE,
                                           VpcEndpointType="Interface",
                                           SubnetIds=net.subnets["hub"][:1])["VpcEndpoint"]
    ec2.create_vpc_endpoint(VpcId=hub, ServiceName=f"com.amazonaws.{REGION}.s3")
    subnet = ec2.describe_subnets(SubnetIds=net.subnets["hub"][:1])["Subnets"][0]
    net.endpoint_az_id = subnet["AvailabilityZoneId"]


def _acl(ec2: Any, net: BareNetwork) -> None:
    acl = ec2.create_network_acl(VpcId=net.vpc["direct"])["NetworkAcl"]["NetworkAclId"]
    for egress in (False, True):
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1",
                                     RuleAction="allow", Egress=egress, CidrBlock="0.0.0.0/0")
    current = ec2.describe_network_acls(Filters=[
        {"Name": "association.subnet-id", "Values": net.subnets["direct"]}])["NetworkAcls"][0]
    association = next(a for a in current["Associations"]
                       if a["SubnetId"] == net.subnets["direct"][0])
    ec2.replace_network_acl_association(AssociationId=association["NetworkAclAssociationId"],
                                        NetworkAclId=acl)


def _dns(ec2: Any, route53: Any, resolver: Any, net: BareNetwork) -> None:
    zone = route53.create_hosted_zone(Name=DOMAIN, CallerReference="bare",
                                      VPC={"VPCRegion": REGION, "VPCId": net.vpc["hub"]})
    net.zone = zone["HostedZone"]["Id"].rsplit("/", 1)[-1]
    route53.associate_vpc_with_hosted_zone(HostedZoneId=net.zone, VPC={
        "VPCRegion": REGION, "VPCId": net.vpc["direct"]})
    entries = [e["DnsName"] for e in net.endpoint["DnsEntries"]]
    records = [(f"*.{DOMAIN}", entries[0]), (f"*.{net.endpoint_az_id}.{DOMAIN}", entries[1])]
    route53.change_resource_record_sets(HostedZoneId=net.zone, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": name, "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": value}]}}
        for name, value in records]})
    endpoints = {}
    for role, direction in (("hub", "INBOUND"), ("client", "OUTBOUND")):
        group = ec2.create_security_group(GroupName=f"dns-{role}", Description="dns",
                                          VpcId=net.vpc[role])["GroupId"]
        endpoints[direction] = resolver.create_resolver_endpoint(
            CreatorRequestId=direction, SecurityGroupIds=[group], Direction=direction,
            IpAddresses=[{"SubnetId": s} for s in net.subnets[role]])["ResolverEndpoint"]["Id"]
    net.inbound_ips = [a["Ip"] for a in resolver.list_resolver_endpoint_ip_addresses(
        ResolverEndpointId=endpoints["INBOUND"])["IpAddresses"]]
    forward = resolver.create_resolver_rule(
        CreatorRequestId="forward", RuleType="FORWARD", DomainName=DOMAIN,
        TargetIps=[{"Ip": ip} for ip in net.inbound_ips],
        ResolverEndpointId=endpoints["OUTBOUND"])["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=forward, VPCId=net.vpc["client"])
    system = resolver.create_resolver_rule(CreatorRequestId="system", RuleType="SYSTEM",
                                           DomainName=DOMAIN)["ResolverRule"]["Id"]
    resolver.associate_resolver_rule(ResolverRuleId=system, VPCId=net.vpc["direct"])
    ec2.create_security_group(GroupName="no-vpc", Description="lands in the default VPC")
