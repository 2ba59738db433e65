"""``privnet verify`` after ``privnet apply`` on the local cloud servers: the default source
reads the live local network, with the cluster ids of the state; a zone association removed
behind privnet's back fails exactly the runner's paths."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reach.local_project import local_project, run_privnet

STACK = """
stack: live-verify
runner: {location: runner}
confluent:
  environment: {name: live-verify-env}
  connectivity: {privatelink_attachments: [{name: platt}]}
  clusters:
    - {name: events, connectivity: platt, topics: [{name: orders}]}
  service_accounts:
    - name: live_verify_admin
      roles: [{role: CloudClusterAdmin, cluster: events}]
      api_keys: [events]
aws:
  hub:
    runner_vpc:
      name: runner
      cidr: 10.253.0.0/24
      subnets: [{az_id: use1-az1, cidr: 10.253.0.0/26}]
  vpcs:
    - name: app
      cidr: 10.0.0.0/20
      subnets:
        - {az_id: use1-az1, cidr: 10.0.0.0/24}
        - {az_id: use1-az2, cidr: 10.0.1.0/24}
        - {az_id: use1-az3, cidr: 10.0.2.0/24}
      endpoint: {connectivity: platt}
"""


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    with local_project(tmp_path, STACK) as folder:
        yield folder


def test_verify_defaults_to_the_live_local_cloud_once_applied(project: Path) -> None:
    before = run_privnet(["verify", "stack.yaml"], project)
    assert "verify: source plan (stack live-verify has no applied state)" in before.stderr

    applied = run_privnet(["apply", "--yes", "stack.yaml"], project)
    assert applied.returncode == 0, applied.stdout[-2000:] + applied.stderr[-2000:]
    state = json.loads((project / ".privnet" / "live-verify" / "state.json").read_text())
    cluster_id = state["resources"]["confluent.cluster.events"]["attributes"]["id"]

    green = run_privnet(["verify", "stack.yaml", "--format", "json"], project)
    assert green.returncode == 0, green.stdout[-2000:] + green.stderr
    assert "verify: source aws (stack live-verify is applied on the running local cloud)" in (
        green.stderr)
    data = json.loads(green.stdout)
    assert data["summary"]["ok"] and data["summary"]["paths"] > 0
    assert {t["name"].split(".")[0].split("-b")[0] for t in data["traces"]} == {cluster_id}

    import boto3

    from privnet.local.cloud import LocalCloud

    status = LocalCloud().status()
    assert status.endpoints is not None
    credentials = status.endpoints.aws_credentials()
    ec2 = boto3.client("ec2", **credentials)
    route53 = boto3.client("route53", **credentials)
    runner = ec2.describe_vpcs(Filters=[{"Name": "tag:privnet:address",
                                         "Values": ["aws.vpc.runner"]}])["Vpcs"][0]["VpcId"]
    zone = route53.list_hosted_zones()["HostedZones"][0]["Id"]
    route53.disassociate_vpc_from_hosted_zone(
        HostedZoneId=zone, VPC={"VPCRegion": "us-east-1", "VPCId": runner})

    broken = run_privnet(["verify", "stack.yaml", "--format", "json"], project)
    assert broken.returncode == 1
    failing = [t for t in json.loads(broken.stdout)["traces"] if not t["as_expected"]]
    assert failing and {t["source"] for t in failing} == {"runner"}
    assert {t["disposition"] for t in failing} == {"NXDOMAIN"}
    assert "Traceback" not in broken.stderr
