"""``privnet discover`` and ``privnet verify`` as processes against the local AWS server, on a
seed-like network built with plain boto3 (required parameters only) with one planted fault."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.local.aws.server_process import CREDENTIALS, aws_server
from tests.reach.seed_like_network import FAULTS, REGION, build_seed_like

ZONE_NOT_ASSOCIATED = next(f for f in FAULTS if f.name == "zone-not-associated")


def _privnet(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CONFLUENT_"))}
    return subprocess.run([sys.executable, "-m", "privnet.cli.main", *args], cwd=cwd,
                          capture_output=True, text=True, check=False, timeout=180,
                          env={**env, **CREDENTIALS})


def test_discover_then_verify_through_a_local_endpoint(tmp_path: Path) -> None:
    import boto3

    with aws_server(tmp_path) as url:
        ec2, route53, resolver = (
            boto3.client(n, region_name=REGION, endpoint_url=url,
                         aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                         aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
            for n in ("ec2", "route53", "route53resolver"))
        net = build_seed_like(ec2, route53, resolver)
        ZONE_NOT_ASSOCIATED.plant(ec2, route53, resolver, net)
        printed = _privnet(["discover", "--region", REGION, "--aws-endpoint", url], tmp_path)
        written = _privnet(["discover", "--region", REGION, "--aws-endpoint", url,
                            "--out", "found.yaml"], tmp_path)
        verified = _privnet(["verify", "found.yaml", "--source", "aws", "--aws-endpoint", url,
                             "--format", "json"], tmp_path)
        implicit = _privnet(["verify", "--source", "aws", "--region", REGION,
                             "--aws-endpoint", url, "--format", "json"], tmp_path)

    assert printed.returncode == 0, printed.stderr
    assert "Traceback" not in printed.stderr + written.stderr + verified.stderr
    # the same file, but for the header line naming it
    assert printed.stdout.splitlines()[2:] == (
        tmp_path / "found.yaml").read_text().splitlines()[2:]
    assert {v["id"] for v in yaml.safe_load(printed.stdout)["aws"]["vpcs"]} == set(
        net.vpc.values())
    for result in (verified, implicit):
        assert result.returncode == 1, result.stdout[-2000:] + result.stderr[-2000:]
        bad = [t for t in json.loads(result.stdout)["traces"] if not t["as_expected"]]
        assert {t["source"] for t in bad} == {net.vpc["w2"]}
        assert {t["disposition"] for t in bad} == {"NXDOMAIN"}
        assert all(net.zone in json.dumps(t) for t in bad)
    assert "discovered network" in implicit.stderr


def test_discover_refuses_bad_input_without_a_traceback(tmp_path: Path) -> None:
    bad_stack = _privnet(["discover", "--region", REGION, "--stack", "Not A Name",
                          "--aws-endpoint", "http://127.0.0.1:9"], tmp_path)
    unreachable = _privnet(["discover", "--region", REGION, "--aws-endpoint",
                            "http://127.0.0.1:9"], tmp_path)
    unwritable = _privnet(["discover", "--region", REGION, "--aws-endpoint",
                           "http://127.0.0.1:9", "--out", str(tmp_path / "missing" / "x.yaml")],
                          tmp_path)
    bad_regions = [_privnet(["discover", "--region", region, "--aws-endpoint",
                             "http://127.0.0.1:9"], tmp_path) for region in ("", "us east", "../x")]
    for result in bad_regions:
        assert result.returncode == 2, result.stderr
        assert "not an AWS region name" in result.stderr
    for result in (bad_stack, unreachable, unwritable):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
    assert "--stack" in bad_stack.stderr
    assert "cannot read AWS" in unreachable.stderr
    assert "missing" in unwritable.stderr and "cannot read AWS" not in unwritable.stderr
