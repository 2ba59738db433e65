"""``verify --aws-endpoint`` with no AWS credentials in the environment: this project's
running local cloud is read with its own credentials file; any other endpoint gets a clear
message (exit 2), never a botocore traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.reach.local_project import PRIVNET, local_project
from tests.reach.test_cli_local_cloud import STACK


def _without_aws_credentials(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    # no shared credentials file nor instance metadata to fall back on
    env.update({"AWS_SHARED_CREDENTIALS_FILE": str(home / "none"),
                "AWS_CONFIG_FILE": str(home / "none"), "AWS_EC2_METADATA_DISABLED": "true"})
    return env


def _verify(folder: Path, endpoint: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PRIVNET, "verify", "stack.yaml", "--source", "aws",
                           "--aws-endpoint", endpoint], cwd=folder, capture_output=True,
                          text=True, timeout=300, check=False,
                          env=_without_aws_credentials(folder))


def test_local_endpoint_without_credentials_reads_the_local_cloud(tmp_path: Path) -> None:
    with local_project(tmp_path, STACK) as folder:
        from privnet.local.cloud import LocalCloud

        status = LocalCloud().status()
        assert status.endpoints is not None
        result = _verify(folder, status.endpoints.aws_url)
    # nothing is applied: every path fails, but the account was read
    assert result.returncode == 1, result.stderr
    assert "location/cluster pairs" in result.stdout
    assert "credentials" not in result.stderr and "Traceback" not in result.stderr


def test_other_endpoint_without_credentials_says_what_to_set(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(STACK)
    result = _verify(tmp_path, "http://127.0.0.1:9")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no AWS credentials for --aws-endpoint http://127.0.0.1:9" in result.stderr
    assert "AWS_ACCESS_KEY_ID" in result.stderr and "Traceback" not in result.stderr
