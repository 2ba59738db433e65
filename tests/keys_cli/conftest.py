"""A stack with API keys on a fresh in-process local cloud, driven through the command line:
the ingress example (two service accounts, each with a key on the cluster) in a temporary
folder, its state in a temporary ``--state-dir``, and the clock set with ``PRIVNET_NOW``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from privnet.facts.aws_pages import pages
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "ingress-privatelink.yaml"
STACK = "ingress-privatelink"
MANAGER_RING = "confluent.api_key.events_manager.events"
PRODUCER_RING = "confluent.api_key.payments_producer.events"
START = "2027-01-01T09:00:00Z"


@dataclass
class KeyStack:
    """One stack, and everything its commands printed (to scan for secrets)."""

    file: Path
    state_dir: Path
    ctx: CloudContext
    stack: str = STACK
    printed: list[str] = field(default_factory=list)

    def run(self, *args: str, stdin: str | None = None) -> Result:
        """``privnet ARGS --state-dir DIR``; ``FILE`` stands for the topology file."""
        argv = [str(self.file) if a == "FILE" else a for a in args]
        services = Services(make_context=lambda _: self.ctx, reporter=SilentReporter)
        result = CliRunner().invoke(app, [*argv, "--state-dir", str(self.state_dir)],
                                    obj=services, input=stdin)
        if args[:2] != ("keys", "export"):
            self.printed.extend((result.stdout, result.stderr))
        return result

    def ok(self, *args: str, stdin: str | None = None) -> Result:
        result = self.run(*args, stdin=stdin)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.output
        return result

    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(
            (self.state_dir / self.stack / "state.json").read_text())
        return data

    def ring(self, address: str) -> dict[str, Any]:
        attributes: dict[str, Any] = self.state()["resources"][address]["attributes"]
        return attributes

    def status(self, *options: str) -> dict[str, dict[str, Any]]:
        """``keys status --format json``: the rings by address."""
        document = json.loads(self.ok("keys", "status", "FILE", "--format", "json",
                                      *options).stdout)
        return {r["address"]: r for r in document["rings"]}

    def plan(self) -> dict[str, dict[str, Any]]:
        document = json.loads(self.ok("plan", "FILE", "--format", "json").stdout)
        return {c["address"]: c for c in document["changes"] if c["action"] != "noop"}

    def secret_values(self) -> set[str]:
        """Every API key secret stored in the local cloud's Secrets Manager (each key's own
        secret holds ``{"key", "secret"}``)."""
        sm = self.ctx.aws("secretsmanager")
        found: set[str] = set()
        for listed in pages(sm, "list_secrets", "SecretList"):
            value = json.loads(sm.get_secret_value(SecretId=listed["ARN"])["SecretString"])
            if isinstance(value, dict) and "secret" in value:
                found.add(str(value["secret"]))
        return found


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyStack]:
    monkeypatch.setenv("PRIVNET_NOW", START)
    file = tmp_path / "privnet.yaml"
    shutil.copy(EXAMPLE, file)
    with InProcessCloud() as cloud:
        yield KeyStack(file, tmp_path / "state", cloud.context(STACK, "us-west-2"))


@pytest.fixture
def applied(stack: KeyStack) -> KeyStack:
    stack.ok("apply", "FILE", "--yes")
    return stack
