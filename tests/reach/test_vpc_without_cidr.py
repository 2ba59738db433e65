"""A VPC given by id needs no ``cidr``: ``verify --source aws`` reads it from the account;
plan mode (and validate) say it cannot be known from the file; a VPC to create still needs
one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.local.aws.server_process import CREDENTIALS, aws_server
from tests.reach.bare_network import REGION, BareNetwork, build_bare
from tests.reach.test_bare_network_cli import bare_topology

PRIVNET = [sys.executable, "-m", "privnet.cli.main"]


def _without_cidrs(net: BareNetwork) -> str:
    return re.sub(r"(id: vpc-[0-9a-f]+), cidr: [0-9./]+", r"\1", bare_topology(net))


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRIVNET, *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=120, env={**os.environ, **CREDENTIALS})


def test_verify_aws_reads_the_cidr_plan_and_validate_ask_for_it(tmp_path: Path) -> None:
    import boto3

    with aws_server(tmp_path) as url:
        clients = [boto3.client(n, region_name=REGION, endpoint_url=url,
                                aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
                   for n in ("ec2", "route53", "route53resolver")]
        net = build_bare(*clients)
        text = _without_cidrs(net)
        assert text.count("cidr:") == 1, "only the hub's subnet keeps one"
        (tmp_path / "bare.yaml").write_text(text)
        live = _run(["verify", "bare.yaml", "--source", "aws", "--aws-endpoint", url,
                     "--format", "json"], tmp_path)
    plan = _run(["verify", "bare.yaml", "--source", "plan"], tmp_path)
    validated = _run(["validate", "bare.yaml"], tmp_path)

    assert live.returncode == 0, live.stdout[-3000:] + live.stderr[-3000:]
    traces = json.loads(live.stdout)["traces"]
    assert traces and all(t["as_expected"] for t in traces)
    for result in (plan, validated):
        assert result.returncode in (1, 2), result.stdout + result.stderr
        output = result.stdout + result.stderr
        assert "given by id without cidr" in output and "--source aws" in output
        assert "aws.vpcs[0].cidr" in output or "aws.vpcs.0.cidr" in output, output
        assert "Traceback" not in output


def test_a_vpc_to_create_still_needs_a_cidr(tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text(
        "stack: fresh\nconfluent:\n  environment: {name: env}\n"
        "aws:\n  vpcs:\n    - {name: app, subnets: [{az_id: use1-az1, cidr: 10.0.0.0/24}]}\n")
    result = _run(["validate", "new.yaml"], tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "needs a cidr" in result.stderr and "Traceback" not in result.stderr
