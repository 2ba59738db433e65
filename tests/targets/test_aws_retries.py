"""Each AWS call is repeated briefly by the client, but only when repeating cannot act twice.

The answers come from a ``before-send`` hook, so they go through botocore's real parsing and
retry path (a ``before-call`` answer, as the fault sweep uses, would skip it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError

from privnet.targets import aws_retries
from privnet.targets.aws_retries import CALL_ATTEMPTS, install

EC2_ERROR = ("<Response><Errors><Error><Code>{code}</Code><Message>m</Message></Error></Errors>"
             "<RequestID>r</RequestID></Response>")
ROUTE53_ERROR = ("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                 "<Error><Type>Sender</Type><Code>{code}</Code><Message>m</Message></Error>"
                 "<RequestId>r</RequestId></ErrorResponse>")
EC2_VPCS = ("<DescribeVpcsResponse><requestId>r</requestId><vpcSet/></DescribeVpcsResponse>")


class _Raw:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self.body


class Answers:
    """Answers every attempt from a script (the last entry repeats) and counts attempts."""

    def __init__(self, *script: tuple[int, str]) -> None:
        self.script = list(script)
        self.attempts = 0

    def __call__(self, request: Any, **_: Any) -> AWSResponse:
        status, body = self.script[min(self.attempts, len(self.script) - 1)]
        self.attempts += 1
        return AWSResponse(request.url, status, {}, _Raw(body.encode()))


@pytest.fixture(autouse=True)
def _no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aws_retries, "FIRST_WAIT", 0.0)


def client(service: str, answers: Answers) -> Any:
    made = boto3.session.Session(aws_access_key_id="k", aws_secret_access_key="s").client(
        service, region_name="us-east-1", endpoint_url="http://aws.invalid")
    made.meta.events.register("before-send", answers)
    return install(made)


@pytest.mark.parametrize("call", ["create_vpc", "describe_vpcs"])
def test_a_throttled_call_is_repeated_whatever_it_does(call: str) -> None:
    answers = Answers((503, EC2_ERROR.format(code="RequestLimitExceeded")))
    ec2 = client("ec2", answers)
    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        getattr(ec2, call)(**({"CidrBlock": "10.0.0.0/16"} if call == "create_vpc" else {}))
    assert answers.attempts == CALL_ATTEMPTS


def test_a_throttle_then_an_answer_is_a_success() -> None:
    answers = Answers((503, EC2_ERROR.format(code="RequestLimitExceeded")), (200, EC2_VPCS))
    assert client("ec2", answers).describe_vpcs()["Vpcs"] == []
    assert answers.attempts == 2


def test_a_create_that_met_a_server_error_is_not_repeated() -> None:
    """A 5xx may come after the VPC was made: the handler's find-before-act decides."""
    answers = Answers((503, EC2_ERROR.format(code="ServiceUnavailable")))
    with pytest.raises(ClientError, match="ServiceUnavailable"):
        client("ec2", answers).create_vpc(CidrBlock="10.0.0.0/16")
    assert answers.attempts == 1


def test_reads_and_token_carrying_calls_are_repeated_after_a_server_error() -> None:
    read = Answers((500, EC2_ERROR.format(code="InternalError")))
    with pytest.raises(ClientError):
        client("ec2", read).describe_vpcs()
    assert read.attempts == CALL_ATTEMPTS
    tokened = Answers((503, EC2_ERROR.format(code="ServiceUnavailable")))
    with pytest.raises(ClientError):
        client("ec2", tokened).create_route_table(VpcId="vpc-1")
    assert tokened.attempts == CALL_ATTEMPTS


def test_refusals_and_unimplemented_calls_are_not_repeated() -> None:
    refused = Answers((400, EC2_ERROR.format(code="InvalidParameterValue")))
    with pytest.raises(ClientError):
        client("ec2", refused).describe_vpcs()
    unimplemented = Answers((501, EC2_ERROR.format(code="NotImplemented")))
    with pytest.raises(ClientError):
        client("ec2", unimplemented).describe_vpcs()
    assert (refused.attempts, unimplemented.attempts) == (1, 1)


def test_route53_throttling_is_a_400_and_still_repeated() -> None:
    answers = Answers((400, ROUTE53_ERROR.format(code="Throttling")))
    with pytest.raises(ClientError, match="Throttling"):
        client("route53", answers).change_resource_record_sets(
            HostedZoneId="Z1", ChangeBatch={"Changes": [{
                "Action": "UPSERT", "ResourceRecordSet": {"Name": "a.example.", "Type": "A"}}]})
    assert answers.attempts == CALL_ATTEMPTS


def test_a_delete_is_repeated_after_a_server_error() -> None:
    """A repeat of a delete that took effect answers "not found": the handler's success."""
    answers = Answers((503, EC2_ERROR.format(code="ServiceUnavailable")))
    with pytest.raises(ClientError):
        client("ec2", answers).delete_network_interface_permission(
            NetworkInterfacePermissionId="eni-perm-1")
    assert answers.attempts == CALL_ATTEMPTS
