"""Build a :class:`NetworkSnapshot` from live describe calls (any account, not only privnet's).

Takes already-made boto3 clients (EC2, Route 53, Route 53 Resolver) so the caller decides on
credentials and endpoints. Everything is read with pagination. Where an answer lacks something
AWS always provides (the local emulator has such gaps), the builder derives it the way AWS
would and records a note in ``snapshot.notes``: TGW routes of propagating attachments, zonal
endpoint DNS names, endpoint addresses inside their subnets, and associations of a default
route table that the Transit Gateway options disable.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from privnet.facts.aws_pages import pages
from privnet.facts.stand_in_address import stand_in_address
from privnet.facts.tags import ADDRESS_TAG, NAME_TAG, STACK_TAG
from privnet.reach.aws_client_vpn import client_vpn_endpoints
from privnet.reach.designs.pni import live_access_points
from privnet.reach.snapshot import (
    EndpointDnsEntry,
    EndpointEni,
    HostedZone,
    InterfaceEndpoint,
    Nacl,
    NaclEntry,
    NetworkSnapshot,
    RecordSet,
    ResolverEndpoint,
    ResolverRule,
    Route,
    RouteTable,
    RuleType,
    SecurityGroup,
    SgRule,
    Subnet,
    TgwAttachment,
    TgwRoute,
    TgwRouteTable,
    TransitGateway,
    Vpc,
)
from privnet.resources.kinds.aws_network import VPC

Client = Any
Item = dict[str, Any]


def _tags(item: Item) -> dict[str, str]:
    """Tags are optional: an untagged object has no ``Tags`` (or an empty list)."""
    return {t.get("Key", ""): t.get("Value") or "" for t in item.get("Tags") or []}


def vpc_name(item: Item) -> str:
    """privnet's address tag (``aws.vpc.<name>``) names a VPC best, then the Name tag."""
    tags = _tags(item)
    address = tags.get(ADDRESS_TAG, "")
    if VPC.has(address):
        return address.removeprefix(VPC.address(""))
    return tags.get(NAME_TAG, "")


def snapshot_from_aws(ec2: Client, route53: Client, resolver: Client) -> NetworkSnapshot:
    """Describe the network of one account and region; Confluent facts are added separately."""
    notes: list[str] = []
    vpcs = tuple(
        Vpc(v["VpcId"], tuple(a["CidrBlock"] for a in v.get("CidrBlockAssociationSet", [])
                              if a.get("CidrBlockState", {}).get("State", "associated")
                              == "associated") or (v["CidrBlock"],), vpc_name(v),
            _tags(v).get(STACK_TAG, ""))
        for v in pages(ec2, "describe_vpcs", "Vpcs"))
    subnets = tuple(
        Subnet(s["SubnetId"], s["VpcId"], s["CidrBlock"], s.get("AvailabilityZoneId", ""),
               s.get("AvailabilityZone", ""))
        for s in pages(ec2, "describe_subnets", "Subnets")
        if s.get("CidrBlock"))  # IPv6-only subnets have none; verify follows IPv4 flows
    attachments, tgw_tables, gateways = _transit(ec2, vpcs, notes)
    return NetworkSnapshot(
        vpcs=vpcs,
        subnets=subnets,
        route_tables=tuple(_route_table(t) for t in pages(ec2, "describe_route_tables",
                                                          "RouteTables")),
        transit_gateways=gateways,
        tgw_attachments=attachments,
        tgw_route_tables=tgw_tables,
        security_groups=tuple(_security_group(g) for g in pages(
            ec2, "describe_security_groups", "SecurityGroups")),
        nacls=tuple(_nacl(n) for n in pages(ec2, "describe_network_acls", "NetworkAcls")),
        endpoints=_endpoints(ec2, subnets, notes),
        hosted_zones=_zones(route53),
        resolver_rules=_rules(resolver),
        resolver_endpoints=_resolver_endpoints(resolver),
        pni_access_points=live_access_points(ec2),
        client_vpn_endpoints=client_vpn_endpoints(ec2, notes),
        notes=tuple(notes),
    )


def _route_table(item: Item) -> RouteTable:
    routes = []
    for r in item.get("Routes", []):
        destination = r.get("DestinationCidrBlock")
        if not destination:
            continue
        target = (r.get("GatewayId") or r.get("TransitGatewayId") or r.get("NatGatewayId")
                  or r.get("VpcPeeringConnectionId") or r.get("NetworkInterfaceId")
                  or r.get("InstanceId") or r.get("VpcEndpointId") or "unknown")
        routes.append(Route(destination, target, r.get("State") == "blackhole"))
    associations = item.get("Associations", [])
    return RouteTable(item["RouteTableId"], item["VpcId"], tuple(routes),
                      tuple(a["SubnetId"] for a in associations if a.get("SubnetId")),
                      any(a.get("Main") for a in associations))


def _transit(ec2: Client, vpcs: tuple[Vpc, ...], notes: list[str]) -> tuple[
        tuple[TgwAttachment, ...], tuple[TgwRouteTable, ...], tuple[TransitGateway, ...]]:
    raw_gateways = list(pages(ec2, "describe_transit_gateways", "TransitGateways"))
    gateways = tuple(TransitGateway(g["TransitGatewayId"]) for g in raw_gateways
                     if g.get("State") not in ("deleted", "deleting"))
    ignored_default: dict[str, str] = {}
    for g in raw_gateways:
        options = g.get("Options", {})
        if options.get("DefaultRouteTableAssociation") == "disable" and options.get(
                "AssociationDefaultRouteTableId"):
            ignored_default[options["AssociationDefaultRouteTableId"]] = g["TransitGatewayId"]
    attachments = tuple(
        TgwAttachment(a["TransitGatewayAttachmentId"], a["TransitGatewayId"], a["VpcId"],
                      tuple(a.get("SubnetIds", [])))
        for a in pages(ec2, "describe_transit_gateway_vpc_attachments",
                       "TransitGatewayVpcAttachments")
        if a.get("State") not in ("deleted", "deleting", "failed", "rejected"))
    cidrs_of_vpc = {v.id: v.cidrs for v in vpcs}
    vpc_of_attachment = {a.id: a.vpc_id for a in attachments}
    tables = []
    for t in pages(ec2, "describe_transit_gateway_route_tables", "TransitGatewayRouteTables"):
        table_id = t["TransitGatewayRouteTableId"]
        associations = tuple(
            a["TransitGatewayAttachmentId"] for a in pages(
                ec2, "get_transit_gateway_route_table_associations", "Associations",
                TransitGatewayRouteTableId=table_id)
            if a.get("State", "associated") == "associated")
        if table_id in ignored_default and associations:
            notes.append(f"ignored associations of {table_id}: its Transit Gateway disables "
                         "default association (the emulator associates anyway)")
            associations = ()
        propagations = tuple(
            p["TransitGatewayAttachmentId"] for p in pages(
                ec2, "get_transit_gateway_route_table_propagations",
                "TransitGatewayRouteTablePropagations", TransitGatewayRouteTableId=table_id)
            if p.get("State", "enabled") == "enabled")
        routes = list(_tgw_routes(ec2, table_id))
        propagated = {(r.destination, a) for r in routes if r.origin == "propagated"
                      for a in r.attachment_ids}
        for attachment_id in propagations:
            for cidr in cidrs_of_vpc.get(vpc_of_attachment.get(attachment_id, ""), ()):
                if (cidr, attachment_id) not in propagated:
                    routes.append(TgwRoute(cidr, (attachment_id,), "propagated"))
                    notes.append(f"derived propagated route {cidr} -> {attachment_id} in "
                                 f"{table_id} (not listed by SearchTransitGatewayRoutes)")
        tables.append(TgwRouteTable(table_id, t["TransitGatewayId"], associations,
                                    propagations, tuple(routes)))
    return attachments, tuple(tables), gateways


def _tgw_routes(ec2: Client, table_id: str) -> Iterator[TgwRoute]:
    answer = ec2.search_transit_gateway_routes(
        TransitGatewayRouteTableId=table_id,
        Filters=[{"Name": "state", "Values": ["active", "blackhole"]}])
    for r in answer.get("Routes", []):
        destination = r.get("DestinationCidrBlock")
        if not destination:
            continue
        attachment_ids = tuple(a["TransitGatewayAttachmentId"]
                               for a in r.get("TransitGatewayAttachments", [])
                               if a.get("TransitGatewayAttachmentId"))
        yield TgwRoute(destination, attachment_ids, str(r.get("Type", "static")),
                       r.get("State") == "blackhole")


def _ports(item: Item) -> tuple[int, int]:
    if str(item.get("IpProtocol", item.get("Protocol", "-1"))) == "-1":
        return 0, 65535
    return int(item.get("FromPort", 0)), int(item.get("ToPort", 65535))


def _sg_rule(item: Item) -> SgRule:
    low, high = _ports(item)
    return SgRule(str(item.get("IpProtocol", "-1")), low, high,
                  tuple(r["CidrIp"] for r in item.get("IpRanges", []) if r.get("CidrIp")),
                  tuple(p["GroupId"] for p in item.get("UserIdGroupPairs", [])
                        if p.get("GroupId")))


def _security_group(item: Item) -> SecurityGroup:
    return SecurityGroup(item["GroupId"], item.get("VpcId", ""), item.get("GroupName", ""),
                         tuple(_sg_rule(p) for p in item.get("IpPermissions", [])),
                         tuple(_sg_rule(p) for p in item.get("IpPermissionsEgress", [])))


def _nacl(item: Item) -> Nacl:
    entries = []
    for e in item.get("Entries", []):
        if not e.get("CidrBlock"):
            continue
        port_range = e.get("PortRange") or {}
        entries.append(NaclEntry(int(e["RuleNumber"]), bool(e.get("Egress")),
                                 str(e.get("Protocol", "-1")), e.get("RuleAction") == "allow",
                                 e["CidrBlock"], int(port_range.get("From", 0)),
                                 int(port_range.get("To", 65535))))
    return Nacl(item["NetworkAclId"], item["VpcId"],
                tuple(a["SubnetId"] for a in item.get("Associations", []) if a.get("SubnetId")),
                tuple(entries), bool(item.get("IsDefault")))


def _endpoints(ec2: Client, subnets: tuple[Subnet, ...],
               notes: list[str]) -> tuple[InterfaceEndpoint, ...]:
    by_subnet = {s.id: s for s in subnets}
    raw = [e for e in pages(ec2, "describe_vpc_endpoints", "VpcEndpoints",
                            Filters=[{"Name": "vpc-endpoint-type", "Values": ["Interface"]}])
           if e.get("State", "available") not in ("deleted", "deleting", "failed", "rejected")]
    eni_ids = [i for e in raw for i in e.get("NetworkInterfaceIds", [])]
    enis: dict[str, Item] = {}
    for start in range(0, len(eni_ids), 200):
        for eni in pages(ec2, "describe_network_interfaces", "NetworkInterfaces",
                         NetworkInterfaceIds=eni_ids[start:start + 200]):
            enis[eni["NetworkInterfaceId"]] = eni
    found = []
    for e in raw:
        endpoint_enis = tuple(_eni(enis.get(i), i, e["VpcEndpointId"], by_subnet, notes)
                              for i in e.get("NetworkInterfaceIds", []))
        az_names = sorted({by_subnet[x.subnet_id].az_name for x in endpoint_enis
                           if x.subnet_id in by_subnet})
        found.append(InterfaceEndpoint(
            e["VpcEndpointId"], e["VpcId"], e.get("ServiceName", ""),
            _dns_entries(e, az_names, notes), endpoint_enis,
            tuple(g["GroupId"] for g in e.get("Groups", []))))
    return tuple(found)


def _eni(item: Item | None, eni_id: str, endpoint_id: str, by_subnet: dict[str, Subnet],
         notes: list[str]) -> EndpointEni:
    if item is None:
        return EndpointEni(eni_id, "", "")
    subnet_id = item.get("SubnetId", "")
    ip = item.get("PrivateIpAddress", "")
    subnet = by_subnet.get(subnet_id)
    if subnet is not None and ip and ipaddress.ip_address(ip) not in ipaddress.ip_network(
            subnet.cidr):
        derived = stand_in_address(subnet.cidr)
        notes.append(f"{eni_id} of {endpoint_id} reports {ip}, outside its subnet "
                     f"{subnet.cidr}; using {derived}")
        ip = derived
    return EndpointEni(eni_id, subnet_id, ip)


def _dns_entries(endpoint: Item, az_names: list[str],
                 notes: list[str]) -> tuple[EndpointDnsEntry, ...]:
    names = [d["DnsName"] for d in endpoint.get("DnsEntries", []) if d.get("DnsName")]
    entries = []
    for name in names:
        first = name.split(".", 1)[0]
        zone = next((az for az in az_names if first.endswith("-" + az)), "")
        entries.append(EndpointDnsEntry(name.lower(), zone))
    regional = [e for e in entries if not e.az_name]
    zonal = {e.az_name for e in entries if e.az_name}
    if regional and az_names and not zonal:
        first, _, rest = regional[0].name.partition(".")
        for az in az_names:
            entries.append(EndpointDnsEntry(f"{first}-{az}.{rest}", az))
        notes.append(f"derived zonal DNS names of {endpoint['VpcEndpointId']} for "
                     f"{', '.join(az_names)} (none were listed)")
    return tuple(entries)


def _record_name(name: str) -> str:
    """Route 53 spells a leading ``*`` as ``\\052``."""
    return name.replace("\\052", "*").lower().rstrip(".")


def _zones(route53: Client) -> tuple[HostedZone, ...]:
    zones = []
    for z in pages(route53, "list_hosted_zones", "HostedZones"):
        if not z.get("Config", {}).get("PrivateZone"):
            continue
        zone_id = z["Id"].rsplit("/", 1)[-1]
        vpc_ids = tuple(v["VPCId"] for v in route53.get_hosted_zone(Id=zone_id).get("VPCs", []))
        records = []
        for r in pages(route53, "list_resource_record_sets", "ResourceRecordSets",
                       HostedZoneId=zone_id):
            alias = r.get("AliasTarget", {}).get("DNSName")
            if alias:
                records.append(RecordSet(_record_name(r["Name"]), "ALIAS", (_record_name(alias),)))
            else:
                values = tuple(v["Value"] for v in r.get("ResourceRecords", []))
                records.append(RecordSet(_record_name(r["Name"]), r["Type"], values))
        zones.append(HostedZone(zone_id, _record_name(z["Name"]), vpc_ids, tuple(records)))
    return tuple(zones)


def _rules(resolver: Client) -> tuple[ResolverRule, ...]:
    vpcs_of_rule: dict[str, list[str]] = defaultdict(list)
    for a in pages(resolver, "list_resolver_rule_associations", "ResolverRuleAssociations"):
        if a.get("Status", "COMPLETE") not in ("FAILED", "DELETING"):
            vpcs_of_rule[a["ResolverRuleId"]].append(a["VPCId"])
    rules = []
    for r in pages(resolver, "list_resolver_rules", "ResolverRules"):
        try:
            kind = RuleType(r.get("RuleType", "SYSTEM"))
        except ValueError:
            continue
        rules.append(ResolverRule(r["Id"], _record_name(r.get("DomainName", "")), kind,
                                  tuple(t["Ip"] for t in r.get("TargetIps", []) if t.get("Ip")),
                                  tuple(vpcs_of_rule.get(r["Id"], [])), r.get("Name") or ""))
    return tuple(rules)


def _resolver_endpoints(resolver: Client) -> tuple[ResolverEndpoint, ...]:
    found = []
    for e in pages(resolver, "list_resolver_endpoints", "ResolverEndpoints"):
        ips = tuple(a["Ip"] for a in pages(resolver, "list_resolver_endpoint_ip_addresses",
                                          "IpAddresses", ResolverEndpointId=e["Id"])
                    if a.get("Ip"))
        found.append(ResolverEndpoint(e["Id"], e.get("HostVPCId", ""),
                                      e.get("Direction") == "INBOUND", ips))
    return tuple(found)
