"""Private hosted zones named by a Confluent DNS domain.

Found by tags, or by the CallerReference prefix privnet derives from stack and address (the
tags are a second call after the create; the reference is part of it). Route 53 never reuses
a CallerReference, not even one of a deleted zone, so the reference carries a generation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from privnet.facts.dns_names import absolute_name
from privnet.providers.aws.errors import aws_errors
from privnet.providers.aws.generations import create_with_free_token, token_prefix
from privnet.providers.aws.gone import fetched_unless_gone, gone_ok
from privnet.providers.aws.identity_change import replace_if_renamed
from privnet.providers.aws.route53_changes import change_id_of, change_readiness
from privnet.providers.aws.tags import has_tags, tags
from privnet.providers.base import Attributes, HandlerBase, ProviderContext, Readiness
from privnet.resources.kinds.aws_names import ZONE, ZoneProperties

__all__ = ["HostedZoneHandler", "bare_zone_id"]

_GONE = frozenset({"NoSuchHostedZone"})


def bare_zone_id(zone_id: str) -> str:
    """``/hostedzone/Z123`` -> ``Z123``."""
    return zone_id.rsplit("/", 1)[-1]


def _zone_tags(ctx: ProviderContext, zone_id: str) -> list[dict[str, str]]:
    with aws_errors():
        answer = ctx.aws("route53").list_tags_for_resource(ResourceType="hostedzone",
                                                           ResourceId=zone_id)
    return list(answer.get("ResourceTagSet", {}).get("Tags", []))


def _zones_named(ctx: ProviderContext, name: str) -> list[dict[str, Any]]:
    route53 = ctx.aws("route53")
    found: list[dict[str, Any]] = []
    wanted = absolute_name(name)
    kwargs: dict[str, Any] = {"DNSName": wanted}
    while True:
        with aws_errors():
            page = route53.list_hosted_zones_by_name(**kwargs)
        for zone in page.get("HostedZones", []):
            if absolute_name(zone["Name"]) == wanted:
                found.append(zone)
        next_name = absolute_name(page.get("NextDNSName", ""))
        if not page.get("IsTruncated") or next_name != wanted:
            return found
        kwargs = {"DNSName": page["NextDNSName"], "HostedZoneId": page["NextHostedZoneId"]}


def _attributes(zone: Mapping[str, Any], change_id: str | None = None) -> Attributes:
    found: Attributes = {"id": bare_zone_id(str(zone["Id"])),
                         "name": absolute_name(str(zone["Name"]))}
    if change_id:
        found["change_id"] = change_id
    return found


class HostedZoneHandler(HandlerBase[ZoneProperties]):
    """``aws.zone.<name>``: ``name`` (the DNS domain), ``vpc_id`` and ``vpc_region`` of the VPC
    it is created with (a private zone needs one), ``comment``."""

    kind = ZONE

    def find(self, ctx: ProviderContext, address: str,
             properties: ZoneProperties) -> Attributes | None:
        prefix = token_prefix(ctx, address)
        for zone in _zones_named(ctx, properties["name"]):
            if not zone.get("Config", {}).get("PrivateZone"):
                continue
            zone_id = bare_zone_id(str(zone["Id"]))
            if str(zone.get("CallerReference", "")).startswith(prefix) or \
                    has_tags(ctx, address, _zone_tags(ctx, zone_id)):
                return _attributes(zone)
        return None

    def read(self, ctx: ProviderContext, address: str, attributes: Attributes) -> Attributes | None:
        zone = fetched_unless_gone(
            lambda: ctx.aws("route53").get_hosted_zone(Id=attributes["id"])["HostedZone"], _GONE)
        return None if zone is None else _attributes(zone, attributes.get("change_id"))

    def create(self, ctx: ProviderContext, address: str,
               properties: ZoneProperties) -> Attributes:
        found = self.find(ctx, address, properties)
        if found is not None:
            return found
        route53 = ctx.aws("route53")

        def create_zone(reference: str) -> dict[str, Any]:
            answer: dict[str, Any] = route53.create_hosted_zone(
                Name=absolute_name(properties["name"]),
                CallerReference=reference,
                HostedZoneConfig={"Comment": properties["comment"],
                                  "PrivateZone": True},
                VPC={"VPCRegion": properties["vpc_region"],
                     "VPCId": properties["vpc_id"]},
            )
            return answer

        answer = create_with_free_token(ctx, address, "CallerReference",
                                        "HostedZoneAlreadyExists", create_zone)
        zone_id = bare_zone_id(str(answer["HostedZone"]["Id"]))
        with aws_errors():
            route53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=zone_id,
                                             AddTags=tags(ctx, address))
        return _attributes(answer["HostedZone"], change_id_of(answer))

    def update(self, ctx: ProviderContext, address: str, properties: ZoneProperties,
               attributes: Attributes) -> Attributes:
        """A zone's name is its identity; another name is another zone."""
        return replace_if_renamed(self, ctx, address, properties, attributes, "name",
                                  properties["name"])

    def delete(self, ctx: ProviderContext, address: str, attributes: Attributes) -> None:
        with gone_ok(_GONE):
            ctx.aws("route53").delete_hosted_zone(Id=attributes["id"])

    def check_ready(self, ctx: ProviderContext, address: str,
                    attributes: Attributes) -> Readiness:
        return change_readiness(ctx, attributes.get("change_id"))
