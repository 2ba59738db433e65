"""The planned network as a snapshot, read from the compiled resource graph.

Plan-mode verify and the design rules ask what apply *will* build; the compiler is the one
place that decides it, so this adapter only translates its resources. Ids are stand-ins
derived from addresses (``vpc-<hash>``), and every ``Ref`` resolves to them; objects the
topology names by id keep their id. What AWS adds on its own is added the way AWS does: a
main route table with the local route and a default allow-all network ACL per VPC privnet
creates. VPCs given by id are adopted: their routing belongs to their owner, so the snapshot
records no route table for them and verify cannot vouch for paths through them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from privnet.facts.stand_in_address import stand_in_address
from privnet.reach.client_vpn_spec import planned_endpoint, with_client_vpn
from privnet.reach.designs.pni import planned_access_points
from privnet.reach.designs.services import design_services
from privnet.reach.snapshot import (
    ClientVpnEndpoint,
    EndpointDnsEntry,
    EndpointEni,
    HostedZone,
    InterfaceEndpoint,
    Nacl,
    NaclEntry,
    NetworkSnapshot,
    RecordSet,
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
    access_point_domain,
    client_locations,
    cluster_facts,
    expectations,
    platt_domain,
    stable_token,
)
from privnet.resources import aws_addresses as aws
from privnet.resources import confluent_addresses as confluent
from privnet.resources.compile import planned_resources
from privnet.resources.json_tree import transform
from privnet.resources.kinds.aws_names import (
    RECORD,
    RESOLVER_RULE,
    RESOLVER_RULE_ASSOCIATION,
    ZONE,
    ZONE_ASSOCIATION,
)
from privnet.resources.kinds.aws_network import (
    PNI_ENIS,
    ROUTE,
    ROUTE_TABLE,
    SECURITY_GROUP,
    SUBNET,
    VPC,
    VPC_ENDPOINT,
)
from privnet.resources.kinds.aws_transit import (
    TGW_ASSOCIATION,
    TGW_ATTACHMENT,
    TGW_PROPAGATION,
    TGW_ROUTE,
    TGW_ROUTE_TABLE,
    TRANSIT_GATEWAY,
)
from privnet.resources.model import Ref, Resource, ResourceGraph
from privnet.topology.connectivity import connectivity_by_name
from privnet.topology.model import Topology
from privnet.topology.view import TopologyView

PREFIXES = {
    VPC.name: "vpc", SUBNET.name: "subnet", ROUTE_TABLE.name: "rtb",
    SECURITY_GROUP.name: "sg", TRANSIT_GATEWAY.name: "tgw", TGW_ROUTE_TABLE.name: "tgw-rtb",
    TGW_ATTACHMENT.name: "tgw-attach", VPC_ENDPOINT.name: "vpce", ZONE.name: "Z",
    RESOLVER_RULE.name: "rslvr-rr",
}
"""Stand-in id prefixes, the ones AWS uses (the router tells a ``tgw-`` target by it)."""

ALLOW_ALL_OUT = SgRule("-1", 0, 65535, ("0.0.0.0/0",))


def az_name_for(region: str, az_id: str) -> str:
    """A stand-in AZ name (``use1-az2`` -> ``us-east-1b``); real mappings differ per account."""
    number = az_id.rsplit("az", 1)[-1]
    letter = chr(ord("a") + int(number) - 1) if number.isdigit() and 0 < int(number) < 27 else "x"
    return f"{region}{letter}"


@dataclass
class _Plan:
    """The graph, its stand-in ids and the Confluent-side values AWS resources refer to."""

    topology: Topology
    view: TopologyView
    graph: ResourceGraph
    ids: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], Any] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)
    """VPC address -> region."""

    by_kind: dict[str, list[Resource]] = field(default_factory=dict)
    """Resources by kind, in address order (indexed once: asked for each kind)."""

    def of_kind(self, kind: str) -> list[Resource]:
        if not self.by_kind:
            for address in sorted(self.graph.resources):
                resource = self.graph.resources[address]
                self.by_kind.setdefault(resource.kind, []).append(resource)
        return self.by_kind.get(kind, [])

    def resolve(self, value: Any) -> Any:
        """``value`` with each Ref replaced by its stand-in (an id, or a value this plan
        knows), through the one property-tree walker."""
        return transform(value, self._stand_in)

    def _stand_in(self, leaf: Any) -> Any:
        if not isinstance(leaf, Ref):
            return leaf
        if leaf.attribute == "id":
            return self.ids.get(leaf.address, f"<{leaf.address}>")
        return self.values.get((leaf.address, leaf.attribute), str(leaf))

    def prop(self, resource: Resource, name: str, default: Any = None) -> Any:
        return self.resolve(resource.properties.get(name, default))

    def refers(self, resource: Resource, name: str) -> str:
        """The address a ``Ref`` property points at ('' when it is no reference)."""
        value = resource.properties.get(name)
        return value.address if isinstance(value, Ref) else ""


def snapshot_from_graph(topology: Topology,
                        graph: ResourceGraph | None = None) -> NetworkSnapshot:
    """The snapshot of what applying ``topology`` builds, with Confluent facts and locations."""
    view = TopologyView(topology)
    plan = _Plan(topology, view, graph if graph is not None else planned_resources(topology))
    for address, resource in plan.graph.resources.items():
        given = resource.properties.get("existing_id")
        prefix = PREFIXES.get(resource.kind, resource.kind.rsplit(".", 1)[-1])
        plan.ids[address] = str(given) if given else (
            f"{prefix}-{stable_token(topology.stack, address)}")
    plan.regions = {aws.vpc(p.vpc.name): view.region_of(p.vpc.region) for p in view.vpcs}
    _confluent_values(plan)
    vpcs, notes = _vpcs(plan)
    subnets = _subnets(plan)
    endpoints = _endpoints(plan, subnets)
    vpc_id_of = _vpc_id_of(plan)
    vpn = plan.topology.aws.hub.vpn_vpc
    client_vpn = (planned_endpoint(topology, vpc_id_of(vpn.name), subnets, "cvpn-endpoint-"
                                   + stable_token(topology.stack, "client_vpn"))
                  if vpn is not None else None)
    return with_client_vpn(NetworkSnapshot(
        vpcs=vpcs, subnets=subnets, route_tables=_route_tables(plan, subnets),
        transit_gateways=tuple(TransitGateway(plan.ids[r.address])
                               for r in plan.of_kind(TRANSIT_GATEWAY.name)),
        tgw_attachments=_attachments(plan), tgw_route_tables=_tgw_tables(plan),
        security_groups=_groups(plan), nacls=_nacls(plan, subnets), endpoints=endpoints,
        hosted_zones=(*_zones(plan), *_other_zones(plan)), resolver_rules=_rules(plan),
        pni_access_points=planned_access_points(
            plan.of_kind(PNI_ENIS.name), plan.resolve, subnets,
            lambda address, slot: f"eni-{stable_token(topology.stack, address, slot)}"),
        clusters=cluster_facts(topology, vpc_id_of), services=design_services(topology),
        locations=client_locations(topology, vpc_id_of),
        client_vpn_endpoints=(client_vpn,) if client_vpn is not None else (),
        expectations=expectations(topology),
        notes=("plan mode: the compiled resource graph; ids, addresses and endpoint names are "
               "stand-ins", *_assumed_client_vpn(client_vpn, vpn.name if vpn else ""), *notes),
    ), topology, vpc_id_of)


def _vpc_id_of(plan: _Plan) -> Callable[[str], str]:
    def vpc_id_of(name: str) -> str:
        return plan.ids.get(aws.vpc(name), "")
    return vpc_id_of


def _confluent_values(plan: _Plan) -> None:
    """Stand-ins for what only Confluent answers: domains and endpoint service names."""
    stack = plan.topology.stack
    for name, placed in connectivity_by_name(plan.topology).items():
        service = f"com.amazonaws.vpce.{placed.region}.vpce-svc-{stable_token(stack, 'svc', name)}"
        plan.values[(confluent.platt(name), "dns_domain")] = platt_domain(placed.region)
        for address in (confluent.platt(name), confluent.ingress_gateway(name)):
            plan.values[(address, "vpc_endpoint_service_name")] = service
    for gateway in plan.topology.confluent.connectivity.ingress_gateways:
        gateway_placed = connectivity_by_name(plan.topology).get(gateway.name)
        region = gateway_placed.region if gateway_placed is not None else plan.topology.region
        for point in gateway.access_points:
            plan.values[(confluent.ingress_access_point(point.name), "dns_domain")] = (
                access_point_domain(stack, point.name, region))


def _adopted(resource: Resource) -> bool:
    return bool(resource.properties.get("existing_id"))


def _vpcs(plan: _Plan) -> tuple[tuple[Vpc, ...], list[str]]:
    found, notes = [], []
    for r in plan.of_kind(VPC.name):
        name = r.address.removeprefix(VPC.address(""))
        found.append(Vpc(plan.ids[r.address], (str(r.properties["cidr"]),), name,
                         plan.topology.stack))
        if _adopted(r):
            notes.append(f"VPC {name} ({plan.ids[r.address]}) is given by id: privnet neither "
                         "attaches it to the Transit Gateway nor writes its routes, so paths "
                         "through it are not known here")
    return tuple(found), notes


def _subnets(plan: _Plan) -> tuple[Subnet, ...]:
    found = []
    for r in plan.of_kind(SUBNET.name):
        region = plan.regions.get(plan.refers(r, "vpc_id"), plan.topology.region)
        az_id = str(r.properties["az_id"])
        found.append(Subnet(plan.ids[r.address], plan.prop(r, "vpc_id"), str(r.properties["cidr"]),
                            az_id, az_name_for(region, az_id)))
    return tuple(found)


def _vpc_cidr(plan: _Plan, vpc_address: str) -> str:
    vpc = plan.graph.resources.get(vpc_address)
    return str(vpc.properties["cidr"]) if vpc is not None else ""


def _route_tables(plan: _Plan, subnets: tuple[Subnet, ...]) -> tuple[RouteTable, ...]:
    routes: dict[str, list[Route]] = defaultdict(list)
    for r in plan.of_kind(ROUTE.name):
        target = plan.prop(r, "transit_gateway_id") or plan.prop(r, "target", "")
        routes[plan.refers(r, "route_table_id")].append(
            Route(str(r.properties["destination_cidr"]), str(target)))
    tables = []
    for r in plan.of_kind(ROUTE_TABLE.name):
        local = Route(_vpc_cidr(plan, plan.refers(r, "vpc_id")), "local")
        tables.append(RouteTable(plan.ids[r.address], plan.prop(r, "vpc_id"),
                                 (local, *routes[r.address]),
                                 tuple(plan.prop(r, "subnet_ids", []))))
    for r in plan.of_kind(VPC.name):
        if not _adopted(r):
            tables.append(RouteTable(f"rtb-{stable_token(plan.topology.stack, r.address, 'main')}",
                                     plan.ids[r.address], (Route(str(r.properties["cidr"]),
                                                                 "local"),), (), True))
    return tuple(tables)


def _nacls(plan: _Plan, subnets: tuple[Subnet, ...]) -> tuple[Nacl, ...]:
    """AWS gives every new VPC a default ACL allowing everything, holding all its subnets."""
    entries = tuple(NaclEntry(number, egress, "-1", number == 100, "0.0.0.0/0")
                    for egress in (True, False) for number in (100, 32767))
    found = []
    for r in plan.of_kind(VPC.name):
        if _adopted(r):
            continue
        vpc_id = plan.ids[r.address]
        members = tuple(s.id for s in subnets if s.vpc_id == vpc_id)
        found.append(Nacl(f"acl-{stable_token(plan.topology.stack, r.address)}", vpc_id, members,
                          entries, True))
    return tuple(found)


def _attachments(plan: _Plan) -> tuple[TgwAttachment, ...]:
    return tuple(TgwAttachment(plan.ids[r.address], plan.prop(r, "transit_gateway_id"),
                               plan.prop(r, "vpc_id"), tuple(plan.prop(r, "subnet_ids", [])))
                 for r in plan.of_kind(TGW_ATTACHMENT.name))


def _tgw_tables(plan: _Plan) -> tuple[TgwRouteTable, ...]:
    tables = []
    for table in plan.of_kind(TGW_ROUTE_TABLE.name):
        def linked(kind: str, table_address: str = table.address) -> list[Resource]:
            return [r for r in plan.of_kind(kind)
                    if plan.refers(r, "route_table_id") == table_address]

        associations = tuple(plan.prop(r, "attachment_id")
                             for r in linked(TGW_ASSOCIATION.name))
        propagations = linked(TGW_PROPAGATION.name)
        routes = []
        for r in propagations:
            attachment = plan.graph.resources.get(plan.refers(r, "attachment_id"))
            if attachment is not None:
                routes.append(TgwRoute(_vpc_cidr(plan, plan.refers(attachment, "vpc_id")),
                                       (plan.prop(r, "attachment_id"),), "propagated"))
        routes += [TgwRoute(str(r.properties["destination_cidr"]),
                            (plan.prop(r, "attachment_id"),), "static")
                   for r in linked(TGW_ROUTE.name)]
        tables.append(TgwRouteTable(plan.ids[table.address], plan.prop(table,
                                                                       "transit_gateway_id"),
                                    associations,
                                    tuple(plan.prop(r, "attachment_id") for r in propagations),
                                    tuple(routes)))
    return tuple(tables)


def _sg_rules(rules: Iterable[dict[str, Any]]) -> tuple[SgRule, ...]:
    """Rules as AWS lists them: one per protocol and port range, with all its CIDRs."""
    grouped: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for rule in rules:
        protocol = str(rule["protocol"])
        low, high = (0, 65535) if protocol == "-1" else (int(rule["from_port"]),
                                                           int(rule["to_port"]))
        grouped[(protocol, low, high)].append(str(rule["cidr"]))
    return tuple(SgRule(p, low, high, tuple(dict.fromkeys(cidrs)))
                 for (p, low, high), cidrs in grouped.items())


def _groups(plan: _Plan) -> tuple[SecurityGroup, ...]:
    found = []
    for r in plan.of_kind(SECURITY_GROUP.name):
        egress = r.properties.get("egress")
        found.append(SecurityGroup(
            plan.ids[r.address], plan.prop(r, "vpc_id"), str(r.properties.get("name", "")),
            _sg_rules(r.properties.get("ingress") or []),
            (ALLOW_ALL_OUT,) if egress is None else _sg_rules(egress)))
    return tuple(found)


def _endpoints(plan: _Plan, subnets: tuple[Subnet, ...]) -> tuple[InterfaceEndpoint, ...]:
    """Endpoint names the way AWS spells them, registered for the records that refer to them."""
    by_id = {s.id: s for s in subnets}
    found = []
    for r in plan.of_kind(VPC_ENDPOINT.name):
        endpoint_id = plan.ids[r.address]
        service = str(plan.prop(r, "service_name"))
        region = plan.regions.get(plan.refers(r, "vpc_id"), plan.topology.region)
        suffix = f"{service.rsplit('.', 1)[-1]}.{region}.vpce.amazonaws.com"
        base = f"{endpoint_id}-{stable_token(endpoint_id, length=8)}"
        entries = [EndpointDnsEntry(f"{base}.{suffix}")]
        enis, zonal = [], {}
        for subnet_id in plan.prop(r, "subnet_ids", []):
            subnet = by_id.get(subnet_id)
            if subnet is None:
                continue
            name = f"{base}-{subnet.az_name}.{suffix}"
            entries.append(EndpointDnsEntry(name, subnet.az_name))
            zonal[subnet.az_id] = name
            ip = stand_in_address(subnet.cidr)
            enis.append(EndpointEni(f"eni-{stable_token(endpoint_id, subnet.id)}", subnet.id, ip))
        plan.values[(r.address, "dns_name")] = entries[0].name
        plan.values[(r.address, "zonal_dns_names")] = zonal
        found.append(InterfaceEndpoint(endpoint_id, plan.prop(r, "vpc_id"), service,
                                       tuple(entries), tuple(enis),
                                       tuple(plan.prop(r, "security_group_ids", []))))
    return tuple(found)


def _record(plan: _Plan, r: Resource) -> RecordSet:
    labels = str(r.properties.get("labels", "")).strip(".")
    domain = str(plan.prop(r, "domain")).rstrip(".")
    target = plan.prop(r, "target")
    key = r.properties.get("target_key")
    if key is not None:
        target = target.get(key, "") if isinstance(target, dict) else ""
    return RecordSet(f"{labels}.{domain}" if labels else domain, str(r.properties["type"]),
                     (str(target),))


def _zones(plan: _Plan) -> list[HostedZone]:
    associated: dict[str, list[str]] = defaultdict(list)
    for r in plan.of_kind(ZONE_ASSOCIATION.name):
        associated[plan.refers(r, "zone_id")].append(plan.prop(r, "vpc_id"))
    records: dict[str, list[RecordSet]] = defaultdict(list)
    for r in plan.of_kind(RECORD.name):
        records[plan.refers(r, "zone_id")].append(_record(plan, r))
    return [HostedZone(plan.ids[r.address], str(plan.prop(r, "name")).rstrip("."),
                       tuple(dict.fromkeys([plan.prop(r, "vpc_id"), *associated[r.address]])),
                       tuple(records[r.address]))
            for r in plan.of_kind(ZONE.name)]


def _other_zones(plan: _Plan) -> list[HostedZone]:
    """Zones the topology says already exist on some VPCs (privnet builds none of them)."""
    vpc_id_of = _vpc_id_of(plan)
    return [HostedZone(f"Z-{stable_token(plan.topology.stack, 'other', other.name)}",
                       other.name, tuple(vpc_id_of(v) for v in other.vpcs if vpc_id_of(v)), ())
            for other in plan.topology.aws.dns.other_zones]


def _rules(plan: _Plan) -> tuple[ResolverRule, ...]:
    associated: dict[str, list[str]] = defaultdict(list)
    for r in plan.of_kind(RESOLVER_RULE_ASSOCIATION.name):
        associated[plan.refers(r, "rule_id")].append(plan.prop(r, "vpc_id"))
    rules = [ResolverRule(plan.ids[r.address], str(plan.prop(r, "domain")).rstrip("."),
                          RuleType(str(r.properties.get("rule_type", "SYSTEM"))), (),
                          tuple(associated[r.address]), str(r.properties.get("name", "")))
             for r in plan.of_kind(RESOLVER_RULE.name)]
    vpc_id_of = _vpc_id_of(plan)
    for forward in plan.topology.aws.dns.forwarding_rules:
        # already present on those VPCs (the topology describes them; privnet builds none)
        rules.append(ResolverRule(f"rslvr-rr-{stable_token(plan.topology.stack, forward.name)}",
                                  forward.domain, RuleType.FORWARD, tuple(forward.target_ips),
                                  tuple(vpc_id_of(v) for v in forward.vpcs if vpc_id_of(v)),
                                  forward.name))
    return tuple(rules)


def _assumed_client_vpn(endpoint: ClientVpnEndpoint | None, vpn_vpc: str) -> tuple[str, ...]:
    """privnet creates no Client VPN endpoint: plan mode judges the declared one, and says so,
    since live verify finds none until someone creates and associates it."""
    if endpoint is None:
        return ()
    return (f"plan mode: the Client VPN endpoint of VPN VPC {vpn_vpc} is assumed as declared "
            "(hub.vpn_vpc.client_vpn); privnet does not create it, so live verify reports the "
            f"vpn paths INSUFFICIENT_INFO until an endpoint is associated with {vpn_vpc}",)
