"""A seed-like Confluent network built the way Terraform or the console builds it, and the
faults people plant in such networks, one at a time.

Every call passes only what the AWS API reference marks as required, plus what makes the object
what it is (an endpoint's type, subnets and group; a FORWARD rule's targets): no names, no
tags, no availability zones. Layout: a ``hub`` VPC holding the Confluent interface endpoint
(three subnets in three AZ IDs, its own security group opened per client CIDR), the private
zone with its regional and zonal wildcard records, and the Resolver outbound endpoint; two
workload VPCs ``w1``/``w2`` and a ``runner`` VPC; all four attached to one Transit Gateway
with default association and propagation; every VPC routes the others through it from its main
route table. A FORWARD rule sends ``confluent.cloud`` to an on-premises resolver on every VPC,
and a SYSTEM rule for the private domain, also on every VPC, restores the private zone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

REGION = "us-east-1"
DOMAIN = f"{REGION}.aws.private.confluent.cloud"
SERVICE = f"com.amazonaws.vpce.{REGION}.vpce-svc-0a1b2c3d4e5f60718"
CIDRS = {"hub": "10.40.0.0/16", "w1": "10.1.0.0/16", "w2": "10.2.0.0/16",
         "runner": "10.253.0.0/24"}
FIRST_SUBNET = {"hub": "10.40.1.0/24", "w1": "10.1.1.0/24", "w2": "10.2.1.0/24",
                "runner": "10.253.0.0/26"}
ON_PREMISES_DNS = "192.168.0.2"
VPN_CIDR, VPN_SUBNET, VPN_CLIENTS = "10.254.0.0/24", "10.254.0.0/26", "10.100.0.0/22"


@dataclass
class SeedLike:
    """Ids of what was built, by role."""

    vpc: dict[str, str] = field(default_factory=dict)
    subnets: dict[str, list[str]] = field(default_factory=dict)
    main_table: dict[str, str] = field(default_factory=dict)
    attachment: dict[str, str] = field(default_factory=dict)
    tgw: str = ""
    tgw_table: str = ""
    endpoint_group: str = ""
    zone: str = ""
    zonal_names: dict[str, str] = field(default_factory=dict)  # AZ ID -> endpoint zonal name
    system_rule: str = ""
    forward_rule: str = ""
    client_vpn: str = ""

    @property
    def endpoint_az_ids(self) -> list[str]:
        return sorted(self.zonal_names)


def _hub_subnets(ec2: Any, vpc_id: str) -> list[str]:
    """Three hub subnets in three distinct AZ IDs, chosen by AWS (no AZ asked for): a subnet
    landing in an AZ already used is removed and another is made."""
    kept: dict[str, str] = {}
    for third in range(1, 40):
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.40.{third}.0/24")["Subnet"]
        if subnet["AvailabilityZoneId"] in kept:
            ec2.delete_subnet(SubnetId=subnet["SubnetId"])
            continue
        kept[subnet["AvailabilityZoneId"]] = subnet["SubnetId"]
        if len(kept) == 3:
            return list(kept.values())
    raise AssertionError("AWS kept placing hub subnets in the same AZs")


def build_seed_like(ec2: Any, route53: Any, resolver: Any, vpn: bool = False) -> SeedLike:
    """The network; with ``vpn`` also a ``vpn`` VPC holding an AWS Client VPN endpoint whose
    clients reach the hub (associated with its subnet, routed and authorized to the hub)."""
    net = SeedLike()
    cidrs = {**CIDRS, "vpn": VPN_CIDR} if vpn else CIDRS
    subnet_of = {**FIRST_SUBNET, "vpn": VPN_SUBNET}
    net.tgw = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
    for role, cidr in cidrs.items():
        vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
        net.vpc[role] = vpc_id
        net.subnets[role] = (_hub_subnets(ec2, vpc_id) if role == "hub" else [
            ec2.create_subnet(VpcId=vpc_id, CidrBlock=subnet_of[role])["Subnet"]["SubnetId"]])
        net.attachment[role] = ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=net.tgw, VpcId=vpc_id, SubnetIds=net.subnets[role])[
            "TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        net.main_table[role] = ec2.describe_route_tables(Filters=[
            {"Name": "vpc-id", "Values": [vpc_id]},
            {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
    net.tgw_table = ec2.describe_transit_gateway_route_tables(Filters=[
        {"Name": "transit-gateway-id", "Values": [net.tgw]}])[
        "TransitGatewayRouteTables"][0]["TransitGatewayRouteTableId"]
    for role, table in net.main_table.items():
        for other, cidr in cidrs.items():
            if other != role and (role == "hub" or other == "hub"):
                ec2.create_route(RouteTableId=table, DestinationCidrBlock=cidr,
                                 TransitGatewayId=net.tgw)
    _endpoint_and_zone(ec2, route53, net)
    _resolver_rules(ec2, resolver, net)
    if vpn:
        from tests.reach.client_vpn_setup import client_vpn_endpoint

        net.client_vpn = client_vpn_endpoint(ec2, VPN_CLIENTS, net.subnets["vpn"],
                                             [CIDRS["hub"]], ["10.254.0.2"])
    return net


def _endpoint_and_zone(ec2: Any, route53: Any, net: SeedLike) -> None:
    hub = net.vpc["hub"]
    net.endpoint_group = ec2.create_security_group(
        GroupName="confluent-endpoint", Description="Confluent endpoint", VpcId=hub)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=net.endpoint_group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
         "IpRanges": [{"CidrIp": net_cidr(net, role)} for role in net.vpc]}
        for port in (443, 9092)])
    endpoint = ec2.create_vpc_endpoint(VpcId=hub, ServiceName=SERVICE,
                                       VpcEndpointType="Interface",
                                       SubnetIds=net.subnets["hub"],
                                       SecurityGroupIds=[net.endpoint_group])["VpcEndpoint"]
    az_id_of = {s["AvailabilityZone"]: s["AvailabilityZoneId"] for s in ec2.describe_subnets(
        SubnetIds=net.subnets["hub"])["Subnets"]}
    names = [e["DnsName"] for e in endpoint["DnsEntries"]]
    regional = names[0]
    for name in names[1:]:
        az_name = next(az for az in az_id_of if name.split(".", 1)[0].endswith("-" + az))
        net.zonal_names[az_id_of[az_name]] = name
    zone = route53.create_hosted_zone(Name=DOMAIN, CallerReference="seed-like",
                                      VPC={"VPCRegion": REGION, "VPCId": hub})
    net.zone = zone["HostedZone"]["Id"].rsplit("/", 1)[-1]
    for role in (r for r in net.vpc if r != "hub"):
        route53.associate_vpc_with_hosted_zone(HostedZoneId=net.zone, VPC={
            "VPCRegion": REGION, "VPCId": net.vpc[role]})
    records = [(f"*.{DOMAIN}", regional)] + [
        (f"*.{az_id}.{DOMAIN}", name) for az_id, name in sorted(net.zonal_names.items())]
    set_records(route53, net.zone, records)


def net_cidr(net: SeedLike, role: str) -> str:
    return VPN_CIDR if role == "vpn" else CIDRS[role]


def set_records(route53: Any, zone: str, records: list[tuple[str, str]]) -> None:
    route53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "UPSERT", "ResourceRecordSet": {
            "Name": name, "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": value}]}}
        for name, value in records]})


def _resolver_rules(ec2: Any, resolver: Any, net: SeedLike) -> None:
    group = ec2.create_security_group(GroupName="dns-out", Description="dns",
                                      VpcId=net.vpc["hub"])["GroupId"]
    outbound = resolver.create_resolver_endpoint(
        CreatorRequestId="outbound", SecurityGroupIds=[group], Direction="OUTBOUND",
        IpAddresses=[{"SubnetId": s} for s in net.subnets["hub"][:2]])["ResolverEndpoint"]["Id"]
    net.forward_rule = resolver.create_resolver_rule(
        CreatorRequestId="forward", RuleType="FORWARD", DomainName="confluent.cloud",
        TargetIps=[{"Ip": ON_PREMISES_DNS}], ResolverEndpointId=outbound)["ResolverRule"]["Id"]
    net.system_rule = resolver.create_resolver_rule(
        CreatorRequestId="system", RuleType="SYSTEM", DomainName=DOMAIN)["ResolverRule"]["Id"]
    for vpc_id in net.vpc.values():
        for rule in (net.forward_rule, net.system_rule):
            resolver.associate_resolver_rule(ResolverRuleId=rule, VPCId=vpc_id)


@dataclass(frozen=True)
class Fault:
    """One planted fault: how to plant it, the location (role) it breaks, the disposition of
    its failing paths, which of its paths fail, and the id the trace must name."""

    name: str
    plant: Callable[[Any, Any, Any, SeedLike], None]
    role: str
    disposition: str
    culprit: Callable[[SeedLike], str]
    fails: Callable[[dict[str, Any], SeedLike], bool] = lambda trace, net: True


def _no_propagation(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    ec2.disable_transit_gateway_route_table_propagation(
        TransitGatewayRouteTableId=net.tgw_table,
        TransitGatewayAttachmentId=net.attachment["w1"])


def _no_route(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    ec2.delete_route(RouteTableId=net.main_table["w2"], DestinationCidrBlock=CIDRS["hub"])


def _no_kafka_from_w2(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    ec2.revoke_security_group_ingress(GroupId=net.endpoint_group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 9092, "ToPort": 9092,
         "IpRanges": [{"CidrIp": CIDRS["w2"]}]}])


def _acl_denies_replies(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    """w1's subnet gets its own ACL that drops replies from the hub (ephemeral ports)."""
    acl = ec2.create_network_acl(VpcId=net.vpc["w1"])["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=50, Protocol="6",
                                 RuleAction="deny", Egress=False, CidrBlock=CIDRS["hub"],
                                 PortRange={"From": 1024, "To": 65535})
    for egress in (False, True):
        ec2.create_network_acl_entry(NetworkAclId=acl, RuleNumber=100, Protocol="-1",
                                     RuleAction="allow", Egress=egress, CidrBlock="0.0.0.0/0")
    current = ec2.describe_network_acls(Filters=[
        {"Name": "association.subnet-id", "Values": net.subnets["w1"]}])["NetworkAcls"][0]
    association = next(a for a in current["Associations"]
                       if a["SubnetId"] == net.subnets["w1"][0])
    ec2.replace_network_acl_association(AssociationId=association["NetworkAclAssociationId"],
                                        NetworkAclId=acl)
    net.main_table["w1-acl"] = acl


def _zone_not_associated(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    route53.disassociate_vpc_from_hosted_zone(HostedZoneId=net.zone, VPC={
        "VPCRegion": REGION, "VPCId": net.vpc["w2"]})


def _system_rule_not_associated(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    resolver.disassociate_resolver_rule(ResolverRuleId=net.system_rule, VPCId=net.vpc["w1"])


def _wrong_record(ec2: Any, route53: Any, resolver: Any, net: SeedLike) -> None:
    """The first broker AZ's record points at the endpoint's name in another AZ."""
    first, other = net.endpoint_az_ids[0], net.endpoint_az_ids[1]
    set_records(route53, net.zone, [(f"*.{first}.{DOMAIN}", net.zonal_names[other])])


FAULTS = (
    Fault("tgw-propagation-missing", _no_propagation, "w1", "NO_RETURN_ROUTE",
          lambda net: net.tgw_table),
    Fault("vpc-route-missing", _no_route, "w2", "NO_ROUTE", lambda net: net.main_table["w2"]),
    Fault("sg-denies-9092", _no_kafka_from_w2, "w2", "DENIED_IN",
          lambda net: net.endpoint_group, lambda trace, net: trace["port"] == 9092),
    Fault("nacl-denies-return", _acl_denies_replies, "w1", "DENIED_IN",
          lambda net: net.main_table["w1-acl"]),
    Fault("zone-not-associated", _zone_not_associated, "w2", "NXDOMAIN", lambda net: net.zone),
    Fault("system-rule-not-associated", _system_rule_not_associated, "w1",
          "RESOLVES_ELSEWHERE", lambda net: net.system_rule),
    Fault("wrong-record-target", _wrong_record, "*", "RESOLVES_ELSEWHERE",
          lambda net: f"*.{net.endpoint_az_ids[0]}.{DOMAIN}",
          lambda trace, net: f".{net.endpoint_az_ids[0]}." in trace["name"]),
)
