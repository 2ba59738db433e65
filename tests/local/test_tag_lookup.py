"""An EC2 object's own tags are read by its id (not by scanning the region's tags), with the
answer moto's scan gave: same tags, same order, nothing of another object."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.ec2.models.core import TaggedEC2Resource

from privnet.local.aws import AwsBehaviour, apply_patches
from privnet.local.aws.tag_lookup import own_tags


@pytest.fixture
def ec2() -> Iterator[Any]:
    apply_patches(AwsBehaviour())
    with mock_aws():
        yield boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                            region_name="us-east-1").client("ec2")


def test_own_tags_answer_what_the_scan_answered(ec2: Any) -> None:
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    tables = [ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"] for _ in range(5)]
    for index, table in enumerate(tables):
        ec2.create_tags(Resources=[table], Tags=[{"Key": "privnet:stack", "Value": "s"},
                                                {"Key": "Name", "Value": f"t{index}"}])
    from moto.backends import get_backend

    backend = get_backend("ec2")["123456789012"]["us-east-1"]
    for table in tables:
        resource = backend.route_tables[table]
        assert TaggedEC2Resource.get_tags is not None
        assert own_tags(resource) == backend.describe_tags(filters={"resource-id": [table]})
    found = ec2.describe_route_tables(Filters=[{"Name": "tag:Name", "Values": ["t3"]}])
    assert [t["RouteTableId"] for t in found["RouteTables"]] == [tables[3]]
    untagged = ec2.create_route_table(VpcId=vpc)["RouteTable"]
    assert untagged.get("Tags", []) == []
