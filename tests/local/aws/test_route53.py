"""Route 53: one private zone per name per VPC, and change propagation latency."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from privnet.local.aws import AwsBehaviour, apply_patches
from privnet.local.readiness import wait_for
from tests.local.aws.conftest import REGION, Network, make_network

DOMAIN = f"{REGION}.aws.private.confluent.cloud"


def private_zone(route53: Any, name: str, vpc_id: str, reference: str) -> dict[str, Any]:
    created: dict[str, Any] = route53.create_hosted_zone(
        Name=name, CallerReference=reference, HostedZoneConfig={"PrivateZone": True},
        VPC={"VPCRegion": REGION, "VPCId": vpc_id})
    return created


def test_second_zone_of_the_same_name_on_a_vpc_is_refused_at_create(
    route53: Any, network: Network
) -> None:
    private_zone(route53, DOMAIN, network.vpc_id, "first")
    with pytest.raises(ClientError) as caught:
        private_zone(route53, DOMAIN + ".", network.vpc_id, "second")
    assert caught.value.response["Error"]["Code"] == "ConflictingDomainExists"


def test_second_zone_of_the_same_name_is_refused_at_association(
    ec2: Any, route53: Any, network: Network
) -> None:
    other = make_network(ec2, second_octet=1)
    private_zone(route53, DOMAIN, network.vpc_id, "hub")
    spoke_zone = private_zone(route53, DOMAIN, other.vpc_id, "spoke")["HostedZone"]["Id"]
    with pytest.raises(ClientError) as caught:
        route53.associate_vpc_with_hosted_zone(
            HostedZoneId=spoke_zone, VPC={"VPCRegion": REGION, "VPCId": network.vpc_id})
    assert caught.value.response["Error"]["Code"] == "ConflictingDomainExists"


def test_one_shared_zone_and_other_names_are_accepted(
    ec2: Any, route53: Any, network: Network
) -> None:
    other = make_network(ec2, second_octet=1)
    shared = private_zone(route53, DOMAIN, network.vpc_id, "shared")["HostedZone"]["Id"]
    route53.associate_vpc_with_hosted_zone(
        HostedZoneId=shared, VPC={"VPCRegion": REGION, "VPCId": other.vpc_id})
    private_zone(route53, "example.internal", network.vpc_id, "unrelated")
    vpcs = route53.get_hosted_zone(Id=shared)["VPCs"]
    assert {v["VPCId"] for v in vpcs} == {network.vpc_id, other.vpc_id}


def test_changes_are_pending_then_insync(route53: Any, network: Network) -> None:
    apply_patches(AwsBehaviour(route53_change_seconds=0.2))
    zone = private_zone(route53, DOMAIN, network.vpc_id, "latency")
    change = route53.change_resource_record_sets(
        HostedZoneId=zone["HostedZone"]["Id"],
        ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": f"*.{DOMAIN}", "Type": "CNAME", "TTL": 60,
            "ResourceRecords": [{"Value": "vpce-1.example.com"}]}}]})["ChangeInfo"]
    assert change["Status"] == "PENDING"
    assert change["Id"] != zone["ChangeInfo"]["Id"]

    def insync() -> str | None:
        status: str = route53.get_change(Id=change["Id"])["ChangeInfo"]["Status"]
        return status if status == "INSYNC" else None

    assert wait_for(insync, timeout=5, what="change INSYNC") == "INSYNC"


def test_changes_are_insync_at_once_without_latency(route53: Any, network: Network) -> None:
    zone = private_zone(route53, DOMAIN, network.vpc_id, "instant")
    assert zone["ChangeInfo"]["Status"] == "INSYNC"
    assert route53.get_change(Id=zone["ChangeInfo"]["Id"])["ChangeInfo"]["Status"] == "INSYNC"


def test_unknown_change_is_no_such_change(route53: Any) -> None:
    with pytest.raises(ClientError) as caught:
        route53.get_change(Id="CDOESNOTEXIST")
    assert caught.value.response["Error"]["Code"] == "NoSuchChange"


@pytest.mark.parametrize("vpc_id", ["vpc-doesnotexist", ""], ids=["unknown", "empty"])
def test_associating_a_vpc_that_does_not_exist_is_refused(
        route53: Any, network: Network, vpc_id: str) -> None:
    zone = route53.create_hosted_zone(
        Name="refused.example.", CallerReference="refused",
        VPC={"VPCRegion": REGION, "VPCId": network.vpc_id})["HostedZone"]["Id"]
    with pytest.raises(ClientError) as caught:
        route53.associate_vpc_with_hosted_zone(
            HostedZoneId=zone, VPC={"VPCRegion": REGION, "VPCId": vpc_id})
    assert caught.value.response["Error"]["Code"] == "InvalidVPCId"
    vpcs = route53.get_hosted_zone(Id=zone)["VPCs"]
    assert [v["VPCId"] for v in vpcs] == [network.vpc_id]


def test_a_vpc_of_another_region_is_not_found(route53: Any, network: Network) -> None:
    with pytest.raises(ClientError) as caught:
        route53.create_hosted_zone(
            Name="elsewhere.example.", CallerReference="elsewhere",
            VPC={"VPCRegion": "eu-west-1", "VPCId": network.vpc_id})
    assert caught.value.response["Error"]["Code"] == "InvalidVPCId"


def test_creating_a_private_zone_for_a_missing_vpc_is_refused(route53: Any) -> None:
    with pytest.raises(ClientError) as caught:
        route53.create_hosted_zone(
            Name="missing.example.", CallerReference="missing",
            VPC={"VPCRegion": REGION, "VPCId": "vpc-doesnotexist"})
    assert caught.value.response["Error"]["Code"] == "InvalidVPCId"
    assert route53.list_hosted_zones()["HostedZones"] == []
