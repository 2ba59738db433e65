"""On the local cloud servers, a stack in us-east-2 is applied and then verified by the
default source in us-east-2 (the local cloud's endpoints file says us-east-1)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.local.layout import LocalLayout
from tests.reach.local_project import local_project, run_privnet

STACK = """
stack: ohio-verify
region: us-east-2
runner: {location: runner}
confluent:
  environment: {name: ohio-verify-env}
  connectivity: {privatelink_attachments: [{name: platt}]}
  clusters:
    - {name: events, connectivity: platt, topics: [{name: orders}]}
  service_accounts:
    - name: ohio_admin
      roles: [{role: CloudClusterAdmin, cluster: events}]
      api_keys: [events]
aws:
  hub:
    runner_vpc:
      name: runner
      cidr: 10.253.0.0/24
      subnets: [{az_id: use2-az1, cidr: 10.253.0.0/26}]
  vpcs:
    - name: app
      cidr: 10.0.0.0/20
      subnets:
        - {az_id: use2-az1, cidr: 10.0.0.0/24}
        - {az_id: use2-az2, cidr: 10.0.1.0/24}
        - {az_id: use2-az3, cidr: 10.0.2.0/24}
      endpoint: {connectivity: platt}
"""


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    with local_project(tmp_path, STACK) as folder:
        yield folder


def test_a_us_east_2_stack_is_verified_in_us_east_2(project: Path) -> None:
    endpoints = json.loads(LocalLayout.for_user().endpoints.read_text())  # the user's cloud
    assert endpoints["aws_region"] == "us-east-1"
    applied = run_privnet(["apply", "--yes", "stack.yaml"], project)
    assert applied.returncode == 0, applied.stdout[-2000:] + applied.stderr[-2000:]

    result = run_privnet(["verify", "stack.yaml", "--format", "json"], project)
    assert "verify: source aws" in result.stderr
    data = json.loads(result.stdout)
    assert {t["disposition"] for t in data["traces"]} == {"ACCEPTED"}, result.stdout[-3000:]
    assert {t["source"] for t in data["traces"]} == {"app", "runner"}
    assert result.returncode == 0
