"""The hub Transit Gateway, created with default association/propagation off.

privnet associates and propagates every attachment explicitly with the hub route table, so
the gateway's own defaults must not add a second, implicit routing domain.
"""

from __future__ import annotations

from typing import Any

from privnet.providers.aws.adoption import ADOPTED
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tagged_ec2 import TaggedEc2Handler
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext
from privnet.resources.kinds.aws_transit import TRANSIT_GATEWAY, TransitGatewayProperties


class TransitGatewayHandler(TaggedEc2Handler[TransitGatewayProperties]):
    """``aws.transit_gateway.hub``: properties ``amazon_side_asn`` (or ``existing_id``).

    The ASN cannot change in place; the options privnet sets are constant.
    """

    kind = TRANSIT_GATEWAY
    noun = "Transit Gateway"
    describe_operation = "describe_transit_gateways"
    describe_key = "TransitGateways"
    ids_parameter = "TransitGatewayIds"
    delete_operation = "delete_transit_gateway"
    id_parameter = "TransitGatewayId"
    busy_codes = frozenset({"IncorrectState", "DependencyViolation"})
    """Attachments still deleting keep the gateway busy; that clears by itself."""
    delete_only_if_present = True

    def attributes_of(self, item: dict[str, Any], adopted: bool) -> Attributes:
        return {"id": item["TransitGatewayId"], "arn": item.get("TransitGatewayArn", ""),
                ADOPTED: adopted}

    def create_new(self, ctx: ProviderContext, address: str,
                   properties: TransitGatewayProperties) -> dict[str, Any]:
        options = {
            "AmazonSideAsn": properties["amazon_side_asn"],
            "DefaultRouteTableAssociation": "disable",
            "DefaultRouteTablePropagation": "disable",
            "DnsSupport": "enable",
            "VpnEcmpSupport": "enable",
        }
        with aws_errors():
            tgw: dict[str, Any] = ctx.aws("ec2").create_transit_gateway(
                Description=f"privnet hub of {ctx.stack}",
                Options=options,
                TagSpecifications=tag_specifications(ctx, address, "transit-gateway"),
            )["TransitGateway"]
        return tgw
