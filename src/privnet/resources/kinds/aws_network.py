"""AWS kinds of one VPC's network: the VPC, its subnets, routing, security and endpoints.

Each ``*Properties`` is what the kind's handler receives: every Ref resolved (ids are ``str``).
"""

# No ``from __future__ import annotations``: TypedDict must see ``NotRequired`` at runtime
# (Python 3.11 reads a string annotation as required), and the key test reads the keys.
from typing import Annotated, NotRequired, TypedDict

from privnet.resources.kinds.base import INTERNAL, Kind, Traits


class VpcProperties(TypedDict):
    cidr: str
    existing_id: NotRequired[Annotated[str, INTERNAL]]
    """A VPC given by id: adopted, never changed or deleted."""


class SubnetProperties(TypedDict):
    vpc_id: str
    cidr: str
    az_id: str
    existing_id: NotRequired[Annotated[str, INTERNAL]]


class RouteTableProperties(TypedDict):
    vpc_id: str
    subnet_ids: list[str]
    """The subnets associated with the table (all of the VPC's)."""


class RouteProperties(TypedDict):
    route_table_id: str
    destination_cidr: str
    transit_gateway_id: str


class RuleProperties(TypedDict):
    """One security group rule; protocol ``-1`` (ports -1) allows everything."""

    protocol: str
    from_port: int
    to_port: int
    cidr: str


class SecurityGroupProperties(TypedDict):
    vpc_id: str
    name: str
    description: str
    ingress: list[RuleProperties]
    egress: list[RuleProperties] | None
    """None keeps the AWS default (all out); a list, even empty, is the exact egress set."""


class VpcEndpointProperties(TypedDict):
    vpc_id: str
    service_name: str
    subnet_ids: list[str]
    security_group_ids: list[str]
    private_dns_enabled: bool
    """Always false: privnet owns the private DNS."""


class PniEnisProperties(TypedDict):
    subnet_ids: list[str]
    count_per_subnet: int
    security_group_ids: list[str]
    existing_ids: list[str]
    """Interfaces made elsewhere, listed as they are."""


class EniPermissionProperties(TypedDict):
    network_interface_ids: list[str]
    account: str
    """Confluent's AWS account."""
    permission: str


VPC = Kind("aws.vpc", VpcProperties, Traits(replace_on=frozenset({"cidr", "existing_id"}),
                                            network=True))
SUBNET = Kind("aws.subnet", SubnetProperties, Traits(
    replace_on=frozenset({"vpc_id", "cidr", "az_id", "existing_id"}), network=True))
ROUTE_TABLE = Kind("aws.route_table", RouteTableProperties, Traits(
    replace_on=frozenset({"vpc_id"}), network=True))
ROUTE = Kind("aws.route", RouteProperties, Traits(
    replace_on=frozenset({"route_table_id", "destination_cidr"}), runner_path=True,
    network=True))
SECURITY_GROUP = Kind("aws.security_group", SecurityGroupProperties, Traits(
    replace_on=frozenset({"vpc_id", "name"}), network=True))
VPC_ENDPOINT = Kind("aws.vpc_endpoint", VpcEndpointProperties, Traits(
    replace_on=frozenset({"vpc_id", "service_name"}), network=True))
PNI_ENIS = Kind("aws.pni_enis", PniEnisProperties, Traits(
    replace_on=frozenset({"security_group_ids"}), network=True))
ENI_PERMISSION = Kind("aws.eni_permission", EniPermissionProperties, Traits(network=True))

KINDS = (VPC, SUBNET, ROUTE_TABLE, ROUTE, SECURITY_GROUP, VPC_ENDPOINT, PNI_ENIS,
         ENI_PERMISSION)
