"""Associating a private hosted zone with a VPC: the VPC's resolver then answers from the zone.

Untaggable: found in the zone's VPC list. The zone's creation VPC is associated from the
start, so its association is found, not created. Route 53 refuses to remove a zone's last VPC;
that association goes with the zone itself, so the refusal counts as done.
"""

from __future__ import annotations

from collections.abc import Mapping

from privnet.providers.aws.errors import AwsRequestError, aws_errors
from privnet.providers.aws.route53_changes import change_id_of, change_readiness
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import ZONE_ASSOCIATION, ZoneAssociationProperties

_GONE = frozenset({"NoSuchHostedZone", "VPCAssociationNotFound", "LastVPCAssociation"})


def _zone_vpcs(ctx: ProviderContext, zone_id: str) -> set[str]:
    """The VPCs associated with the zone (none when the zone is gone)."""
    try:
        with aws_errors():
            answer = ctx.aws("route53").get_hosted_zone(Id=zone_id)
    except AwsRequestError as exc:
        if exc.code == "NoSuchHostedZone":
            return set()
        raise
    return {str(v.get("VPCId")) for v in answer.get("VPCs", [])}


def _associated(ctx: ProviderContext, zone_id: str, vpc_id: str) -> bool:
    return vpc_id in _zone_vpcs(ctx, zone_id)


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

    reads_in_batches = True

    def read_many(self, ctx: ProviderContext,
                  recorded: Mapping[str, Attributes]) -> dict[str, Attributes | None]:
        """Each zone's VPC list fetched once."""
        vpcs = {zone: _zone_vpcs(ctx, zone)
                for zone in sorted({str(a["zone_id"]) for a in recorded.values()})}
        answers: dict[str, Attributes | None] = {}
        for address, attributes in recorded.items():
            zone_id, vpc_id = str(attributes["zone_id"]), str(attributes["vpc_id"])
            region = str(attributes.get("vpc_region") or ctx.region)
            answers[address] = (_attributes(zone_id, vpc_id, region, attributes.get("change_id"))
                                if vpc_id in vpcs[zone_id] else None)
        return answers

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
