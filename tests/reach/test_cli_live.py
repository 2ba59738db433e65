"""``privnet verify --source aws`` against the patched moto server holding the seed network."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import EXAMPLES
from tests.reach.aws_state import REGION, VPCS, SeedState, build

SEED = EXAMPLES / "privatelink-cluster-linking.yaml"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_DEFAULT_REGION": REGION}


@pytest.fixture
def live(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, SeedState]]:
    import boto3
    import httpx
    from moto.server import ThreadedMotoServer

    from privnet.local.aws import AwsBehaviour, apply_patches

    for key, value in CREDENTIALS.items():
        monkeypatch.setenv(key, value)
    apply_patches(AwsBehaviour())
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    httpx.post(f"{url}/moto-api/reset")
    clients = [boto3.client(name, region_name=REGION, endpoint_url=url)
               for name in ("ec2", "route53", "route53resolver")]
    try:
        yield url, build(*clients)
    finally:
        server.stop()


def _verify(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "privnet.cli.main", "verify", str(SEED), "--source", "aws",
         "--aws-endpoint", url, "--format", "json"],
        capture_output=True, text=True, check=False, env={**os.environ, **CREDENTIALS})


def test_live_network_is_verified_then_a_fault_is_found(live: tuple[str, SeedState]) -> None:
    url, seed = live
    result = _verify(url)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    data = json.loads(result.stdout)
    assert data["summary"] == {"paths": 50, "not_as_expected": 0, "ok": True, "pairs": 10,
                               "pairs_not_as_expected": 0}

    seed.ec2.revoke_security_group_ingress(GroupId=seed.endpoint_sg["sandbox"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 9092, "ToPort": 9092,
        "IpRanges": [{"CidrIp": c} for c, _ in VPCS.values()] + [{"CidrIp": "10.100.0.0/22"}]}])
    result = _verify(url)
    assert result.returncode == 1
    failing = [t for t in json.loads(result.stdout)["traces"] if not t["as_expected"]]
    assert {t["disposition"] for t in failing} == {"DENIED_IN"}
    assert {t["port"] for t in failing} == {9092}
    assert all(seed.endpoint_sg["sandbox"] in t["culprit"] for t in failing)


def test_unreachable_aws_endpoint_is_bad_input_not_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "privnet.cli.main", "verify", str(SEED), "--source", "aws",
         "--aws-endpoint", "http://127.0.0.1:9"],
        capture_output=True, text=True, check=False, env={**os.environ, **CREDENTIALS},
        timeout=120)
    assert result.returncode == 2
    assert "cannot read AWS" in result.stderr
    assert "Traceback" not in result.stderr
