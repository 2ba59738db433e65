"""A seed-like AWS network built directly with boto3 (not through privnet), for moto.

Hub: a Transit Gateway with one route table, DNS / VPN / runner VPCs; workloads: sandbox and
shared with an interface endpoint each; one private zone for the PrivateLink domain with a
wildcard and zonal CNAMEs to the sandbox endpoint, and a SYSTEM rule on every VPC.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from privnet.reach.aws_snapshot import snapshot_from_aws
from privnet.reach.client_vpn_spec import vpc_resolver
from privnet.reach.snapshot import ClientLocation, ClusterFacts, NetworkSnapshot
from tests.reach.client_vpn_setup import client_vpn_endpoint

REGION = "us-east-1"
DOMAIN = "us-east-1.aws.private.confluent.cloud"
SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
VPN_CLIENTS = "10.100.0.0/22"
VPCS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "sandbox": ("10.0.0.0/20", [("use1-az1", "10.0.0.0/24"), ("use1-az2", "10.0.1.0/24"),
                                ("use1-az3", "10.0.2.0/24")]),
    "shared": ("10.1.0.0/20", [("use1-az1", "10.1.0.0/24"), ("use1-az2", "10.1.1.0/24"),
                               ("use1-az3", "10.1.2.0/24")]),
    "dns": ("10.255.0.0/24", [("use1-az1", "10.255.0.0/26"), ("use1-az2", "10.255.0.64/26")]),
    "vpn": ("10.254.0.0/24", [("use1-az1", "10.254.0.0/26")]),
    "runner": ("10.253.0.0/24", [("use1-az1", "10.253.0.0/26")]),
}
CLUSTERS = (
    ClusterFacts("lkc-sbx001", "sandbox", f"lkc-sbx001.{DOMAIN}", f"lkc-sbx001.{DOMAIN}", True,
                 DOMAIN, ("use1-az1", "use1-az2", "use1-az3")),
    ClusterFacts("lkc-shr002", "shared", f"lkc-shr002.{DOMAIN}", f"lkc-shr002.{DOMAIN}", True,
                 DOMAIN, ("use1-az1", "use1-az2", "use1-az3")),
)


@dataclass
class SeedState:
    """Ids of what was built, by name, so a test can plant one fault."""

    ec2: Any
    route53: Any
    resolver: Any
    vpc: dict[str, str] = field(default_factory=dict)
    subnets: dict[str, list[str]] = field(default_factory=dict)
    route_tables: dict[str, list[str]] = field(default_factory=dict)
    attachment: dict[str, str] = field(default_factory=dict)
    endpoint: dict[str, dict[str, Any]] = field(default_factory=dict)
    endpoint_sg: dict[str, str] = field(default_factory=dict)
    tgw: str = ""
    tgw_table: str = ""
    client_vpn: str = ""
    zone: str = ""
    system_rule: str = ""

    def snapshot(self) -> NetworkSnapshot:
        network = snapshot_from_aws(self.ec2, self.route53, self.resolver)
        locations = [ClientLocation(n, VPCS[n][0], self.vpc[n])
                     for n in ("sandbox", "shared", "dns", "runner")]
        locations.append(ClientLocation("vpn", VPN_CLIENTS, self.vpc["vpn"],
                                        client_vpn_id=self.client_vpn))
        return replace(network, clusters=CLUSTERS, locations=tuple(locations))

    def zonal_names(self, vpc: str) -> dict[str, str]:
        """AZ ID -> zonal DNS name of ``vpc``'s endpoint."""
        by_az_name = {s["AvailabilityZone"]: s["AvailabilityZoneId"]
                      for s in self.ec2.describe_subnets()["Subnets"]}
        names: dict[str, str] = {}
        for entry in self.endpoint[vpc]["DnsEntries"][1:]:
            first = entry["DnsName"].split(".", 1)[0]
            az_name = next(a for a in by_az_name if first.endswith("-" + a))
            names[by_az_name[az_name]] = entry["DnsName"]
        return names

    def change_records(self, action: str, records: list[tuple[str, str]]) -> None:
        changes = [{"Action": action, "ResourceRecordSet": {
            "Name": name, "Type": "CNAME", "TTL": 60, "ResourceRecords": [{"Value": value}]}}
            for name, value in records]
        self.route53.change_resource_record_sets(HostedZoneId=self.zone,
                                                 ChangeBatch={"Changes": changes})

    def seed_records(self) -> list[tuple[str, str]]:
        regional = self.endpoint["sandbox"]["DnsEntries"][0]["DnsName"]
        records = [(f"*.{DOMAIN}", regional)]
        records += [(f"*.{az}.{DOMAIN}", name) for az, name in self.zonal_names("sandbox").items()]
        return records


def build(ec2: Any, route53: Any, resolver: Any) -> SeedState:
    state = SeedState(ec2, route53, resolver)
    tgw = ec2.create_transit_gateway(Options={"DefaultRouteTableAssociation": "disable",
                                              "DefaultRouteTablePropagation": "disable"})
    state.tgw = tgw["TransitGateway"]["TransitGatewayId"]
    state.tgw_table = ec2.create_transit_gateway_route_table(TransitGatewayId=state.tgw)[
        "TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
    for name, (cidr, subnets) in VPCS.items():
        vpc_id = ec2.create_vpc(CidrBlock=cidr, TagSpecifications=[{
            "ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}])["Vpc"]["VpcId"]
        state.vpc[name] = vpc_id
        state.subnets[name] = [ec2.create_subnet(VpcId=vpc_id, CidrBlock=c, AvailabilityZoneId=az)
                               ["Subnet"]["SubnetId"] for az, c in subnets]
    others = {n: [c for m, (c, _) in VPCS.items() if m != n] + [VPN_CLIENTS] for n in VPCS}
    for name, vpc_id in state.vpc.items():
        attachment = ec2.create_transit_gateway_vpc_attachment(
            TransitGatewayId=state.tgw, VpcId=vpc_id, SubnetIds=state.subnets[name])
        attachment_id = attachment["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
        state.attachment[name] = attachment_id
        ec2.associate_transit_gateway_route_table(TransitGatewayRouteTableId=state.tgw_table,
                                                  TransitGatewayAttachmentId=attachment_id)
        ec2.enable_transit_gateway_route_table_propagation(
            TransitGatewayRouteTableId=state.tgw_table, TransitGatewayAttachmentId=attachment_id)
        state.route_tables[name] = []
        for subnet_id in state.subnets[name]:
            table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
            ec2.associate_route_table(RouteTableId=table, SubnetId=subnet_id)
            for destination in others[name]:
                ec2.create_route(RouteTableId=table, DestinationCidrBlock=destination,
                                 TransitGatewayId=state.tgw)
            state.route_tables[name].append(table)
    ec2.create_transit_gateway_route(DestinationCidrBlock=VPN_CLIENTS,
                                     TransitGatewayRouteTableId=state.tgw_table,
                                     TransitGatewayAttachmentId=state.attachment["vpn"])
    sources = [c for c, _ in VPCS.values()] + [VPN_CLIENTS]
    for name in ("sandbox", "shared"):
        group = ec2.create_security_group(GroupName=f"{name}-endpoint", Description="endpoint",
                                          VpcId=state.vpc[name])["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": proto, "FromPort": port, "ToPort": port,
             "IpRanges": [{"CidrIp": c} for c in sources]}
            for port, proto in ((443, "tcp"), (9092, "tcp"), (53, "tcp"), (53, "udp"))])
        state.endpoint_sg[name] = group
        state.endpoint[name] = ec2.create_vpc_endpoint(
            VpcId=state.vpc[name], ServiceName=SERVICE, VpcEndpointType="Interface",
            SubnetIds=state.subnets[name], SecurityGroupIds=[group],
            PrivateDnsEnabled=False)["VpcEndpoint"]
    zone = route53.create_hosted_zone(
        Name=DOMAIN, CallerReference="seed", HostedZoneConfig={"PrivateZone": True},
        VPC={"VPCRegion": REGION, "VPCId": state.vpc["sandbox"]})
    state.zone = zone["HostedZone"]["Id"].rsplit("/", 1)[-1]
    for name in ("shared", "dns", "vpn", "runner"):
        route53.associate_vpc_with_hosted_zone(HostedZoneId=state.zone, VPC={
            "VPCRegion": REGION, "VPCId": state.vpc[name]})
    state.change_records("CREATE", state.seed_records())
    dns_group = ec2.create_security_group(GroupName="dns", Description="dns",
                                          VpcId=state.vpc["dns"])["GroupId"]
    resolver.create_resolver_endpoint(
        CreatorRequestId="inbound", Name="inbound", SecurityGroupIds=[dns_group],
        Direction="INBOUND", IpAddresses=[{"SubnetId": s} for s in state.subnets["dns"]])
    state.system_rule = resolver.create_resolver_rule(
        CreatorRequestId="system", Name="confluent-system", RuleType="SYSTEM",
        DomainName=DOMAIN)["ResolverRule"]["Id"]
    for vpc_id in state.vpc.values():
        resolver.associate_resolver_rule(ResolverRuleId=state.system_rule, VPCId=vpc_id,
                                        Name=f"system-{vpc_id}")
    state.client_vpn = client_vpn_endpoint(
        ec2, VPN_CLIENTS, state.subnets["vpn"], [VPCS[n][0] for n in ("sandbox", "shared")],
        [vpc_resolver(VPCS["vpn"][0])])
    return state
