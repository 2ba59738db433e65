"""AWS kinds of one VPC's network: the VPC, its subnets, routing, security and endpoints."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits

VPC = Kind("aws.vpc", UNTYPED, Traits(replace_on=frozenset({"cidr", "existing_id"}),
                                      network=True))
SUBNET = Kind("aws.subnet", UNTYPED, Traits(
    replace_on=frozenset({"vpc_id", "cidr", "az_id", "existing_id"}), network=True))
ROUTE_TABLE = Kind("aws.route_table", UNTYPED, Traits(replace_on=frozenset({"vpc_id"}),
                                                      network=True))
ROUTE = Kind("aws.route", UNTYPED, Traits(
    replace_on=frozenset({"route_table_id", "destination_cidr"}), runner_path=True,
    network=True))
SECURITY_GROUP = Kind("aws.security_group", UNTYPED, Traits(
    replace_on=frozenset({"vpc_id", "name"}), network=True))
VPC_ENDPOINT = Kind("aws.vpc_endpoint", UNTYPED, Traits(
    replace_on=frozenset({"vpc_id", "service_name"}), network=True))
PNI_ENIS = Kind("aws.pni_enis", UNTYPED, Traits(
    replace_on=frozenset({"security_group_ids"}), network=True))
ENI_PERMISSION = Kind("aws.eni_permission", UNTYPED, Traits(network=True))

KINDS = (VPC, SUBNET, ROUTE_TABLE, ROUTE, SECURITY_GROUP, VPC_ENDPOINT, PNI_ENIS,
         ENI_PERMISSION)
