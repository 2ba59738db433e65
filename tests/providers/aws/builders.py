"""Create the AWS objects a handler under test depends on, through the handlers themselves."""

from __future__ import annotations

from typing import Any

from privnet.providers.aws import HANDLERS
from privnet.providers.base import Attributes, ProviderContext

AZ_IDS = ("use1-az1", "use1-az2")


def make(ctx: ProviderContext, kind: str, address: str, **properties: Any) -> Attributes:
    return HANDLERS[kind].create(ctx, address, properties)


def vpc_with_subnets(ctx: ProviderContext, name: str, second_octet: int) -> dict[str, Any]:
    """A VPC 10.<n>.0.0/16 with one /24 per AZ ID in :data:`AZ_IDS`."""
    vpc = make(ctx, "aws.vpc", f"aws.vpc.{name}", cidr=f"10.{second_octet}.0.0/16")
    subnets = [
        make(ctx, "aws.subnet", f"aws.subnet.{name}.{az}", vpc_id=vpc["id"],
             cidr=f"10.{second_octet}.{i}.0/24", az_id=az)
        for i, az in enumerate(AZ_IDS)
    ]
    return {"vpc": vpc, "subnets": subnets, "subnet_ids": [s["id"] for s in subnets],
            "cidr": f"10.{second_octet}.0.0/16"}


def hub(ctx: ProviderContext) -> dict[str, Attributes]:
    tgw = make(ctx, "aws.transit_gateway", "aws.transit_gateway.hub", amazon_side_asn=64512)
    table = make(ctx, "aws.tgw_route_table", "aws.tgw_route_table.hub",
                 transit_gateway_id=tgw["id"])
    return {"tgw": tgw, "table": table}
