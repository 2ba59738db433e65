"""Subnets, placed by AZ ID: the AZ name is looked up in the account at apply time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.adoption import ADOPTED, existing_id, is_adopted, missing
from privnet.providers.aws.availability_zones import zone_name
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext, Readiness


def _attributes(subnet: dict[str, Any], adopted: bool) -> Attributes:
    return {
        "id": subnet["SubnetId"],
        "vpc_id": subnet.get("VpcId", ""),
        "cidr": subnet.get("CidrBlock", ""),
        "az_id": subnet.get("AvailabilityZoneId", ""),
        "az_name": subnet.get("AvailabilityZone", ""),
        ADOPTED: adopted,
    }


class SubnetHandler:
    """``aws.subnet.<vpc>.<az_id>``: ``vpc_id``, ``cidr``, ``az_id`` (or ``existing_id``)."""

    kind = "aws.subnet"
    replace_on: frozenset[str] = frozenset({"vpc_id", "cidr", "az_id", "existing_id"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        given = existing_id(properties)
        if given:
            found = live(describe(ctx, "describe_subnets", "Subnets", SubnetIds=[given]))
            return _attributes(found[0], True) if found else None
        subnet = find_tagged(ctx, "describe_subnets", "Subnets", address)
        return _attributes(subnet, False) if subnet else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(describe(ctx, "describe_subnets", "Subnets", SubnetIds=[attributes["id"]]))
        return _attributes(found[0], is_adopted(attributes)) if found else None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        given = existing_id(properties)
        if given:
            adopted = self.find(ctx, address, properties)
            if adopted is None:
                raise missing("subnet", given)
            return adopted
        az_name = zone_name(ctx, str(properties["az_id"]))
        with aws_errors():
            subnet = ctx.aws("ec2").create_subnet(
                VpcId=properties["vpc_id"],
                CidrBlock=properties["cidr"],
                AvailabilityZone=az_name,
                TagSpecifications=tag_specifications(ctx, address, "subnet"),
            )["Subnet"]
        return _attributes(subnet, False)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """CIDR and zone are fixed for a subnet's life; nothing to change in place."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if is_adopted(attributes):
            return
        with absent_ok(), aws_errors(also_transient=frozenset({"DependencyViolation"})):
            ctx.aws("ec2").delete_subnet(SubnetId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        found = describe(ctx, "describe_subnets", "Subnets", SubnetIds=[attributes["id"]])
        state = state_of(found[0]) if found else "missing"
        return Readiness(state == "available", f"subnet {attributes['id']} {state}")
