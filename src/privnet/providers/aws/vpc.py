"""VPCs, created with DNS support and hostnames on (private hosted zones need both)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.adoption import ADOPTED
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tagged_ec2 import TaggedEc2Handler
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext


class VpcHandler(TaggedEc2Handler):
    """``aws.vpc.<name>``: properties ``cidr`` (or ``existing_id``).

    A VPC's CIDR cannot change in place; everything else privnet sets is fixed. Deleting one
    waits out endpoint network interfaces, which linger for a while after their endpoint.
    """

    kind = "aws.vpc"
    replace_on: frozenset[str] = frozenset({"cidr", "existing_id"})
    """Properties AWS cannot change in place: a change replaces the object."""
    noun = "VPC"
    describe_operation = "describe_vpcs"
    describe_key = "Vpcs"
    ids_parameter = "VpcIds"
    delete_operation = "delete_vpc"
    id_parameter = "VpcId"

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        return {"id": item["VpcId"], "cidr": item.get("CidrBlock", ""), ADOPTED: adopted}

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: Mapping[str, Any]) -> dict[str, Any]:
        ec2 = ctx.aws("ec2")
        with aws_errors():
            vpc: dict[str, Any] = ec2.create_vpc(
                CidrBlock=properties["cidr"],
                TagSpecifications=tag_specifications(ctx, address, "vpc"))["Vpc"]
            for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], **{attribute: {"Value": True}})
        return vpc
