"""An immutable picture of the network and the Confluent facts that reachability is decided on.

Everything is a frozen dataclass holding tuples, so one snapshot can be analysed many times (and
from many threads) without anyone changing it underneath. Builders live next door:
``aws_snapshot.py`` (live describe calls) and ``graph_snapshot.py`` (what the compiled graph
will create).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Vpc:
    """``stack`` is the privnet stack that made (or adopted and tagged) it, when known."""

    id: str
    cidrs: tuple[str, ...]
    name: str = ""
    stack: str = ""


@dataclass(frozen=True)
class Subnet:
    id: str
    vpc_id: str
    cidr: str
    az_id: str
    az_name: str = ""


@dataclass(frozen=True)
class Route:
    """One route of a subnet route table; ``target`` is ``local`` or a gateway id (tgw-...)."""

    destination: str
    target: str
    blackhole: bool = False


@dataclass(frozen=True)
class RouteTable:
    id: str
    vpc_id: str
    routes: tuple[Route, ...]
    subnet_ids: tuple[str, ...] = ()
    main: bool = False


@dataclass(frozen=True)
class TransitGateway:
    id: str


@dataclass(frozen=True)
class TgwAttachment:
    id: str
    tgw_id: str
    vpc_id: str
    subnet_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class TgwRoute:
    """A TGW route; ``origin`` is ``static`` or ``propagated`` (derived ones say so)."""

    destination: str
    attachment_ids: tuple[str, ...]
    origin: str = "static"
    blackhole: bool = False


@dataclass(frozen=True)
class TgwRouteTable:
    id: str
    tgw_id: str
    associations: tuple[str, ...] = ()
    propagations: tuple[str, ...] = ()
    routes: tuple[TgwRoute, ...] = ()


@dataclass(frozen=True)
class SgRule:
    """One allow rule; protocol ``-1`` means all, ports are inclusive."""

    protocol: str
    from_port: int
    to_port: int
    cidrs: tuple[str, ...] = ()
    group_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecurityGroup:
    id: str
    vpc_id: str
    name: str = ""
    ingress: tuple[SgRule, ...] = ()
    egress: tuple[SgRule, ...] = ()


@dataclass(frozen=True)
class NaclEntry:
    rule_number: int
    egress: bool
    protocol: str
    allow: bool
    cidr: str
    from_port: int = 0
    to_port: int = 65535


@dataclass(frozen=True)
class Nacl:
    id: str
    vpc_id: str
    subnet_ids: tuple[str, ...]
    entries: tuple[NaclEntry, ...]
    default: bool = False


@dataclass(frozen=True)
class EndpointDnsEntry:
    """A DNS name of an interface endpoint; ``az_name`` is empty for the regional name."""

    name: str
    az_name: str = ""


@dataclass(frozen=True)
class EndpointEni:
    id: str
    subnet_id: str
    ip: str


@dataclass(frozen=True)
class InterfaceEndpoint:
    id: str
    vpc_id: str
    service_name: str
    dns_entries: tuple[EndpointDnsEntry, ...]
    enis: tuple[EndpointEni, ...]
    security_group_ids: tuple[str, ...]


@dataclass(frozen=True)
class PniAccessPoint:
    """The interfaces of a Private Network Interface access point: Confluent attaches its
    brokers to them, in the customer's subnets, behind the customer's security groups."""

    name: str
    vpc_id: str
    enis: tuple[EndpointEni, ...]
    security_group_ids: tuple[str, ...]


@dataclass(frozen=True)
class Service:
    """A private name something needs besides the clusters' own names: Flink's regional
    endpoint, or the source cluster's REST name privnet calls to create a source-initiated
    link. ``host`` empty means the REST name of ``cluster``; ``sources`` empty means every
    location; a ``required`` service ignores ``verify.expect`` (privnet itself makes the call).
    """

    name: str
    host: str
    port: int
    cluster: str = ""
    sources: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class RecordSet:
    name: str
    type: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class HostedZone:
    id: str
    name: str
    vpc_ids: tuple[str, ...]
    records: tuple[RecordSet, ...]


class RuleType(StrEnum):
    FORWARD = "FORWARD"
    SYSTEM = "SYSTEM"
    RECURSIVE = "RECURSIVE"


@dataclass(frozen=True)
class ResolverRule:
    id: str
    domain: str
    type: RuleType
    target_ips: tuple[str, ...] = ()
    vpc_ids: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class ResolverEndpoint:
    id: str
    vpc_id: str
    inbound: bool
    ips: tuple[str, ...]


@dataclass(frozen=True)
class ClusterFacts:
    """What Confluent says about a cluster; ``zones`` are the AZ IDs its brokers live in.

    ``domains`` pairs a VPC id with the DNS domain clients in that VPC use, for connectivity
    with a domain per VPC (ingress access points); other VPCs use ``dns_domain``.
    """

    id: str
    name: str
    bootstrap: str
    rest: str
    private: bool
    dns_domain: str
    zones: tuple[str, ...] = ()
    domains: tuple[tuple[str, str], ...] = ()
    access_points: tuple[tuple[str, str], ...] = ()
    """(name, VPC id) of the PNI access points serving the cluster (its names are public)."""

    def domain_for(self, vpc_id: str) -> str:
        return dict(self.domains).get(vpc_id, self.dns_domain)


@dataclass(frozen=True)
class ClientVpnAssociation:
    """A target network association: the endpoint's interface in ``subnet_id``.

    AWS source-NATs client traffic to ``eni_ip``, so beyond the endpoint destinations see
    this address (in the associated subnet), never the client range.
    """

    id: str
    subnet_id: str
    eni_ip: str
    eni_id: str = ""


@dataclass(frozen=True)
class ClientVpnRoute:
    """A Client VPN route: ``destination`` leaves through the association in ``subnet_id``."""

    destination: str
    subnet_id: str


@dataclass(frozen=True)
class ClientVpnAuthorization:
    """An ingress authorization rule: all clients, or members of ``group_id``, may reach it."""

    destination: str
    all_groups: bool = True
    group_id: str = ""


@dataclass(frozen=True)
class ClientVpnEndpoint:
    """An AWS Client VPN endpoint as AWS has it (its routes and rules are its own, per subnet).

    ``security_group_ids`` are applied to the association interfaces (in ``vpc_id``);
    ``dns_servers`` empty means the VPC resolver (the VPC's .2 address).
    """

    id: str
    client_cidr: str
    vpc_id: str
    associations: tuple[ClientVpnAssociation, ...] = ()
    routes: tuple[ClientVpnRoute, ...] = ()
    authorizations: tuple[ClientVpnAuthorization, ...] = ()
    security_group_ids: tuple[str, ...] = ()
    dns_servers: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class ClientLocation:
    """Where clients sit: inside ``vpc_id`` (``subnet_id``), with source addresses ``cidr``.

    VPN clients (``client_vpn_id`` set) connect to that Client VPN endpoint from ``cidr`` (the
    client range), and their traffic leaves from its association interfaces; the runner is a
    location too (``vpc_id`` empty when it runs on the internet).
    """

    name: str
    cidr: str
    vpc_id: str
    subnet_id: str = ""
    client_vpn_id: str = ""


@dataclass(frozen=True)
class Expectation:
    """Whether ``source`` should reach ``cluster`` (names of a location and a cluster)."""

    source: str
    cluster: str
    reachable: bool


@dataclass(frozen=True)
class NetworkSnapshot:
    """The whole picture. ``notes`` say what was derived rather than read (emulator gaps)."""

    vpcs: tuple[Vpc, ...] = ()
    subnets: tuple[Subnet, ...] = ()
    route_tables: tuple[RouteTable, ...] = ()
    transit_gateways: tuple[TransitGateway, ...] = ()
    tgw_attachments: tuple[TgwAttachment, ...] = ()
    tgw_route_tables: tuple[TgwRouteTable, ...] = ()
    security_groups: tuple[SecurityGroup, ...] = ()
    nacls: tuple[Nacl, ...] = ()
    endpoints: tuple[InterfaceEndpoint, ...] = ()
    hosted_zones: tuple[HostedZone, ...] = ()
    resolver_rules: tuple[ResolverRule, ...] = ()
    resolver_endpoints: tuple[ResolverEndpoint, ...] = ()
    pni_access_points: tuple[PniAccessPoint, ...] = ()
    clusters: tuple[ClusterFacts, ...] = ()
    services: tuple[Service, ...] = ()
    locations: tuple[ClientLocation, ...] = ()
    client_vpn_endpoints: tuple[ClientVpnEndpoint, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    notes: tuple[str, ...] = field(default=())
    absent_vpcs: tuple[tuple[str, str], ...] = ()
    """(VPC id, region) for each VPC the file names by ``id`` that the account's describe of
    that region did not list: a typo or the wrong region, not a gap in the file."""
