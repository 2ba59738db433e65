"""AWS side of the topology: the hub, workload VPCs, DNS strategy and secrets layout."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StrictInt, field_validator, model_validator

from privnet.topology.common import AzId, Cidr, Model, Name
from privnet.topology.quotas import (
    AWS_QUOTAS,
    check_declared,
    check_security_group_product,
    describe,
)


class Subnet(Model):
    """A private subnet, placed by AZ *ID* so that zonal DNS names line up across accounts."""

    az_id: AzId
    cidr: Cidr
    id: str | None = Field(default=None, description="Existing subnet id; omit to create it.")


class Port(StrEnum):
    """The ports private Kafka clients need, plus DNS."""

    HTTPS = "443"
    KAFKA = "9092"
    DNS = "53"


PortNumber = Annotated[int, Field(ge=0, le=65535,
                                  description="A TCP or UDP port: 16 bits, 0 to 65535.")]


class IngressRule(Model):
    """Allow ``protocol`` traffic on ``ports`` from ``sources`` (CIDRs, VPC names or ``vpn``)."""

    protocol: Literal["tcp", "udp"] = "tcp"
    ports: list[PortNumber] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class EgressRule(Model):
    """Allow outbound ``protocol`` traffic on ``ports`` to ``destinations``."""

    protocol: Literal["tcp", "udp", "all"] = "all"
    ports: list[PortNumber] = Field(default_factory=list)
    destinations: list[str] = Field(default_factory=lambda: ["0.0.0.0/0"])


class SecurityGroup(Model):
    """The security group guarding a VPC's Confluent endpoint (or PNI ENIs).

    Left out, privnet derives one: 443 and 9092 (and 53 tcp/udp) from every client location.
    """

    ingress: list[IngressRule] = Field(default_factory=list)
    egress: list[EgressRule] = Field(default_factory=list)


class TransitGatewayAttachment(Model):
    """How a VPC joins the hub: attached, associated with and propagating to its route table."""

    attach: bool = True
    associate: bool = True
    propagate: bool = True
    dns_support: bool = True


class Route(Model):
    """A route in the VPC's subnet route tables; ``destination`` is a CIDR, VPC name or ``vpn``."""

    destination: str
    via: Literal["transit_gateway"] = "transit_gateway"


class Endpoint(Model):
    """An interface VPC endpoint towards a Confluent connectivity (PLATT or ingress gateway)."""

    connectivity: Name = Field(description="Name of a PrivateLink attachment or ingress gateway.")
    private_dns_enabled: bool = Field(
        default=False, description="Must stay false: privnet manages DNS in a private zone."
    )


class Vpc(Model):
    """A VPC, existing (give ``id``) or created by privnet (give ``cidr`` and ``subnets``).

    An existing VPC's ``cidr`` may be left out: ``verify --source aws`` reads it from the
    account, while ``validate``, ``plan`` and plan-mode ``verify`` ask for it (ADDR-004)."""

    name: Name
    cidr: Cidr = Field(default="", description="Primary IPv4 CIDR; optional with id.")
    id: str | None = Field(default=None, description="Existing VPC id; omit to create the VPC.")
    region: str | None = Field(default=None, description="Defaults to the topology region.")
    subnets: list[Subnet] = Field(default_factory=list)
    needs_confluent: bool = Field(
        default=True, description="Clients in this VPC reach private clusters."
    )
    endpoint: Endpoint | None = None
    security_group: SecurityGroup | None = None
    transit_gateway: TransitGatewayAttachment = Field(default_factory=TransitGatewayAttachment)
    routes: list[Route] | None = Field(
        default=None,
        description="Routes to other locations; omit to route to every other location.",
    )

    @model_validator(mode="after")
    def _cidr_or_id(self) -> Vpc:
        if not self.cidr and not self.id:
            raise ValueError("a VPC privnet creates needs a cidr: give cidr, or the id of an "
                             "existing VPC")
        return self


class ClientVpn(Model):
    """The AWS Client VPN endpoint VPN clients connect to; privnet models it, never creates it.

    AWS source-NATs client traffic to the endpoint's interface in each associated subnet, and
    lets it through only where the endpoint has a route and an authorization rule. Omitted
    lists take the defaults of a working setup: every subnet of the VPN VPC associated, the
    VPCs holding Confluent endpoints routed and authorized for all clients, and the VPN VPC's
    resolver as DNS server.
    """

    id: str | None = Field(default=None, description=(
        "Existing Client VPN endpoint id (cvpn-endpoint-...); omit to find the one "
        "associated with the VPN VPC."))
    associated_subnets: list[AzId] | None = Field(default=None, description=(
        "AZ IDs of the VPN VPC subnets associated with the endpoint; omit for all."))
    routes: list[str] | None = Field(default=None, description=(
        "Destinations (CIDRs or VPC names) in the endpoint's route table, through every "
        "associated subnet; omit for the VPCs holding Confluent endpoints."))
    authorized: list[str] | None = Field(default=None, description=(
        "Destinations (CIDRs or VPC names) authorized for all clients; omit for the routes."))
    dns_servers: list[str] | None = Field(default=None, max_length=2, description=(
        "DNS servers pushed to clients; omit for the VPN VPC's resolver (its base + 2). An "
        "empty list leaves clients on their device's DNS."))


class VpnVpc(Vpc):
    """The client-VPN VPC, with the CIDR handed out to VPN clients."""

    client_cidr: Cidr
    client_vpn: ClientVpn = Field(default_factory=ClientVpn)

    @model_validator(mode="after")
    def _associated_subnets_exist(self) -> VpnVpc:
        wanted = self.client_vpn.associated_subnets or []
        listed = {s.az_id for s in self.subnets}
        unknown = [az for az in wanted if listed and az not in listed]
        if unknown:
            raise ValueError(f"client_vpn.associated_subnets names {', '.join(unknown)}, but "
                             f"the VPN VPC has subnets in {', '.join(sorted(listed))} only")
        return self


class TransitGateway(Model):
    """The hub Transit Gateway and its route table, existing by id or created."""

    id: str | None = None
    route_table_id: str | None = None
    amazon_side_asn: int = Field(default=64512, ge=64512, le=4294967294)


class Hub(Model):
    """Shared network pieces every workload VPC connects to (seed 000 expects them pre-built)."""

    transit_gateway: TransitGateway = Field(default_factory=TransitGateway)
    dns_vpc: Vpc | None = None
    vpn_vpc: VpnVpc | None = None
    runner_vpc: Vpc | None = None


class DnsStrategy(StrEnum):
    """One private zone for all VPCs, or one zone per VPC (only with unique namespaces)."""

    CENTRALIZED = "centralized"
    PER_VPC = "per_vpc"


class ZonalRecordKey(StrEnum):
    """What the zonal wildcard records are keyed by; only ``az_id`` is correct."""

    AZ_ID = "az_id"
    AZ_NAME = "az_name"


class PrivateZone(Model):
    """A private hosted zone privnet does not own but must not collide with."""

    name: str
    vpcs: list[str] = Field(default_factory=list)


class ForwardingRule(Model):
    """A Route 53 Resolver FORWARD rule already present on some VPCs."""

    name: Name
    domain: str
    target_ips: list[str] = Field(min_length=1)
    vpcs: list[str] = Field(default_factory=list)


class Dns(Model):
    """How Confluent names resolve privately in the VPCs."""

    strategy: DnsStrategy = DnsStrategy.CENTRALIZED
    hub_endpoint: str | None = Field(
        default=None,
        description="VPC whose endpoint the centralized records point at (default: first).",
    )
    associated_vpcs: list[str] | None = Field(
        default=None, description="VPCs associated with the zone; default: every VPC needing it."
    )
    zonal_records_by: ZonalRecordKey = ZonalRecordKey.AZ_ID
    system_rule: bool = Field(default=True, description="Create the SYSTEM resolver rule.")
    other_zones: list[PrivateZone] = Field(default_factory=list)
    forwarding_rules: list[ForwardingRule] = Field(default_factory=list)
    record_ttl: int = Field(default=60, ge=1, le=86400)


class Secrets(Model):
    """Where credentials are stored in AWS Secrets Manager (``{stack}`` is replaced)."""

    root_path: str = "/confluent_cloud_resource/{stack}"


class Aws(Model):
    """Everything privnet manages or inspects in AWS."""

    hub: Hub = Field(default_factory=Hub)
    vpcs: list[Vpc] = Field(default_factory=list)
    dns: Dns = Field(default_factory=Dns)
    secrets: Secrets = Field(default_factory=Secrets)
    quotas: dict[str, StrictInt] = Field(default_factory=dict, description=(
        "The AWS quotas this account has where they differ from the defaults (the QUOTA-* "
        "rules judge the design against them), such as {rules_per_security_group: 200}. "
        f"Known names: {describe(AWS_QUOTAS)}. Positive whole numbers; a quota AWS does not "
        "let be raised may only be declared lower."))

    @field_validator("quotas")
    @classmethod
    def _known_quotas(cls, value: dict[str, int]) -> dict[str, int]:
        check_declared(value, AWS_QUOTAS)
        check_security_group_product(value)
        return value
