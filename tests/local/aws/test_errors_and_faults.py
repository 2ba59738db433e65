"""AWS-shaped errors for unimplemented calls (in process and on the server), seeded faults."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import httpx
import pytest
from botocore.exceptions import ClientError

from privnet.local.aws import AwsBehaviour, apply_patches
from privnet.local.aws.behaviour import use_behaviour
from privnet.local.aws.faults import draw_fault
from privnet.local.aws.patches import PATCHES
from tests.local.aws.conftest import NO_RETRY, REGION

SIGNED = {"Authorization": "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/ec2/"
                           "aws4_request, SignedHeaders=host, Signature=0"}


@pytest.fixture
def server_url() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    apply_patches(AwsBehaviour())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_unimplemented_call_in_process_is_an_aws_error(ec2: Any) -> None:
    with pytest.raises(ClientError) as caught:
        ec2.describe_verified_access_instances()
    error = caught.value.response
    assert error["Error"]["Code"] == "InvalidAction"
    assert "DescribeVerifiedAccessInstances" in error["Error"]["Message"]
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_unimplemented_call_on_the_server_is_xml_not_html(server_url: str) -> None:
    answer = httpx.post(server_url, headers=SIGNED,
                        data={"Action": "CreateVerifiedAccessInstance", "Version": "2016-11-15"})
    assert answer.status_code == 501
    assert answer.headers["content-type"].startswith("text/xml")
    assert "<html" not in answer.text.lower()
    assert "<Code>InvalidAction</Code>" in answer.text


def test_server_serves_the_patched_behaviour_to_boto3(server_url: str) -> None:
    ec2 = boto3.client("ec2", endpoint_url=server_url, region_name=REGION, config=NO_RETRY,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    with pytest.raises(ClientError) as caught:
        ec2.describe_verified_access_instances()
    assert caught.value.response["Error"]["Code"] == "InvalidAction"
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/20")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24",
                               AvailabilityZone=f"{REGION}a")["Subnet"]["SubnetId"]
    endpoint = ec2.create_vpc_endpoint(
        VpcId=vpc, ServiceName=f"com.amazonaws.vpce.{REGION}.vpce-svc-0abc",
        VpcEndpointType="Interface", SubnetIds=[subnet])["VpcEndpoint"]
    assert [e["DnsName"].split(".")[0][-10:] for e in endpoint["DnsEntries"]][1] == "us-east-1a"


def test_full_fault_rate_throttles_every_call(ec2: Any, route53: Any) -> None:
    apply_patches(AwsBehaviour(fault_rate=1.0, fault_seed=3))
    codes = set()
    for _ in range(8):
        with pytest.raises(ClientError) as caught:
            ec2.describe_vpcs()
        codes.add(caught.value.response["Error"]["Code"])
    assert codes <= {"RequestLimitExceeded", "ServiceUnavailable"}
    assert "RequestLimitExceeded" in codes
    with pytest.raises(ClientError) as caught:
        route53.list_hosted_zones()
    assert caught.value.response["Error"]["Code"] in {"Throttling", "ServiceUnavailable"}


def test_fault_sequence_is_reproducible_from_its_seed() -> None:
    def sequence(seed: int) -> list[str | None]:
        use_behaviour(AwsBehaviour(fault_rate=0.3, fault_seed=seed))
        return [getattr(draw_fault("ec2"), "code", None) for _ in range(200)]

    try:
        first, again, other = sequence(11), sequence(11), sequence(12)
    finally:
        use_behaviour(AwsBehaviour())
    assert first == again
    assert first != other
    assert 20 < sum(code is not None for code in first) < 100


def test_no_faults_when_the_rate_is_zero() -> None:
    use_behaviour(AwsBehaviour())
    assert all(draw_fault("ec2") is None for _ in range(100))


def test_apply_patches_is_idempotent() -> None:
    from moto.core.responses import BaseResponse
    from moto.ec2.models import EC2Backend

    apply_patches()
    installed = (BaseResponse.call_action, EC2Backend.create_vpc_endpoint)
    apply_patches()
    assert (BaseResponse.call_action, EC2Backend.create_vpc_endpoint) == installed
    wrapped = BaseResponse.call_action.__wrapped__  # type: ignore[attr-defined]
    assert not getattr(wrapped, "__privnet_patched__", False)  # wrapped once, not twice
    assert all(patch.__doc__ for patch in PATCHES)  # every gap says what it closes


@pytest.mark.parametrize("call", ["describe_vpcs", "describe_transit_gateways"])
def test_a_region_aws_does_not_have_is_refused_not_a_server_error(
        patched: None, session: Any, call: str) -> None:
    client = session.client("ec2", region_name="us-east-9", config=NO_RETRY)
    with pytest.raises(ClientError) as caught:
        getattr(client, call)()
    error = caught.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert error["Error"]["Code"] == "SignatureDoesNotMatch"
    assert "us-east-9" in error["Error"]["Message"]


def test_the_server_answers_an_unknown_region_as_aws(tmp_path: Any) -> None:
    from tests.local.aws.server_process import CREDENTIALS, aws_server

    with aws_server(tmp_path) as url:
        client = boto3.client(
            "ec2", region_name="us-east-9", endpoint_url=url, config=NO_RETRY,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
        with pytest.raises(ClientError) as caught:
            client.describe_transit_gateways()
    assert caught.value.response["Error"]["Code"] == "SignatureDoesNotMatch"
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
