"""``privnet local up | status | down`` in a scratch project, as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.local.cloud import ensure_running
from privnet.local.processes import is_alive

PRIVNET = [sys.executable, "-m", "privnet.cli.main"]


def privnet(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRIVNET, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def pids(project: Path) -> dict[str, int]:
    folder = project / ".privnet" / "local" / "pids"
    if not folder.exists():
        return {}
    return {file.stem: int(file.read_text()) for file in folder.glob("*.pid")}


def assert_private_files(root: Path) -> None:
    """The folder and its subfolders 0700, every file in them 0600."""
    assert root.stat().st_mode & 0o777 == 0o700
    for entry in root.rglob("*"):
        expected = 0o700 if entry.is_dir() else 0o600
        assert entry.stat().st_mode & 0o777 == expected, entry


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    privnet("local", "down", cwd=tmp_path)  # never leave a server behind, even on failure


def test_up_status_down_leaves_no_process(project: Path) -> None:
    import boto3

    started = privnet("local", "up", "--instant", cwd=project)
    assert started.returncode == 0, started.stderr
    assert "local cloud: running" in started.stdout
    running = pids(project)
    assert "aws" in running and all(is_alive(pid) for pid in running.values())

    endpoints = json.loads((project / ".privnet/local/endpoints.json").read_text())
    credentials = project / ".privnet/local/credentials.json"
    assert credentials.stat().st_mode & 0o777 == 0o600
    secret = json.loads(credentials.read_text())["confluent"]["api_secret"]
    assert secret not in started.stdout + started.stderr
    assert endpoints["aws_url"] in started.stdout

    aws_key = json.loads(credentials.read_text())["aws"]
    assert aws_key["access_key_id"] != "testing"
    assert aws_key["secret_access_key"] not in started.stdout + started.stderr
    client = boto3.client("ec2", endpoint_url=endpoints["aws_url"], region_name="us-east-1",
                          aws_access_key_id=aws_key["access_key_id"],
                          aws_secret_access_key=aws_key["secret_access_key"])
    vpc_id = client.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    assert_private_files(project / ".privnet/local")

    again = privnet("local", "up", "--instant", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "already was" in again.stdout
    assert pids(project) == running  # already running: reused, not restarted
    reached = ensure_running(project)
    assert (reached.aws_url, pids(project)) == (endpoints["aws_url"], running)
    assert boto3.client("ec2", **reached.aws_credentials()).describe_vpcs(VpcIds=[vpc_id])
    assert [v["VpcId"] for v in client.describe_vpcs(VpcIds=[vpc_id])["Vpcs"]] == [vpc_id]

    status = privnet("local", "status", cwd=project)
    assert status.returncode == 0
    assert status.stdout.startswith("local cloud: running")
    assert f"pid {running['aws']} running" in status.stdout
    assert secret not in status.stdout
    if "ccloud" in running:  # the Confluent emulator is optional until it is installed
        import httpx

        assert endpoints["confluent_url"] in status.stdout
        key = json.loads(credentials.read_text())["confluent"]["api_key"]
        url = endpoints["confluent_url"] + "/org/v2/environments"
        assert httpx.get(url, auth=(key, secret)).status_code == 200
        assert httpx.get(url, auth=(key, "wrong")).status_code == 401

    stopped = privnet("local", "down", cwd=project)
    assert stopped.returncode == 0, stopped.stderr
    assert not any(is_alive(pid) for pid in running.values())
    assert pids(project) == {}
    assert not credentials.exists()
    assert privnet("local", "status", cwd=project).stdout.startswith("local cloud: stopped")


def test_down_when_nothing_runs_is_fine(project: Path) -> None:
    result = privnet("local", "down", cwd=project)
    assert result.returncode == 0
    assert "nothing was running" in result.stdout


def test_stale_pid_file_is_reported_not_trusted(project: Path) -> None:
    folder = project / ".privnet/local/pids"
    folder.mkdir(parents=True)
    (folder / "aws.pid").write_text(f"{os.getpid()}\n")  # alive, but not a local cloud server
    status = privnet("local", "status", cwd=project)
    assert status.stdout.startswith("local cloud: stopped")
    assert "stale pid file" in status.stdout


def test_bad_option_is_a_message_not_a_traceback(project: Path) -> None:
    result = privnet("local", "up", "--fault-rate", "2", cwd=project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "fault-rate" in result.stderr
    assert pids(project) == {}


def test_cli_import_stays_light() -> None:
    probe = ("import sys, privnet.cli.main; "
             "print(sorted(m for m in ('moto', 'boto3', 'fastapi', 'httpx', 'uvicorn') "
             "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_unusable_state_directory_is_a_message_not_a_traceback(project: Path) -> None:
    (project / ".privnet").write_text("a file where the state folder should be")
    result = privnet("local", "up", "--instant", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: local cloud files under")
