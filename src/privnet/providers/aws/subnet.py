"""Subnets, placed by AZ ID: the AZ name is looked up in the account at apply time."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws.adoption import ADOPTED
from privnet.providers.aws.availability_zones import zone_name
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tagged_ec2 import TaggedEc2Handler
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext
from privnet.resources.kinds.aws_network import SUBNET, SubnetProperties


class SubnetHandler(TaggedEc2Handler[SubnetProperties]):
    """``aws.subnet.<vpc>.<az_id>``: ``vpc_id``, ``cidr``, ``az_id`` (or ``existing_id``).

    CIDR and zone are fixed for a subnet's life; nothing changes in place.
    """

    kind = SUBNET
    noun = "subnet"
    describe_operation = "describe_subnets"
    describe_key = "Subnets"
    ids_parameter = "SubnetIds"
    delete_operation = "delete_subnet"
    id_parameter = "SubnetId"

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        return {
            "id": item["SubnetId"],
            "vpc_id": item.get("VpcId", ""),
            "cidr": item.get("CidrBlock", ""),
            "az_id": item.get("AvailabilityZoneId", ""),
            "az_name": item.get("AvailabilityZone", ""),
            ADOPTED: adopted,
        }

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: SubnetProperties) -> dict[str, Any]:
        az_name = zone_name(ctx, properties["az_id"])
        with aws_errors():
            subnet: dict[str, Any] = ctx.aws("ec2").create_subnet(
                VpcId=properties["vpc_id"],
                CidrBlock=properties["cidr"],
                AvailabilityZone=az_name,
                TagSpecifications=tag_specifications(ctx, address, "subnet"),
            )["Subnet"]
        return subnet
