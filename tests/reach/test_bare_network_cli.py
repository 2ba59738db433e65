"""``privnet verify --source aws`` against the local AWS server process holding a network that
another tool built with required parameters only; the topology names its VPCs by id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.local.aws.server_process import CREDENTIALS, aws_server
from tests.reach.bare_network import CIDRS, REGION, SUBNETS, BareNetwork, build_bare


def bare_topology(net: BareNetwork, stack_region: str = REGION,
                  own_region: str | None = None) -> str:
    """The topology naming the bare network's VPCs by id; with ``own_region`` the VPCs, the
    PrivateLink attachment and the cluster declare that region instead of the stack's."""
    region = f", region: {own_region}" if own_region else ""

    def vpc(role: str, extra: str = "") -> str:
        return f"    - {{name: {role}, id: {net.vpc[role]}, cidr: {CIDRS[role]}{region}{extra}}}\n"

    hub_extra = (f", subnets: [{{az_id: {net.endpoint_az_id}, cidr: {SUBNETS['hub'][0]}}}], "
                 "endpoint: {connectivity: platt}")
    return (
        f"stack: bare\nregion: {stack_region}\nrunner: {{location: client}}\n"
        "confluent:\n  environment: {name: bare-env}\n"
        f"  connectivity: {{privatelink_attachments: [{{name: platt{region}}}]}}\n"
        f"  clusters:\n    - {{name: events, connectivity: platt{region}}}\n"
        "aws:\n  vpcs:\n" + vpc("hub", hub_extra) + vpc("client") + vpc("direct")
        + "verify:\n  expect:\n    - {from: hub, to: '*', reachable: false}\n")


def test_verify_reads_a_network_built_by_another_tool(tmp_path: Path) -> None:
    import boto3

    with aws_server(tmp_path) as url:
        clients = [boto3.client(n, region_name=REGION, endpoint_url=url,
                                aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                                aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"])
                   for n in ("ec2", "route53", "route53resolver")]
        net = build_bare(*clients)
        (tmp_path / "bare.yaml").write_text(bare_topology(net))
        result = subprocess.run(
            [sys.executable, "-m", "privnet.cli.main", "verify", "bare.yaml", "--source", "aws",
             "--aws-endpoint", url, "--format", "json"], cwd=tmp_path, capture_output=True,
            text=True, check=False, timeout=120, env={**os.environ, **CREDENTIALS})

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    traces = json.loads(result.stdout)["traces"]
    by_source: dict[str, set[str]] = {}
    for trace in traces:
        by_source.setdefault(trace["source"], set()).add(trace["disposition"])
    # the hub's own clients meet its default group, which admits the two client VPCs only
    assert by_source == {"client": {"ACCEPTED"}, "direct": {"ACCEPTED"},
                         "hub": {"DENIED_IN"}}
    assert {t["port"] for t in traces} == {443, 9092}
