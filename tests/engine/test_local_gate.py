"""The pieces that make local runs network-faithful: the network version counter (in process
and served by the local moto server) and the adapter from the reach gate to the transport."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.exceptions import ClientError

from privnet.providers.base import TransientError
from privnet.reach.gate import NetworkGate
from privnet.reach.snapshot import NetworkSnapshot
from privnet.targets.local_gate import as_routing_gate, in_process_version, server_version

REGION = "us-east-1"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture
def moto_server() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    from privnet.local.aws import AwsBehaviour, apply_patches

    apply_patches(AwsBehaviour())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def test_in_process_counter_moves_on_network_changes_only() -> None:
    from moto import mock_aws

    from privnet.local.aws import apply_patches

    with mock_aws():
        apply_patches()
        ec2 = boto3.client("ec2", region_name=REGION, **CREDENTIALS)
        start = in_process_version()
        ec2.describe_vpcs()
        boto3.client("route53", region_name=REGION, **CREDENTIALS).list_hosted_zones()
        boto3.client("secretsmanager", region_name=REGION, **CREDENTIALS).create_secret(
            Name="n", SecretString="s")
        assert in_process_version() == start
        ec2.create_vpc(CidrBlock="10.0.0.0/16")
        assert in_process_version() == start + 1


def test_server_serves_its_network_version(moto_server: str) -> None:
    read = server_version(moto_server, CREDENTIALS)
    before = read()
    ec2 = boto3.client("ec2", region_name=REGION, endpoint_url=moto_server, **CREDENTIALS)
    ec2.describe_vpcs()
    assert read() == before
    ec2.create_vpc(CidrBlock="10.0.0.0/16")
    assert read() == before + 1


def test_aws_read_failures_while_deciding_are_transient() -> None:
    def describe() -> NetworkSnapshot:
        raise ClientError({"Error": {"Code": "RequestLimitExceeded", "Message": "slow down"}},
                          "DescribeVpcs")

    check = as_routing_gate(NetworkGate("runner", describe))
    assert check("api.confluent.cloud", 443) is None  # public: no AWS read needed
    with pytest.raises(TransientError, match="ClientError"):
        check("lkc-1.us-east-1.aws.private.confluent.cloud", 443)


def test_refusals_become_blocked_calls() -> None:
    check = as_routing_gate(NetworkGate("internet", NetworkSnapshot))
    blocked = check("lkc-1.us-east-1.aws.private.confluent.cloud", 443)
    assert blocked is not None and blocked.dns and "internet" in blocked.reason
