"""``privnet local up | status | down``, as a user runs them: one local cloud per user, under
the user's state directory, shared by every directory, stopped by ``down`` or when idle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.local.cloud import LocalCloud, ensure_running
from privnet.local.processes import is_alive

PRIVNET = [sys.executable, "-m", "privnet.cli.main"]


def privnet(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRIVNET, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, **env})


def pids(home: Path) -> dict[str, int]:
    folder = home / "local" / "pids"
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
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This test's own user state directory (PRIVNET_HOME); the cloud is stopped after."""
    folder = tmp_path / "home"
    monkeypatch.setenv("PRIVNET_HOME", str(folder))
    yield folder
    privnet("local", "down", cwd=tmp_path)  # never leave a server behind, even on failure


@pytest.fixture
def project(tmp_path: Path, home: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return folder


def test_up_status_down_leaves_no_process(project: Path, home: Path) -> None:
    import boto3

    started = privnet("local", "up", "--instant", cwd=project)
    assert started.returncode == 0, started.stderr
    assert "local cloud: running" in started.stdout
    running = pids(home)
    assert "aws" in running and all(is_alive(pid) for pid in running.values())
    assert not (project / ".privnet").exists()  # nothing of the cloud in the project

    endpoints = json.loads((home / "local/endpoints.json").read_text())
    credentials = home / "local/credentials.json"
    assert credentials.stat().st_mode & 0o777 == 0o600
    secret = json.loads(credentials.read_text())["confluent"]["api_secret"]
    assert secret not in started.stdout + started.stderr
    assert endpoints["aws_url"] in started.stdout
    assert str(home / "local") in started.stdout

    aws_key = json.loads(credentials.read_text())["aws"]
    assert aws_key["access_key_id"] != "testing"
    assert aws_key["secret_access_key"] not in started.stdout + started.stderr
    client = boto3.client("ec2", endpoint_url=endpoints["aws_url"], region_name="us-east-1",
                          aws_access_key_id=aws_key["access_key_id"],
                          aws_secret_access_key=aws_key["secret_access_key"])
    vpc_id = client.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    assert_private_files(home / "local")

    again = privnet("local", "up", "--instant", cwd=project)
    assert again.returncode == 0, again.stderr
    assert "already was" in again.stdout
    assert pids(home) == running  # already running: reused, not restarted
    reached = ensure_running()
    assert (reached.aws_url, pids(home)) == (endpoints["aws_url"], running)
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
    assert pids(home) == {}
    assert not credentials.exists()
    assert privnet("local", "status", cwd=project).stdout.startswith("local cloud: stopped")


def test_two_directories_share_one_cloud(tmp_path: Path, home: Path) -> None:
    """A second project (another folder, another stack) finds the first one's cloud."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert privnet("local", "up", "--instant", cwd=first).returncode == 0
    running = pids(home)
    in_second = privnet("local", "up", "--instant", cwd=second)
    assert "already was" in in_second.stdout
    assert pids(home) == running
    aws_url = json.loads((home / "local/endpoints.json").read_text())["aws_url"]
    for folder in (first, second):
        status = privnet("local", "status", cwd=folder).stdout
        assert status.startswith("local cloud: running") and aws_url in status
    down = privnet("local", "down", cwd=second)  # down from anywhere stops the one cloud
    assert down.returncode == 0 and "aws" in down.stdout
    assert not any(is_alive(pid) for pid in running.values())
    assert privnet("local", "status", cwd=first).stdout.startswith("local cloud: stopped")


def test_plans_of_two_stacks_in_two_directories_use_one_cloud(tmp_path: Path,
                                                             home: Path) -> None:
    """What the issue saw: a second ``plan`` in a new directory started another cloud."""
    from tests.conftest import EXAMPLES

    text = (EXAMPLES / "privatelink-cluster-linking.yaml").read_text()
    started: list[dict[str, int]] = []
    for name in ("alpha", "beta"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "privnet.yaml").write_text(text.replace("stack: ", f"stack: {name}-", 1))
        plan = privnet("plan", "--no-refresh", "privnet.yaml", cwd=folder)
        assert plan.returncode == 0, plan.stdout[-1500:] + plan.stderr[-1500:]
        started.append(pids(home))
        assert not (folder / ".privnet" / "local").exists()
    assert started[0] and started[0] == started[1]


def test_the_cloud_stops_itself_when_idle(project: Path, home: Path) -> None:
    started = privnet("local", "up", "--instant", cwd=project, PRIVNET_LOCAL_IDLE_SECONDS="2")
    assert started.returncode == 0, started.stderr
    assert "stops after 2s without a request" in started.stdout
    running = pids(home)
    assert running and all(is_alive(pid) for pid in running.values())
    deadline = time.monotonic() + 30
    while any(is_alive(pid) for pid in running.values()) and time.monotonic() < deadline:
        time.sleep(0.2)  # test-side polling of the processes
    assert not any(is_alive(pid) for pid in running.values())
    assert pids(home) == {}  # the servers removed their own pid files
    assert "no request for 2s: stopping" in (home / "local/logs/aws.log").read_text()
    status = privnet("local", "status", cwd=project)
    assert status.stdout.startswith("local cloud: stopped"), status.stdout
    restarted = ensure_running()  # the next command simply starts a fresh one
    assert restarted.aws_url and pids(home) and pids(home) != running


def test_requests_keep_an_idle_cloud_alive(project: Path, home: Path) -> None:
    import boto3

    assert privnet("local", "up", "--instant", cwd=project,
                   PRIVNET_LOCAL_IDLE_SECONDS="3").returncode == 0
    running = pids(home)
    ec2 = boto3.client("ec2", **ensure_running().aws_credentials())
    for _ in range(8):  # 4 s of requests, longer than the idle period
        ec2.describe_vpcs()
        time.sleep(0.5)
    assert all(is_alive(pid) for pid in running.values())


def test_a_bad_idle_setting_is_a_message(project: Path, home: Path) -> None:
    result = privnet("local", "up", "--instant", cwd=project,
                     PRIVNET_LOCAL_IDLE_SECONDS="soon")
    assert result.returncode == 2
    assert "PRIVNET_LOCAL_IDLE_SECONDS='soon'" in result.stderr
    assert "Traceback" not in result.stderr and pids(home) == {}


def test_the_state_directory_follows_the_environment(tmp_path: Path) -> None:
    from privnet.local.layout import privnet_home

    assert privnet_home({"PRIVNET_HOME": str(tmp_path)}) == tmp_path
    assert privnet_home({"XDG_STATE_HOME": str(tmp_path)}) == tmp_path / "privnet"
    assert privnet_home({"XDG_STATE_HOME": "relative"}) == (
        Path.home() / ".local/state/privnet")
    assert privnet_home({}) == Path.home() / ".local/state/privnet"
    assert LocalCloud(home=tmp_path).layout.root == tmp_path / "local"


def test_old_dir_option_is_accepted_with_a_warning(project: Path, home: Path) -> None:
    result = privnet("local", "status", "--dir", str(project), cwd=project)
    assert result.returncode == 0
    assert "--dir is ignored" in result.stderr
    assert "--dir" not in privnet("local", "status", "--help", cwd=project).stdout


def test_down_when_nothing_runs_is_fine(project: Path) -> None:
    result = privnet("local", "down", cwd=project)
    assert result.returncode == 0
    assert "nothing was running" in result.stdout


def test_stale_pid_file_is_reported_not_trusted(project: Path, home: Path) -> None:
    folder = home / "local/pids"
    folder.mkdir(parents=True)
    (folder / "aws.pid").write_text(f"{os.getpid()}\n")  # alive, but not a local cloud server
    status = privnet("local", "status", cwd=project)
    assert status.stdout.startswith("local cloud: stopped")
    assert "stale pid file" in status.stdout


def test_bad_option_is_a_message_not_a_traceback(project: Path, home: Path) -> None:
    result = privnet("local", "up", "--fault-rate", "2", cwd=project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "fault-rate" in result.stderr
    assert pids(home) == {}


def test_cli_import_stays_light() -> None:
    probe = ("import sys, privnet.cli.main; "
             "print(sorted(m for m in ('moto', 'boto3', 'fastapi', 'httpx', 'uvicorn') "
             "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_unusable_state_directory_is_a_message_not_a_traceback(project: Path,
                                                               home: Path) -> None:
    home.write_text("a file where the state folder should be")
    result = privnet("local", "up", "--instant", cwd=project)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: local cloud files under")
