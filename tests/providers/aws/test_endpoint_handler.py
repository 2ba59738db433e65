"""Interface endpoints: private DNS off, regional and zonal names by AZ ID, one IP per subnet."""

from __future__ import annotations

import ipaddress

import pytest

from privnet.errors import PrivnetError
from privnet.providers.aws import HANDLERS
from privnet.providers.aws.tags import ADDRESS_TAG
from tests.providers.aws.builders import AZ_IDS, make, vpc_with_subnets
from tests.providers.aws.conftest import AwsOnlyContext
from tests.providers.aws.lifecycle import delete_twice, round_trip

SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"


def _props(ctx: AwsOnlyContext) -> dict[str, object]:
    net = vpc_with_subnets(ctx, "sandbox", 0)
    group = make(ctx, "aws.security_group", "aws.security_group.sandbox",
                 vpc_id=net["vpc"]["id"], name="privnet-unit-sandbox", description="unit",
                 ingress=[], egress=None)
    return {"vpc_id": net["vpc"]["id"], "service_name": SERVICE,
            "subnet_ids": net["subnet_ids"], "security_group_ids": [group["id"]],
            "private_dns_enabled": False}


def test_endpoint_round_trip_and_dns_names(ctx: AwsOnlyContext) -> None:
    props = _props(ctx)
    handler = HANDLERS["aws.vpc_endpoint"]
    created = round_trip(handler, ctx, "aws.vpc_endpoint.sandbox", props)
    endpoint = ctx.aws("ec2").describe_vpc_endpoints(
        VpcEndpointIds=[created["id"]])["VpcEndpoints"][0]
    assert endpoint["PrivateDnsEnabled"] is False
    assert created["dns_name"].startswith(created["id"])
    assert sorted(created["zonal_dns_names"]) == sorted(AZ_IDS)
    assert all(created["dns_name"] != name for name in created["zonal_dns_names"].values())
    assert len(created["network_interface_ids"]) == len(AZ_IDS)
    subnets = ctx.aws("ec2").describe_subnets(SubnetIds=props["subnet_ids"])["Subnets"]
    by_az = {s["AvailabilityZoneId"]: ipaddress.ip_network(s["CidrBlock"]) for s in subnets}
    for az_id, ip in created["ips_by_az"].items():
        assert ipaddress.ip_address(ip) in by_az[az_id]
    listed = ctx.aws("ec2").describe_vpc_endpoints(
        Filters=[{"Name": f"tag:{ADDRESS_TAG}", "Values": ["aws.vpc_endpoint.sandbox"]}])
    assert len(listed["VpcEndpoints"]) == 1
    delete_twice(handler, ctx, "aws.vpc_endpoint.sandbox", created)


def test_create_after_lost_state_returns_the_same_endpoint(ctx: AwsOnlyContext) -> None:
    props = _props(ctx)
    handler = HANDLERS["aws.vpc_endpoint"]
    first = handler.create(ctx, "aws.vpc_endpoint.sandbox", props)
    second = handler.create(ctx, "aws.vpc_endpoint.sandbox", props)
    assert second["id"] == first["id"]
    assert len(ctx.aws("ec2").describe_vpc_endpoints()["VpcEndpoints"]) == 1


def test_private_dns_is_refused(ctx: AwsOnlyContext) -> None:
    props = {**_props(ctx), "private_dns_enabled": True}
    with pytest.raises(PrivnetError, match="private DNS must stay off"):
        HANDLERS["aws.vpc_endpoint"].create(ctx, "aws.vpc_endpoint.sandbox", props)
