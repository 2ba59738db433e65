"""The hub Transit Gateway, created with default association/propagation off.

privnet associates and propagates every attachment explicitly with the hub route table, so
the gateway's own defaults must not add a second, implicit routing domain.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.adoption import ADOPTED, existing_id, is_adopted, missing
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.tags import tag_specifications
from privnet.providers.base import Attributes, ProviderContext, Readiness

_METHOD = "describe_transit_gateways"
_KEY = "TransitGateways"


def _attributes(tgw: dict[str, Any], adopted: bool) -> Attributes:
    return {"id": tgw["TransitGatewayId"], "arn": tgw.get("TransitGatewayArn", ""),
            ADOPTED: adopted}


class TransitGatewayHandler:
    """``aws.transit_gateway.hub``: properties ``amazon_side_asn`` (or ``existing_id``)."""

    kind = "aws.transit_gateway"
    replace_on: frozenset[str] = frozenset({"amazon_side_asn", "existing_id"})
    """Properties AWS cannot change in place: a change replaces the object."""

    def find(self, ctx: ProviderContext, address: str,
             properties: Mapping[str, Any]) -> Attributes | None:
        given = existing_id(properties)
        if given:
            found = live(describe(ctx, _METHOD, _KEY, TransitGatewayIds=[given]))
            return _attributes(found[0], True) if found else None
        tgw = find_tagged(ctx, _METHOD, _KEY, address)
        return _attributes(tgw, False) if tgw else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(describe(ctx, _METHOD, _KEY, TransitGatewayIds=[attributes["id"]]))
        return _attributes(found[0], is_adopted(attributes)) if found else None

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        given = existing_id(properties)
        if given:
            adopted = self.find(ctx, address, properties)
            if adopted is None:
                raise missing("Transit Gateway", given)
            return adopted
        options = {
            "AmazonSideAsn": int(properties.get("amazon_side_asn", 64512)),
            "DefaultRouteTableAssociation": "disable",
            "DefaultRouteTablePropagation": "disable",
            "DnsSupport": "enable",
            "VpnEcmpSupport": "enable",
        }
        with aws_errors():
            tgw = ctx.aws("ec2").create_transit_gateway(
                Description=f"privnet hub of {ctx.stack}",
                Options=options,
                TagSpecifications=tag_specifications(ctx, address, "transit-gateway"),
            )["TransitGateway"]
        return _attributes(tgw, False)

    def update(self, ctx: ProviderContext, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """The ASN cannot change in place; the options privnet sets are constant."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        return current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if is_adopted(attributes) or self.read(ctx, address, attributes) is None:
            return  # adopted objects stay; gone ones are done
        # Attachments still deleting keep the gateway busy; that clears by itself.
        busy = frozenset({"IncorrectState", "DependencyViolation"})
        with absent_ok(), aws_errors(also_transient=busy):
            ctx.aws("ec2").delete_transit_gateway(TransitGatewayId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        found = describe(ctx, _METHOD, _KEY, TransitGatewayIds=[attributes["id"]])
        state = state_of(found[0]) if found else "missing"
        return Readiness(state == "available", f"Transit Gateway {attributes['id']} {state}")
