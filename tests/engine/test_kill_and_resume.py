"""A real `privnet apply` process killed (SIGKILL) at 20 seeded points, then re-run each time.

Runs against the local cloud *servers* (the same processes `privnet local up` starts), so the
kill is a real one: no handler gets to clean up, the state write may be the one lost. Each round
uses its own stack; after the re-run the stack must have converged (plan shows no change),
every object the clouds hold for the stack must appear exactly once in state (no duplicate),
and nothing tagged or named for the stack may be missing from state (no orphan).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.errors import StateError
from privnet.engine.state import StateStore
from privnet.resources.compile import compile_topology
from privnet.topology import load_spec

ROUNDS = 20
SEED = 2026
PRIVNET = [sys.executable, "-m", "privnet.cli.main"]

TEMPLATE = """
stack: kill-{n}
region: us-east-1
runner: {{location: runner}}
confluent:
  environment: {{name: kill-env-{n}}}
  connectivity: {{privatelink_attachments: [{{name: platt}}]}}
  clusters:
    - {{name: events, connectivity: platt, topics: [{{name: orders}}]}}
  service_accounts:
    - name: admin_{n}
      roles: [{{role: CloudClusterAdmin, cluster: events}}]
      api_keys: [events]
    - {{name: producer_{n}, api_keys: [events]}}
  acls:
    - {{principal: producer_{n}, cluster: events, profile: producer, topics: [orders]}}
aws:
  hub:
    runner_vpc:
      name: runner
      cidr: 10.253.0.0/24
      subnets: [{{az_id: use1-az1, cidr: 10.253.0.0/26}}]
  vpcs:
    - name: app
      cidr: 10.0.0.0/20
      subnets:
        - {{az_id: use1-az1, cidr: 10.0.0.0/24}}
        - {{az_id: use1-az2, cidr: 10.0.1.0/24}}
        - {{az_id: use1-az3, cidr: 10.0.2.0/24}}
      endpoint: {{connectivity: platt}}
  dns: {{hub_endpoint: app}}
"""


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRIVNET, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project directory with the local cloud servers running (latency off)."""
    root = tmp_path_factory.mktemp("kill")
    started = _run(["local", "up", "--instant"], root, timeout=120)
    assert started.returncode == 0, started.stderr
    try:
        yield root
    finally:
        _run(["local", "down"], root, timeout=60)


def _state(root: Path, stack: str) -> dict[str, Any]:
    """The state as privnet reads it: state.json with the journal the run appends replayed."""
    store = StateStore(stack, root / ".privnet")
    if not store.exists():
        return {"resources": {}}
    try:
        return store.load().to_json()
    except StateError:  # never expected: writes are atomic; the test would then fail below
        return {"resources": {}, "torn": True}


def _kill_apply_at(root: Path, topology: Path, stack: str, point: int) -> int:
    """Start an apply and SIGKILL it once ``point`` resources are recorded; return how many."""
    process = subprocess.Popen([*PRIVNET, "apply", "--yes", str(topology)], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while process.poll() is None and time.monotonic() < deadline:
            state = _state(root, stack)
            assert not state.get("torn"), "a killed run left a torn state file"
            if len(state["resources"]) >= point:
                break
            time.sleep(0.02)  # test-side polling of a file, not product code
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    return len(_state(root, stack)["resources"])


def _cloud_objects(root: Path, stack: str, env_name: str) -> Counter[str]:
    """Ids of every object the clouds hold for the stack, by id (a count > 1 is a duplicate)."""
    import boto3
    import httpx

    from privnet.local.cloud import ensure_running

    endpoints = ensure_running()
    found: Counter[str] = Counter()
    ec2 = boto3.client("ec2", **endpoints.aws_credentials())
    tag = [{"Name": "tag:privnet:stack", "Values": [stack]}]
    for call, key, id_key in (
        ("describe_vpcs", "Vpcs", "VpcId"), ("describe_subnets", "Subnets", "SubnetId"),
        ("describe_security_groups", "SecurityGroups", "GroupId"),
        ("describe_route_tables", "RouteTables", "RouteTableId"),
        ("describe_transit_gateways", "TransitGateways", "TransitGatewayId"),
        ("describe_vpc_endpoints", "VpcEndpoints", "VpcEndpointId"),
    ):
        for item in getattr(ec2, call)(Filters=tag)[key]:
            if str(item.get("State", "")).lower() in ("deleted", "deleting"):
                continue
            tags = {t["Key"]: t["Value"] for t in item.get("Tags", [])}
            if tags.get("privnet:stack") == stack:  # moto ignores some tag filters
                found[item[id_key]] += 1
    auth = endpoints.confluent_credentials()
    with httpx.Client(base_url=str(endpoints.confluent_url), auth=auth) as cc:
        envs = [e for e in cc.get("/org/v2/environments").json()["data"]
                if e["display_name"] == env_name]
        for env in envs:
            found[env["id"]] += 1
            for path in ("/cmk/v2/clusters", "/networking/v1/private-link-attachments"):
                for item in cc.get(path, params={"environment": env["id"]}).json()["data"]:
                    found[item["id"]] += 1
        accounts = [a for a in cc.get("/iam/v2/service-accounts").json()["data"]
                    if f"(privnet stack {stack})" in (a.get("description") or "")]
        for account in accounts:
            found[account["id"]] += 1
            keys = cc.get("/iam/v2/api-keys", params={"spec.owner": account["id"]}).json()
            for key in keys["data"]:
                found[key["id"]] += 1
    return found


def _round(root: Path, n: int, point: int) -> dict[str, Any]:
    topology = root / f"kill-{n}.yaml"
    topology.write_text(TEMPLATE.format(n=n))
    stack = f"kill-{n}"
    recorded = _kill_apply_at(root, topology, stack, point)
    rerun = _run(["apply", "--yes", str(topology)], root)
    plan = _run(["plan", "--detailed-exitcode", str(topology)], root)
    state_ids = {str(r["attributes"].get("id")) for r in _state(root, stack)["resources"].values()
                 if isinstance(r.get("attributes"), dict) and r["attributes"].get("id")}
    cloud = _cloud_objects(root, stack, f"kill-env-{n}")
    return {"n": n, "point": point, "recorded_at_kill": recorded, "rerun": rerun.returncode,
            "rerun_tail": rerun.stdout[-800:] + rerun.stderr[-800:], "plan": plan.returncode,
            "duplicates": sorted(i for i, c in cloud.items() if c > 1),
            "orphans": sorted(i for i in cloud if i not in state_ids),
            "cloud_objects": len(cloud)}


def test_apply_killed_at_twenty_seeded_points_always_converges(project: Path) -> None:
    sample = project / "sample.yaml"
    sample.write_text(TEMPLATE.format(n=0))
    total = len(compile_topology(load_spec(sample).topology).resources)
    rng = random.Random(SEED)
    points = sorted(rng.sample(range(1, total), ROUNDS))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda args: _round(project, *args), enumerate(points)))
    for result in results:
        context = f"round {result['n']} killed after {result['recorded_at_kill']} resources"
        assert result["rerun"] == 0, f"{context}: re-run failed\n{result['rerun_tail']}"
        assert result["plan"] == 0, f"{context}: plan after re-run still shows changes"
        assert result["duplicates"] == [], f"{context}: duplicates {result['duplicates']}"
        assert result["orphans"] == [], f"{context}: orphans {result['orphans']}"
        assert result["cloud_objects"] > 10
    kills = {r["recorded_at_kill"] for r in results}
    assert len(kills) >= ROUNDS // 2, f"kill points not spread out: {sorted(kills)}"
