"""The local AWS server answers its owner only: SigV4 with the local cloud's own key."""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from privnet.local.aws.auth import LocalAwsKey, sign_headers
from privnet.targets.local_gate import server_version
from tests.local.aws.server_process import CREDENTIALS, aws_server

REGION = "us-east-1"
NO_RETRY = Config(retries={"max_attempts": 1, "mode": "standard"})
OWNER = {"aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
         "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"]}
OTHER = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
WRONG_SECRET = {**OWNER, "aws_secret_access_key": "not-the-secret"}
SECRET_VALUE = "api-secret-value-3f9a"


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with aws_server(Path(tmp_path_factory.mktemp("aws-auth"))) as address:
        client = boto3.client("secretsmanager", endpoint_url=address, region_name=REGION,
                              config=NO_RETRY, **OWNER)
        client.create_secret(Name="privnet/sandbox/api-key", SecretString=SECRET_VALUE)
        yield address


def client(url: str, service: str, credentials: dict[str, str]) -> Any:
    return boto3.client(service, endpoint_url=url, region_name=REGION, config=NO_RETRY,
                        **credentials)


def refused(call: Any, **kwargs: Any) -> tuple[str, int]:
    with pytest.raises(ClientError) as caught:
        call(**kwargs)
    response = caught.value.response
    assert SECRET_VALUE not in str(response)
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_the_generated_key_is_served(url: str) -> None:
    secrets = client(url, "secretsmanager", OWNER)
    assert secrets.get_secret_value(SecretId="privnet/sandbox/api-key")["SecretString"] \
        == SECRET_VALUE
    ec2 = client(url, "ec2", OWNER)
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    assert [v["VpcId"] for v in ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"]] == [vpc]
    assert client(url, "route53", OWNER).list_hosted_zones()["HostedZones"] == []
    assert client(url, "sts", OWNER).get_caller_identity()["Account"]


@pytest.mark.parametrize(("service", "call", "kwargs", "code", "status"), [
    ("ec2", "describe_vpcs", {}, "AuthFailure", 401),
    ("secretsmanager", "list_secrets", {}, "UnrecognizedClientException", 400),
    ("secretsmanager", "get_secret_value", {"SecretId": "privnet/sandbox/api-key"},
     "UnrecognizedClientException", 400),
    ("route53", "list_hosted_zones", {}, "InvalidClientTokenId", 403),
    ("route53resolver", "list_resolver_endpoints", {}, "UnrecognizedClientException", 400),
    ("sts", "get_caller_identity", {}, "InvalidClientTokenId", 403),
])
def test_another_key_gets_the_aws_error_and_no_data(url: str, service: str, call: str,
                                                    kwargs: dict[str, str], code: str,
                                                    status: int) -> None:
    assert refused(getattr(client(url, service, OTHER), call), **kwargs) == (code, status)


@pytest.mark.parametrize(("service", "call", "code", "status"), [
    ("ec2", "describe_vpcs", "AuthFailure", 401),
    ("secretsmanager", "list_secrets", "InvalidSignatureException", 400),
    ("route53", "list_hosted_zones", "SignatureDoesNotMatch", 403),
    ("sts", "get_caller_identity", "SignatureDoesNotMatch", 403),
])
def test_the_key_id_alone_is_not_enough(url: str, service: str, call: str, code: str,
                                        status: int) -> None:
    assert refused(getattr(client(url, service, WRONG_SECRET), call)) == (code, status)


def test_unsigned_requests_are_refused_admin_api_included(url: str) -> None:
    ec2 = httpx.post(url, data={"Action": "DescribeVpcs", "Version": "2016-11-15"})
    assert ec2.status_code == 401
    assert "<Code>AuthFailure</Code>" in ec2.text
    for path in ("/moto-api/data.json", "/moto-api/privnet/network-version",
                 "/moto-api/reset"):
        answer = httpx.get(url + path)
        assert answer.status_code == 403, path
        assert "MissingAuthenticationToken" in answer.text
        assert SECRET_VALUE not in answer.text
    assert httpx.post(url + "/moto-api/reset").status_code == 403
    assert client(url, "secretsmanager", OWNER).list_secrets()["SecretList"]  # not reset


def test_the_network_version_reads_signed(url: str) -> None:
    assert server_version(url, OWNER)() >= 0
    with pytest.raises(httpx.HTTPStatusError):
        server_version(url, OTHER)()


def test_a_signature_covers_the_body_and_expires(url: str) -> None:
    key = LocalAwsKey(OWNER["aws_access_key_id"], OWNER["aws_secret_access_key"])
    body = b"Action=DescribeVpcs&Version=2016-11-15"
    headers = {**sign_headers("POST", url + "/", key, body=body, service="ec2"),
               "Content-Type": "application/x-www-form-urlencoded"}
    assert httpx.post(url + "/", content=body, headers=headers).status_code == 200
    tampered = b"Action=DeleteVpc&Version=2016-11-15&VpcId=vpc-1"
    assert httpx.post(url + "/", content=tampered, headers=headers).status_code == 401

    old = headers.copy()
    stamp = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1))
    old["X-Amz-Date"] = stamp.strftime("%Y%m%dT%H%M%SZ")
    assert httpx.post(url + "/", content=body, headers=old).status_code == 401


def test_the_server_will_not_start_without_a_key(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "privnet.local.aws.server",
                             "--ready-file", str(tmp_path / "ready")],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={"PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "--credentials-file" in result.stderr
    assert not (tmp_path / "ready").exists()
