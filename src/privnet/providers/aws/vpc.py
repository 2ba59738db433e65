"""VPCs, created with DNS support and hostnames on (private hosted zones need both)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.adoption import ADOPTED, existing_id, is_adopted, missing
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext, Readiness


def _attributes(vpc: dict[str, Any], adopted: bool) -> Attributes:
    return {"id": vpc["VpcId"], "cidr": vpc.get("CidrBlock", ""), ADOPTED: adopted}


class VpcHandler:
    """``aws.vpc.<name>``: properties ``cidr`` (or ``existing_id``)."""

    kind = "aws.vpc"
    replace_on: frozenset[str] = frozenset({"cidr", "existing_id"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        given = existing_id(properties)
        if given:
            found = live(describe(ctx, "describe_vpcs", "Vpcs", VpcIds=[given]))
            return _attributes(found[0], True) if found else None
        vpc = find_tagged(ctx, "describe_vpcs", "Vpcs", address)
        return _attributes(vpc, False) if vpc else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(describe(ctx, "describe_vpcs", "Vpcs", VpcIds=[attributes["id"]]))
        return _attributes(found[0], is_adopted(attributes)) if found else None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        given = existing_id(properties)
        if given:
            adopted = self.find(ctx, address, properties)
            if adopted is None:
                raise missing("VPC", given)
            return adopted
        ec2 = ctx.aws("ec2")
        with aws_errors():
            vpc = ec2.create_vpc(CidrBlock=properties["cidr"],
                                 TagSpecifications=tag_specifications(ctx, address, "vpc"))["Vpc"]
            for attribute in ("EnableDnsSupport", "EnableDnsHostnames"):
                ec2.modify_vpc_attribute(VpcId=vpc["VpcId"], **{attribute: {"Value": True}})
        return _attributes(vpc, False)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """A VPC's CIDR cannot change in place; everything else privnet sets is fixed."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if is_adopted(attributes):
            return
        # Endpoint network interfaces linger for a while after their endpoint is deleted.
        with absent_ok(), aws_errors(also_transient=frozenset({"DependencyViolation"})):
            ctx.aws("ec2").delete_vpc(VpcId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        found = describe(ctx, "describe_vpcs", "Vpcs", VpcIds=[attributes["id"]])
        state = state_of(found[0]) if found else "missing"
        return Readiness(state == "available", f"VPC {attributes['id']} {state}")
