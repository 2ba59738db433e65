"""VPCs, created with DNS support and hostnames on (private hosted zones need both)."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws.adoption import ADOPTED
from privnet.providers.aws.ec2_lookup import find_tagged
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tagged_ec2 import TaggedEc2Handler
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext
from privnet.resources.kinds.aws_network import VPC, VpcProperties

_DNS_ATTRIBUTES = ("EnableDnsSupport", "EnableDnsHostnames")
"""Set after CreateVpc (it cannot set them); private hosted zones need both."""


class VpcHandler(TaggedEc2Handler[VpcProperties]):
    """``aws.vpc.<name>``: properties ``cidr`` (or ``existing_id``).

    A VPC's CIDR cannot change in place; everything else privnet sets is fixed. Deleting one
    waits out endpoint network interfaces, which linger for a while after their endpoint.
    """

    kind = VPC
    noun = "VPC"
    describe_operation = "describe_vpcs"
    describe_key = "Vpcs"
    ids_parameter = "VpcIds"
    delete_operation = "delete_vpc"
    id_parameter = "VpcId"

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        return {"id": item["VpcId"], "cidr": item.get("CidrBlock", ""), ADOPTED: adopted}

    def find(self, ctx: ProviderContext, address: str,
             properties: VpcProperties) -> Attributes | None:
        """The VPC, when it can be adopted as it is. One whose DNS support or hostnames are
        still off is one an interrupted or throttled create left half-made: it is not offered
        for adoption, so the executor calls ``create``, which finds it again by its tags
        (set in the CreateVpc call) and completes it instead of making a second VPC."""
        found = super().find(ctx, address, properties)
        if found is None or found.get(ADOPTED):
            return found
        return found if not self._dns_missing(ctx, str(found["id"])) else None

    def _dns_missing(self, ctx: ProviderContext, vpc_id: str) -> list[str]:
        ec2 = ctx.aws("ec2")
        missing = []
        with aws_errors():
            for attribute in _DNS_ATTRIBUTES:
                answer = ec2.describe_vpc_attribute(VpcId=vpc_id, Attribute=attribute[0].lower()
                                                    + attribute[1:])
                if not answer.get(attribute, {}).get("Value"):
                    missing.append(attribute)
        return missing

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: VpcProperties) -> dict[str, Any]:
        ec2 = ctx.aws("ec2")
        vpc = find_tagged(ctx, self.describe_operation, self.describe_key, address)
        with aws_errors():
            if vpc is None:
                vpc = ec2.create_vpc(
                    CidrBlock=properties["cidr"],
                    TagSpecifications=tag_specifications(ctx, address, "vpc"))["Vpc"]
        # One attribute per call (an EC2 rule); setting one already on is harmless.
        for attribute in self._dns_missing(ctx, vpc["VpcId"]):
            with aws_errors():
                ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], **{attribute: {"Value": True}})
        return vpc
