"""Associating a private hosted zone with a VPC: the VPC's resolver then answers from the zone.

Untaggable: found in the zone's VPC list. The zone's creation VPC is associated from the
start, so its association is found, not created. Route 53 refuses to remove a zone's last VPC;
that association goes with the zone itself, so the refusal counts as done.
"""

from __future__ import annotations

from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.route53_changes import change_id_of, change_readiness
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import ZONE_ASSOCIATION, ZoneAssociationProperties

_GONE = frozenset({"NoSuchHostedZone", "VPCAssociationNotFound", "LastVPCAssociation"})


def _associated(ctx: ProviderContext, zone_id: str, vpc_id: str) -> bool:
    try:
        with aws_errors():
            answer = ctx.aws("route53").get_hosted_zone(Id=zone_id)
    except AwsRequestError as exc:
        if exc.code == "NoSuchHostedZone":
            return False
        raise
    return any(v.get("VPCId") == vpc_id for v in answer.get("VPCs", []))


def _attributes(zone_id: str, vpc_id: str, region: str,
                change_id: str | None = None) -> Attributes:
    found: Attributes = {"zone_id": zone_id, "vpc_id": vpc_id, "vpc_region": region}
    if change_id:
        found["change_id"] = change_id
    return found


class ZoneAssociationHandler(HandlerBase[ZoneAssociationProperties]):
    """``aws.zone_association.<vpc>``: ``zone_id``, ``vpc_id``, ``vpc_region``."""

    kind = ZONE_ASSOCIATION

    def find(self, ctx: ProviderContext, address: str,
             properties: ZoneAssociationProperties) -> Attributes | None:
        zone_id, vpc_id = properties["zone_id"], properties["vpc_id"]
        region = properties["vpc_region"]
        return _attributes(zone_id, vpc_id, region) if _associated(ctx, zone_id, vpc_id) else None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        zone_id, vpc_id = str(attributes["zone_id"]), str(attributes["vpc_id"])
        if not _associated(ctx, zone_id, vpc_id):
            return None
        region = str(attributes.get("vpc_region") or ctx.region)
        return _attributes(zone_id, vpc_id, region, attributes.get("change_id"))

    def create(self, ctx: ProviderContext, address: str,
               properties: ZoneAssociationProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        zone_id, vpc_id = properties["zone_id"], properties["vpc_id"]
        region = properties["vpc_region"]
        with aws_errors():
            answer = ctx.aws("route53").associate_vpc_with_hosted_zone(
                HostedZoneId=zone_id, VPC={"VPCRegion": region, "VPCId": vpc_id},
                Comment=f"privnet {address}",
            )
        return _attributes(zone_id, vpc_id, region, change_id_of(answer))

    def update(self, ctx: ProviderContext, address: str, properties: ZoneAssociationProperties,
               attributes: Attributes) -> Attributes:
        if (properties["zone_id"], properties["vpc_id"]) != (attributes["zone_id"],
                                                             attributes["vpc_id"]):
            self.delete(ctx, address, attributes)
        return self.create(ctx, address, properties)

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        if not _associated(ctx, str(attributes["zone_id"]), str(attributes["vpc_id"])):
            return
        try:
            with aws_errors():
                ctx.aws("route53").disassociate_vpc_from_hosted_zone(
                    HostedZoneId=attributes["zone_id"],
                    VPC={"VPCRegion": attributes.get("vpc_region") or ctx.region,
                         "VPCId": attributes["vpc_id"]},
                )
        except AwsRequestError as exc:
            if exc.code not in _GONE:
                raise

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        return change_readiness(ctx, attributes.get("change_id"))
