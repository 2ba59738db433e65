"""The network a topology file *will* create, as a snapshot, so verify answers before apply.

Ids, addresses and endpoint names are deterministic stand-ins (``vpc-<hash>``, the tenth
address of each endpoint subnet, AZ names ``<region>a`` for ``az1``...). Existing objects given
by id keep their id. The shapes follow what privnet provisions: one route table per subnet,
default (allow-all) network ACLs, one Transit Gateway route table, the endpoint security group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
from privnet.reach.spec_facts import (
    access_point_domains,
    client_locations,
    cluster_facts,
    expectations,
    hub_vpc_for,
    platt_domain,
    stable_token,
)
from privnet.topology.aws import DnsStrategy, ZonalRecordKey
from privnet.topology.aws import Vpc as SpecVpc
from privnet.topology.connectivity import INGRESS, PLATT, connectivity_by_name
from privnet.topology.model import Topology
from privnet.topology.view import TopologyView, parse_cidr

DEFAULT_PORTS = ((443, "tcp"), (9092, "tcp"), (53, "tcp"), (53, "udp"))


def az_name_for(region: str, az_id: str) -> str:
    """A stand-in AZ name (``use1-az2`` -> ``us-east-1b``); real mappings differ per account."""
    number = az_id.rsplit("az", 1)[-1]
    letter = chr(ord("a") + int(number) - 1) if number.isdigit() and 0 < int(number) < 27 else "x"
    return f"{region}{letter}"


@dataclass
class _Builder:
    topology: Topology
    view: TopologyView
    vpcs: list[Vpc] = field(default_factory=list)
    subnets: list[Subnet] = field(default_factory=list)
    route_tables: list[RouteTable] = field(default_factory=list)
    attachments: list[TgwAttachment] = field(default_factory=list)
    groups: list[SecurityGroup] = field(default_factory=list)
    nacls: list[Nacl] = field(default_factory=list)
    endpoints: dict[str, InterfaceEndpoint] = field(default_factory=dict)
    vpc_ids: dict[str, str] = field(default_factory=dict)
    network_cidrs: list[tuple[str, str]] = field(default_factory=list)
    """(VPC name or ``vpn``, CIDR) of every valid location on the hub, computed once."""

    def fake(self, prefix: str, *parts: str) -> str:
        return f"{prefix}-{stable_token(self.topology.stack, prefix, *parts)}"


def snapshot_from_spec(topology: Topology) -> NetworkSnapshot:
    """The snapshot of the stack as planned, with Confluent facts and client locations."""
    view = TopologyView(topology)
    b = _Builder(topology, view)
    hub = topology.aws.hub.transit_gateway
    tgw_id = hub.id or b.fake("tgw", "hub")
    tgw_table_id = hub.route_table_id or b.fake("tgw-rtb", "hub")
    for placed in view.vpcs:
        b.vpc_ids[placed.vpc.name] = placed.vpc.id or b.fake("vpc", placed.vpc.name)
    b.network_cidrs = [(p.vpc.name, p.vpc.cidr) for p in view.network_vpcs()]
    if view.vpn is not None:
        b.network_cidrs.append(("vpn", view.vpn.client_cidr))
    b.network_cidrs = [(n, c) for n, c in b.network_cidrs if parse_cidr(c) is not None]
    for placed in view.vpcs:
        _add_vpc(b, placed.vpc, tgw_id)
    tgw_table = _tgw_table(b, tgw_id, tgw_table_id)
    zones, rules = _dns(b)
    return NetworkSnapshot(
        vpcs=tuple(b.vpcs), subnets=tuple(b.subnets), route_tables=tuple(b.route_tables),
        transit_gateways=(TransitGateway(tgw_id),), tgw_attachments=tuple(b.attachments),
        tgw_route_tables=(tgw_table,), security_groups=tuple(b.groups), nacls=tuple(b.nacls),
        endpoints=tuple(b.endpoints.values()), hosted_zones=zones, resolver_rules=rules,
        resolver_endpoints=_resolver_endpoints(b),
        clusters=cluster_facts(topology, lambda name: b.vpc_ids.get(name, "")),
        locations=client_locations(topology, lambda name: b.vpc_ids.get(name, "")),
        expectations=expectations(topology),
        notes=("plan mode: ids, addresses and endpoint names are stand-ins",),
    )


def _cidr_of(b: _Builder, location: str) -> str | None:
    network = b.view.location_cidr(location)
    return str(network) if network is not None else None


def _other_locations(b: _Builder, vpc: SpecVpc) -> list[str]:
    if vpc.routes is not None:
        found = [_cidr_of(b, r.destination) for r in vpc.routes]
        return [c for c in found if c]
    return [c for name, c in b.network_cidrs if name != vpc.name]


def _add_vpc(b: _Builder, vpc: SpecVpc, tgw_id: str) -> None:
    region = b.view.region_of(vpc.region)
    vpc_id = b.vpc_ids[vpc.name]
    b.vpcs.append(Vpc(vpc_id, (vpc.cidr,), vpc.name))
    subnet_ids = []
    attached = vpc.transit_gateway.attach
    routes = [Route(vpc.cidr, "local")]
    if attached:
        routes += [Route(c, tgw_id) for c in _other_locations(b, vpc) if c != vpc.cidr]
    for s in vpc.subnets:
        subnet_id = s.id or b.fake("subnet", vpc.name, s.cidr)
        subnet_ids.append(subnet_id)
        b.subnets.append(Subnet(subnet_id, vpc_id, s.cidr, s.az_id, az_name_for(region, s.az_id)))
        b.route_tables.append(RouteTable(b.fake("rtb", vpc.name, s.cidr), vpc_id, tuple(routes),
                                         (subnet_id,)))
    b.route_tables.append(RouteTable(b.fake("rtb", vpc.name, "main"), vpc_id,
                                     (Route(vpc.cidr, "local"),), (), True))
    allow_all = tuple(NaclEntry(100, egress, "-1", True, "0.0.0.0/0") for egress in (False, True))
    b.nacls.append(Nacl(b.fake("acl", vpc.name), vpc_id, tuple(subnet_ids), allow_all, True))
    if attached:
        b.attachments.append(TgwAttachment(b.fake("tgw-attach", vpc.name), tgw_id, vpc_id,
                                           tuple(subnet_ids)))
    if vpc.endpoint is not None:
        _add_endpoint(b, vpc, region, vpc_id)


def _endpoint_group(b: _Builder, vpc: SpecVpc, vpc_id: str) -> SecurityGroup:
    rules: list[SgRule] = []
    if vpc.security_group is not None:
        for rule in vpc.security_group.ingress:
            cidrs = tuple(c for c in (_cidr_of(b, s) for s in rule.sources) if c)
            rules += [SgRule(rule.protocol, port, port, cidrs) for port in rule.ports]
    else:
        locations = client_locations(b.topology, b.vpc_ids.__getitem__)
        sources = tuple(c for c in dict.fromkeys([vpc.cidr, *(loc.cidr for loc in locations
                                                               if loc.vpc_id)])
                        if parse_cidr(c) is not None)
        rules = [SgRule(proto, port, port, sources) for port, proto in DEFAULT_PORTS]
    egress = (SgRule("-1", 0, 65535, ("0.0.0.0/0",)),)
    return SecurityGroup(b.fake("sg", vpc.name, "endpoint"), vpc_id, f"{vpc.name}-endpoint",
                         tuple(rules), egress)


def _add_endpoint(b: _Builder, vpc: SpecVpc, region: str, vpc_id: str) -> None:
    group = _endpoint_group(b, vpc, vpc_id)
    b.groups.append(group)
    endpoint_id = b.fake("vpce", vpc.name)
    connectivity = vpc.endpoint.connectivity if vpc.endpoint is not None else ""
    service = f"vpce-svc-{stable_token(b.topology.stack, 'svc', connectivity)}"
    suffix = f"{service}.{region}.vpce.amazonaws.com"
    rand = stable_token(endpoint_id, length=8)
    entries = [EndpointDnsEntry(f"{endpoint_id}-{rand}.{suffix}")]
    enis = []
    for s in vpc.subnets:
        az_name = az_name_for(region, s.az_id)
        entries.append(EndpointDnsEntry(f"{endpoint_id}-{rand}-{az_name}.{suffix}", az_name))
        network = parse_cidr(s.cidr)
        ip = str(network.network_address + 10) if network is not None else ""
        subnet_id = s.id or b.fake("subnet", vpc.name, s.cidr)
        enis.append(EndpointEni(b.fake("eni", vpc.name, s.cidr), subnet_id, ip))
    b.endpoints[vpc.name] = InterfaceEndpoint(endpoint_id, vpc_id, f"com.amazonaws.vpce.{region}."
                                              f"{service}", tuple(entries), tuple(enis),
                                              (group.id,))


def _tgw_table(b: _Builder, tgw_id: str, table_id: str) -> TgwRouteTable:
    by_vpc = {a.vpc_id: a.id for a in b.attachments}
    associations, propagations, routes = [], [], []
    for placed in b.view.network_vpcs():
        attachment = by_vpc.get(b.vpc_ids[placed.vpc.name])
        if attachment is None:
            continue
        if placed.vpc.transit_gateway.associate:
            associations.append(attachment)
        if placed.vpc.transit_gateway.propagate:
            propagations.append(attachment)
            routes.append(TgwRoute(placed.vpc.cidr, (attachment,), "propagated"))
    vpn = b.view.vpn
    if vpn is not None and b.vpc_ids.get(vpn.name, "") in by_vpc:
        routes.append(TgwRoute(vpn.client_cidr, (by_vpc[b.vpc_ids[vpn.name]],), "static"))
    return TgwRouteTable(table_id, tgw_id, tuple(associations), tuple(propagations),
                         tuple(routes))


def _zone_vpcs(b: _Builder) -> list[str]:
    names = b.topology.aws.dns.associated_vpcs
    if names is None:
        names = [p.vpc.name for p in b.view.vpcs if p.vpc.needs_confluent]
    return [b.vpc_ids[n] for n in names if n in b.vpc_ids]


def _records(b: _Builder, domain: str, endpoint: InterfaceEndpoint,
             key: ZonalRecordKey) -> tuple[RecordSet, ...]:
    """``*.<domain>`` to the regional name, ``*.<az>.<domain>`` to each zonal name."""
    regional = next(e.name for e in endpoint.dns_entries if not e.az_name)
    records = [RecordSet(f"*.{domain}", "CNAME", (regional,))]
    subnets = {s.az_name: s for s in b.subnets if s.vpc_id == endpoint.vpc_id}
    for entry in endpoint.dns_entries:
        if entry.az_name and entry.az_name in subnets:
            label = subnets[entry.az_name].az_id if key is ZonalRecordKey.AZ_ID else entry.az_name
            records.append(RecordSet(f"*.{label}.{domain}", "CNAME", (entry.name,)))
    return tuple(records)


def _dns(b: _Builder) -> tuple[tuple[HostedZone, ...], tuple[ResolverRule, ...]]:
    dns = b.topology.aws.dns
    zones: list[HostedZone] = []
    rules: list[ResolverRule] = []
    placed = connectivity_by_name(b.topology)
    for name, conn in placed.items():
        if conn.kind == INGRESS:
            zones += _access_point_zones(b, name)
        if conn.kind != PLATT:
            continue
        domain = platt_domain(conn.region)
        if dns.strategy is DnsStrategy.CENTRALIZED:
            hub = hub_vpc_for(b.topology, name)
            if hub is None:
                continue
            records = _records(b, domain, b.endpoints[hub.name], dns.zonal_records_by)
            vpc_ids = tuple(_zone_vpcs(b))
            zones.append(HostedZone(b.fake("Z", name), domain, vpc_ids, records))
        else:
            vpc_ids = ()
            for vpc_name, endpoint in b.endpoints.items():
                spec_vpc = b.view.vpc_by_name[vpc_name].vpc
                if spec_vpc.endpoint is None or spec_vpc.endpoint.connectivity != name:
                    continue
                records = _records(b, domain, endpoint, dns.zonal_records_by)
                zones.append(HostedZone(b.fake("Z", name, vpc_name), domain,
                                        (endpoint.vpc_id,), records))
                vpc_ids += (endpoint.vpc_id,)
        if dns.system_rule:
            rules.append(ResolverRule(b.fake("rslvr-rr", name), domain, RuleType.SYSTEM, (),
                                      vpc_ids, f"{name}-system"))
    for other in dns.other_zones:
        zones.append(HostedZone(b.fake("Z", "other", other.name), other.name,
                                tuple(b.vpc_ids[v] for v in other.vpcs if v in b.vpc_ids), ()))
    for forward in dns.forwarding_rules:
        rules.append(ResolverRule(b.fake("rslvr-rr", forward.name), forward.domain,
                                  RuleType.FORWARD, tuple(forward.target_ips),
                                  tuple(b.vpc_ids[v] for v in forward.vpcs if v in b.vpc_ids),
                                  forward.name))
    return tuple(zones), tuple(rules)


def _access_point_zones(b: _Builder, gateway: str) -> list[HostedZone]:
    """One zone per access point, on its VPC, with ``*.<domain>`` to that VPC's endpoint."""
    zones = []
    names = {v: n for n, v in b.vpc_ids.items()}
    for vpc_id, domain in access_point_domains(b.topology, gateway, b.vpc_ids.__getitem__):
        endpoint = b.endpoints.get(names.get(vpc_id, ""))
        if endpoint is None:
            continue
        regional = next(e.name for e in endpoint.dns_entries if not e.az_name)
        zones.append(HostedZone(b.fake("Z", gateway, domain), domain, (vpc_id,),
                                (RecordSet(f"*.{domain}", "CNAME", (regional,)),)))
    return zones


def _resolver_endpoints(b: _Builder) -> tuple[ResolverEndpoint, ...]:
    dns_vpc = b.topology.aws.hub.dns_vpc
    if dns_vpc is None:
        return ()
    networks = [parse_cidr(s.cidr) for s in dns_vpc.subnets]
    ips = [str(n.network_address + 4) for n in networks if n is not None and n.num_addresses > 8]
    return (ResolverEndpoint(b.fake("rslvr-in", dns_vpc.name), b.vpc_ids[dns_vpc.name], True,
                             tuple(ips)),)

