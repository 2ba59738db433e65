"""Describe calls given an id EC2 does not know refuse the whole call, as AWS does.

moto answers ``DescribeTransitGateways`` and ``DescribeTransitGatewayVpcAttachments`` /
``DescribeTransitGatewayAttachments`` with the ids it knows and silently drops the others.
EC2 refuses the request with ``InvalidTransitGatewayID.NotFound`` or
``InvalidTransitGatewayAttachmentID.NotFound`` (the Terraform AWS provider's readers treat
those codes from these calls as "gone": ``errCodeInvalidTransitGatewayIDNotFound``,
``errCodeInvalidTransitGatewayAttachmentIDNotFound`` in its ``internal/service/ec2/errors.go``
and ``find.go``), as it does for VPCs, subnets and route tables, which moto already refuses.
A reader that batches ids must cope with one unknown id failing the whole call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Method = Callable[..., Any]


def _refuse_unknown(ids: Iterable[str] | None, known: Any, code: str, what: str) -> None:
    from moto.ec2.exceptions import EC2ClientError

    unknown = sorted(set(ids or ()) - set(known))
    if unknown:
        raise EC2ClientError(code, f"{what} {', '.join(unknown)} was deleted or does not "
                                   "exist.")


def make_describe_transit_gateways(original: Method) -> Method:
    def describe_transit_gateways(self: Any, filters: Any,
                                  transit_gateway_ids: list[str] | None) -> Any:
        _refuse_unknown(transit_gateway_ids, self.transit_gateways,
                        "InvalidTransitGatewayID.NotFound", "Transit Gateway")
        return original(self, filters, transit_gateway_ids)

    return describe_transit_gateways


def make_describe_attachments(original: Method) -> Method:
    """For both the VPC-attachment and the all-attachment describe calls."""

    def describe(self: Any, transit_gateways_attachment_ids: list[str] | None = None,
                 filters: Any = None) -> Any:
        _refuse_unknown(transit_gateways_attachment_ids, self.transit_gateway_attachments,
                        "InvalidTransitGatewayAttachmentID.NotFound",
                        "Transit Gateway Attachment")
        return original(self, transit_gateways_attachment_ids=transit_gateways_attachment_ids,
                        filters=filters)

    return describe
