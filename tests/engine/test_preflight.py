"""Preflight: both clouds' credentials are proven before the first change, in seconds."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from privnet.targets.context import CloudContext
from privnet.targets.preflight import PreflightError, check_clouds
from tests.conftest import EXAMPLES

SECRET = "the-secret-value-never-printed"


class ConfluentStub:
    """A Confluent Cloud stand-in that refuses every key (401) and records every request."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                stub.requests.append((self.command, self.path))
                body = b'{"errors": [{"status": "401", "detail": "Unauthorized"}]}'
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

            def log_message(self, *_args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def changes(self) -> list[tuple[str, str]]:
        return [r for r in self.requests if r[0] != "GET"]


@pytest.fixture
def confluent() -> Iterator[ConfluentStub]:
    stub = ConfluentStub()
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    yield stub
    stub.server.shutdown()
    stub.server.server_close()


@pytest.fixture
def cloud_topology(tmp_path: Path) -> Path:
    text = (EXAMPLES / "privatelink-cluster-linking.yaml").read_text()
    path = tmp_path / "stack.yaml"
    path.write_text(text.replace("target: local", "target: cloud"))
    return path


def no_aws_env(confluent_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "CONFLUENT_"))}
    env.update({"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                "AWS_CONFIG_FILE": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
                "CONFLUENT_CLOUD_URL": confluent_url, **extra})
    return env


def privnet(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[
        subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "privnet.cli.main", *args], cwd=cwd,
                            env=env, capture_output=True, text=True, timeout=60, check=False,
                            stdin=subprocess.DEVNULL)
    return result, time.monotonic() - started


@pytest.mark.parametrize("command", [["apply", "--yes"], ["destroy", "--yes"], ["plan"]])
def test_no_credentials_fail_in_seconds_naming_what_to_set(
        command: list[str], cloud_topology: Path, confluent: ConfluentStub) -> None:
    result, seconds = privnet([*command, str(cloud_topology), "--state-dir", "state"],
                              cloud_topology.parent, no_aws_env(confluent.url))
    assert result.returncode == 2, result.stdout + result.stderr
    assert seconds < 5, seconds
    assert "Traceback" not in result.stderr
    assert "nothing was changed" in result.stderr
    assert "AWS: no credentials found in the default chain" in result.stderr
    assert "AWS_ACCESS_KEY_ID" in result.stderr and "AWS_PROFILE" in result.stderr
    assert "CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET not set" in result.stderr
    assert confluent.requests == []  # nothing was asked, let alone created
    assert "Plan:" not in result.stdout


def test_a_refused_confluent_key_is_named_and_its_secret_is_not(
        cloud_topology: Path, confluent: ConfluentStub) -> None:
    env = no_aws_env(confluent.url, CONFLUENT_CLOUD_API_KEY="WRONGKEY123",
                     CONFLUENT_CLOUD_API_SECRET=SECRET)
    result, seconds = privnet(["apply", "--yes", str(cloud_topology), "--state-dir", "state"],
                              cloud_topology.parent, env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert seconds < 5, seconds
    assert "refused CONFLUENT_CLOUD_API_KEY WRONGKEY123 (HTTP 401)" in result.stderr
    assert "AWS: no credentials found" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert confluent.requests == [("GET", "/org/v2/environments?page_size=1")]
    assert confluent.changes() == []
    assert not (cloud_topology.parent / "state").exists() or \
        not list((cloud_topology.parent / "state").rglob("state.json"))


@pytest.mark.parametrize("flag", ["--no-refresh", "--destroy", "--detailed-exitcode"])
def test_every_plan_checks_first(flag: str, cloud_topology: Path,
                                 confluent: ConfluentStub) -> None:
    """Even without a refresh, or for a destroy plan, plan looks for the stack's objects."""
    result, seconds = privnet(["plan", flag, str(cloud_topology), "--state-dir", "state"],
                              cloud_topology.parent, no_aws_env(confluent.url))
    assert result.returncode == (1 if flag == "--detailed-exitcode" else 2), \
        result.stdout + result.stderr
    assert seconds < 5, seconds
    assert "AWS: no credentials found" in result.stderr
    assert "Traceback" not in result.stderr
    assert confluent.requests == []


def test_the_local_cloud_passes_its_own_preflight() -> None:
    from privnet.targets.inprocess import InProcessCloud

    with InProcessCloud() as cloud:
        ctx = cloud.context("demo", "us-east-1")
        check_clouds(ctx)
        ctx.close()


def test_the_local_server_with_other_keys_is_named(tmp_path: Path,
                                                   confluent: ConfluentStub) -> None:
    from tests.local.aws.server_process import aws_server

    with aws_server(tmp_path) as url:
        ctx = CloudContext(stack="demo", region="us-east-1", confluent_url=confluent.url,
                           confluent_key="LOCALKEY", confluent_secret=SECRET,
                           aws_endpoint=url,
                           aws_credentials={"aws_access_key_id": "testing",
                                            "aws_secret_access_key": "testing"})
        with pytest.raises(PreflightError) as caught:
            check_clouds(ctx)
    text = str(caught.value)
    assert f"the local AWS at {url} refused the credentials from explicit: " \
           "InvalidClientTokenId" in text
    assert "was it restarted?" in text
    assert "refused CONFLUENT_CLOUD_API_KEY LOCALKEY" in text
    assert SECRET not in text


def test_busy_clouds_have_not_refused_the_credentials() -> None:
    """Throttling and 5xx on every call (both clouds answer, busy) are not credential
    problems: the check passes and the run's own retries deal with a busy service."""
    from privnet.local.aws import AwsBehaviour
    from privnet.local.ccloud import EmulatorSettings
    from privnet.targets.inprocess import InProcessCloud

    settings = EmulatorSettings.instant(fault_rate=1.0, seed=3)
    with InProcessCloud(settings, AwsBehaviour(fault_rate=1.0, fault_seed=3)) as cloud:
        ctx = cloud.context("demo", "us-east-1")
        check_clouds(ctx)
        ctx.close()
