"""boto3 against moto in this process, with privnet's patches applied and no faults/latency."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.config import Config
from moto import mock_aws

from privnet.local.aws import AwsBehaviour, apply_patches

REGION = "us-east-1"
NO_RETRY = Config(retries={"max_attempts": 1, "mode": "standard"})


@pytest.fixture(scope="session")
def session() -> boto3.Session:
    """Clients are costly to build; one session's clients serve every fresh mock."""
    return boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                         region_name=REGION)


@pytest.fixture(scope="session")
def ec2_client(session: boto3.Session) -> Any:
    return session.client("ec2", config=NO_RETRY)


@pytest.fixture(scope="session")
def route53_client(session: boto3.Session) -> Any:
    return session.client("route53", config=NO_RETRY)


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")  # nothing here needs AMIs
    apply_patches(AwsBehaviour())
    with mock_aws():
        yield
    apply_patches(AwsBehaviour())


@pytest.fixture
def ec2(patched: None, ec2_client: Any) -> Any:
    return ec2_client


@pytest.fixture
def route53(patched: None, route53_client: Any) -> Any:
    return route53_client


@dataclass(frozen=True)
class Network:
    vpc_id: str
    cidr: str
    subnets: dict[str, str]  # AZ name -> subnet id
    subnet_cidrs: dict[str, str]  # subnet id -> CIDR
    security_group_id: str


def make_network(ec2: Any, second_octet: int = 0) -> Network:
    """A VPC /20 with one /24 subnet in each of three AZs and a security group."""
    cidr = f"10.{second_octet}.0.0/20"
    vpc_id = ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]
    subnets: dict[str, str] = {}
    cidrs: dict[str, str] = {}
    for index, letter in enumerate("abc"):
        subnet_cidr = f"10.{second_octet}.{index}.0/24"
        subnet = ec2.create_subnet(VpcId=vpc_id, CidrBlock=subnet_cidr,
                                   AvailabilityZone=f"{REGION}{letter}")["Subnet"]
        subnets[subnet["AvailabilityZone"]] = subnet["SubnetId"]
        cidrs[subnet["SubnetId"]] = subnet_cidr
    group = ec2.create_security_group(GroupName=f"endpoint-{second_octet}",
                                      Description="endpoint", VpcId=vpc_id)["GroupId"]
    return Network(vpc_id, cidr, subnets, cidrs, group)


@pytest.fixture
def network(ec2: Any) -> Network:
    return make_network(ec2)
