"""A VPC's attachment to the hub Transit Gateway, with DNS support on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.providers.aws.batch_reads import described_by_id
from privnet.providers.aws.ec2_lookup import absent_ok, describe, find_tagged, live, state_of
from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.tags import ADDRESS_TAG, STACK_TAG, tag_specifications, tags
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_transit import TGW_ATTACHMENT, TgwAttachmentProperties

_METHOD = "describe_transit_gateway_vpc_attachments"
_KEY = "TransitGatewayVpcAttachments"


def _attributes(attachment: dict[str, Any]) -> Attributes:
    return {
        "id": attachment["TransitGatewayAttachmentId"],
        "transit_gateway_id": attachment.get("TransitGatewayId", ""),
        "vpc_id": attachment.get("VpcId", ""),
        "subnet_ids": sorted(attachment.get("SubnetIds", [])),
    }


def _attachment(ctx: ProviderContext, attachment_id: str) -> dict[str, Any] | None:
    found = describe(ctx, _METHOD, _KEY, TransitGatewayAttachmentIds=[attachment_id])
    return found[0] if found else None


class TgwAttachmentHandler(HandlerBase[TgwAttachmentProperties]):
    """``aws.tgw_attachment.<vpc>``: ``transit_gateway_id``, ``vpc_id``, ``subnet_ids``,
    ``dns_support``."""

    kind = TGW_ATTACHMENT

    def find(self, ctx: ProviderContext, address: str,
             properties: TgwAttachmentProperties) -> Attributes | None:
        attachment = find_tagged(ctx, _METHOD, _KEY, address)
        if attachment is None:
            attachment = self._untagged_twin(ctx, address, properties)
        return _attributes(attachment) if attachment else None

    def _untagged_twin(self, ctx: ProviderContext, address: str,
                       properties: TgwAttachmentProperties) -> dict[str, Any] | None:
        """A VPC has at most one attachment to a given gateway, so (gateway, VPC) is a natural
        key: an attachment there without privnet tags is the one a run created before it
        could tag it (a kill between the two calls). Adopt it and tag it; never one tagged
        for another stack or address."""
        wanted = (properties["transit_gateway_id"], properties["vpc_id"])
        for item in live(describe(ctx, _METHOD, _KEY)):
            if (item.get("TransitGatewayId"), item.get("VpcId")) != wanted:
                continue
            keys = {t["Key"] for t in item.get("Tags", [])}
            if keys & {STACK_TAG, ADDRESS_TAG}:
                return None
            with aws_errors():
                ctx.aws("ec2").create_tags(Resources=[item["TransitGatewayAttachmentId"]],
                                           Tags=tags(ctx, address))
            return item
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        found = live(describe(ctx, _METHOD, _KEY,
                              TransitGatewayAttachmentIds=[attributes["id"]]))
        return _attributes(found[0]) if found else None

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """All by id, a hundred per describe call."""
        found = described_by_id(ctx, _METHOD, _KEY, "TransitGatewayAttachmentIds",
                                (str(a["id"]) for a in recorded.values()),
                                lambda item: str(item["TransitGatewayAttachmentId"]))
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            items = live(found[str(attributes["id"])])
            answers[address] = _attributes(items[0]) if items else None
        return answers

    def create(self, ctx: ProviderContext, address: str,
               properties: TgwAttachmentProperties) -> Attributes:
        dns = "enable" if properties["dns_support"] else "disable"
        try:
            return self._create(ctx, address, properties, dns)
        except AwsRequestError as exc:
            # The (gateway, VPC) pair is taken: by an attempt whose answer was lost, or one
            # throttled between its create and its tagging. Adopt it as ``find`` would.
            twin = self.find(ctx, address, properties)
            if exc.code != "DuplicateTransitGatewayAttachment" or twin is None:
                raise
            return twin

    def _create(self, ctx: ProviderContext, address: str, properties: TgwAttachmentProperties,
                dns: str) -> Attributes:
        with aws_errors():
            attachment = ctx.aws("ec2").create_transit_gateway_vpc_attachment(
                TransitGatewayId=properties["transit_gateway_id"],
                VpcId=properties["vpc_id"],
                SubnetIds=list(properties["subnet_ids"]),
                Options={"DnsSupport": dns},
                TagSpecifications=tag_specifications(ctx, address,
                                                     "transit-gateway-attachment"),
            )["TransitGatewayVpcAttachment"]
            # Tag again explicitly: moto drops TagSpecifications on this call, and an untagged
            # attachment could not be found again after a lost state write.
            ctx.aws("ec2").create_tags(Resources=[attachment["TransitGatewayAttachmentId"]],
                                       Tags=tags(ctx, address))
        return _attributes(attachment)

    def update(self, ctx: ProviderContext, address: str, properties: TgwAttachmentProperties,
               attributes: Attributes) -> Attributes:
        """Subnets and DNS support change in place; a new VPC or gateway needs a new one."""
        current = self.read(ctx, address, attributes)
        if current is None:
            return self.create(ctx, address, properties)
        wanted = set(properties["subnet_ids"])
        have = set(current["subnet_ids"])
        dns = "enable" if properties["dns_support"] else "disable"
        with aws_errors():
            ctx.aws("ec2").modify_transit_gateway_vpc_attachment(
                TransitGatewayAttachmentId=attributes["id"],
                AddSubnetIds=sorted(wanted - have), RemoveSubnetIds=sorted(have - wanted),
                Options={"DnsSupport": dns},
            )
        return self.read(ctx, address, attributes) or current

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if self.read(ctx, address, attributes) is None:
            return
        with absent_ok(), aws_errors(also_transient=frozenset({"IncorrectState"})):
            ctx.aws("ec2").delete_transit_gateway_vpc_attachment(
                TransitGatewayAttachmentId=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        attachment = _attachment(ctx, str(attributes["id"]))
        state = state_of(attachment) if attachment else "missing"
        return Readiness(state == "available", f"TGW attachment {attributes['id']} {state}",
                         failed=state in ("failed", "rejected"))
