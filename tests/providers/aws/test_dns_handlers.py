"""Private hosted zone, its VPC associations, CNAME records and the SYSTEM resolver rule."""

from __future__ import annotations

from typing import Any

from privnet.facts.dns_names import absolute_name as fqdn
from privnet.providers.aws import HANDLERS
from tests.providers.aws.builders import make
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip

DOMAIN = "us-east-1.aws.private.confluent.cloud"


def _vpcs(ctx: AwsOnlyContext, *names: str) -> dict[str, str]:
    return {name: make(ctx, "aws.vpc", f"aws.vpc.{name}", cidr=f"10.{i}.0.0/16")["id"]
            for i, name in enumerate(names)}


def _zone(ctx: AwsOnlyContext, vpc_id: str) -> dict[str, Any]:
    return make(ctx, "aws.zone", "aws.zone.confluent", name=DOMAIN, vpc_id=vpc_id,
                vpc_region=ctx.region, comment="unit")


def test_zone_round_trip_is_private_and_tagged(ctx: AwsOnlyContext) -> None:
    vpcs = _vpcs(ctx, "sandbox")
    props = {"name": DOMAIN, "vpc_id": vpcs["sandbox"], "vpc_region": ctx.region,
             "comment": "unit"}
    handler = HANDLERS["aws.zone"]
    created = round_trip(handler, ctx, "aws.zone.confluent", props)
    zone = ctx.aws("route53").get_hosted_zone(Id=created["id"])
    assert zone["HostedZone"]["Config"]["PrivateZone"] is True
    assert zone["HostedZone"]["Name"] == fqdn(DOMAIN)
    assert handler.create(ctx, "aws.zone.confluent", props)["id"] == created["id"]
    assert len(ctx.aws("route53").list_hosted_zones()["HostedZones"]) == 1
    delete_twice(handler, ctx, "aws.zone.confluent", created)


def test_zone_can_be_created_again_after_destroy(ctx: AwsOnlyContext) -> None:
    vpcs = _vpcs(ctx, "sandbox")
    props = {"name": DOMAIN, "vpc_id": vpcs["sandbox"], "vpc_region": ctx.region,
             "comment": "unit"}
    handler = HANDLERS["aws.zone"]
    first = handler.create(ctx, "aws.zone.confluent", props)
    handler.delete(ctx, "aws.zone.confluent", first)
    second = handler.create(ctx, "aws.zone.confluent", props)
    assert second["id"] != first["id"]


def test_zone_associations(ctx: AwsOnlyContext) -> None:
    vpcs = _vpcs(ctx, "sandbox", "runner")
    zone = _zone(ctx, vpcs["sandbox"])
    handler = HANDLERS["aws.zone_association"]
    # The creation VPC is associated with the zone from the start: found, not created.
    first = {"zone_id": zone["id"], "vpc_id": vpcs["sandbox"], "vpc_region": ctx.region}
    assert handler.find(ctx, "aws.zone_association.sandbox", first) is not None
    props = {"zone_id": zone["id"], "vpc_id": vpcs["runner"], "vpc_region": ctx.region}
    created = round_trip(handler, ctx, "aws.zone_association.runner", props,
                         identity="vpc_id")
    listed = ctx.aws("route53").get_hosted_zone(Id=zone["id"])["VPCs"]
    assert sorted(v["VPCId"] for v in listed) == sorted(vpcs.values())
    delete_twice(handler, ctx, "aws.zone_association.runner", created)
    # Removing the zone's last VPC is refused by Route 53; it leaves with the zone.
    last = handler.create(ctx, "aws.zone_association.sandbox", first)
    handler.delete(ctx, "aws.zone_association.sandbox", last)


def test_wildcard_and_zonal_records(ctx: AwsOnlyContext) -> None:
    vpcs = _vpcs(ctx, "sandbox")
    zone = _zone(ctx, vpcs["sandbox"])
    handler = HANDLERS["aws.record"]
    regional = "vpce-0abc-xyz.vpce-svc-1.us-east-1.vpce.amazonaws.com"
    zonal = {"use1-az1": "vpce-0abc-xyz-us-east-1a.vpce-svc-1.us-east-1.vpce.amazonaws.com"}
    wildcard = {"zone_id": zone["id"], "domain": DOMAIN, "labels": "*", "type": "CNAME",
                "ttl": 60, "target": regional}
    created = round_trip(handler, ctx, "aws.record.wildcard", wildcard, identity="name")
    assert created["name"] == f"*.{DOMAIN}."
    assert created["value"] == fqdn(regional)
    by_az = {"zone_id": zone["id"], "domain": DOMAIN, "labels": "*.use1-az1", "type": "CNAME",
             "ttl": 60, "target": zonal, "target_key": "use1-az1"}
    zonal_record = round_trip(handler, ctx, "aws.record.zonal.use1-az1", by_az,
                              identity="name")
    assert zonal_record["name"] == f"*.use1-az1.{DOMAIN}."
    assert zonal_record["value"] == fqdn(zonal["use1-az1"])
    moved = handler.update(ctx, "aws.record.wildcard", {**wildcard, "ttl": 300}, created)
    assert moved["ttl"] == 300
    delete_twice(handler, ctx, "aws.record.wildcard", moved)
    delete_twice(handler, ctx, "aws.record.zonal.use1-az1", zonal_record)


def test_resolver_rule_and_association(ctx: AwsOnlyContext) -> None:
    vpcs = _vpcs(ctx, "sandbox")
    rules = HANDLERS["aws.resolver_rule"]
    props = {"domain": DOMAIN, "name": "privnet-unit-confluent", "rule_type": "SYSTEM"}
    rule = round_trip(rules, ctx, "aws.resolver_rule.confluent", props)
    assert rule["rule_type"] == "SYSTEM" and rule["domain"] == fqdn(DOMAIN)
    associations = HANDLERS["aws.resolver_rule_association"]
    link = {"rule_id": rule["id"], "vpc_id": vpcs["sandbox"]}
    created = round_trip(associations, ctx, "aws.resolver_rule_association.sandbox", link)
    assert associations.create(ctx, "aws.resolver_rule_association.sandbox", link)["id"] == \
        created["id"]
    delete_twice(associations, ctx, "aws.resolver_rule_association.sandbox", created)
    delete_twice(rules, ctx, "aws.resolver_rule.confluent", rule)
