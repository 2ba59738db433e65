"""No secret in anything privnet writes (issue 13, must show).

The seed example (nine API key rings, a bidirectional link that stores keys) is driven through
the command line the way a user does, in a working folder of its own with ``$PRIVNET_HOME``,
``$HOME`` and the XDG folders inside it: validate, a saved plan, apply (text, JSON, one run
with ``--debug``), ``keys status``, then with the clock 31 days on a plan, an apply that rotates
every ring, ``keys rotate`` (which deletes the first keys), the read-only commands (state,
output, verify) and destroy. Every secret the local cloud handed out during the run (each
API key's, the Cloud API key's and the AWS secret access key) is then looked for, as itself
and as the base64 of ``id:secret`` a basic ``Authorization`` header carries, in:

- every command's stdout and stderr;
- every file under the working folder afterwards (state, its backup, the lock, the saved
  plan, ``$PRIVNET_HOME``, anything written under ``$HOME``);
- the ``logging`` records of the run. privnet itself logs nothing and installs no handler
  (no ``logging`` call or ``FileHandler`` in ``src/privnet``), so there is no log file; its
  records (``privnet.*``) are scanned at every level in case one is added, and every other
  library's at WARNING and above, the records Python prints on stderr when, as with privnet,
  no logging is configured. Libraries' DEBUG records are left out: they reach nobody unless a
  program embedding privnet turns them on, and boto's carry request bodies by design.

``keys export`` is kept out of the scanned output (it prints a secret, on request) and run once
at the end to show that the capture would catch a printed secret.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.keys.clock import NOW_ENV
from privnet.local.ccloud import EmulatorSettings
from privnet.local.layout import HOME_ENV
from privnet.targets import inprocess
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from tests.conftest import EXAMPLES
from tests.keys.secret_capture import IssuedSecrets, hits, random_secret, record_issued_secrets

EXAMPLE = EXAMPLES / "privatelink-cluster-linking.yaml"
STACK = "privatelink-cluster-linking"
REGION = "us-east-1"
START = "2027-01-01T09:00:00Z"
LATER = "2027-02-01T09:00:00Z"  # 31 days on: every ring is due
# keys rotate an hour after that apply: with the clock held still, keys made at one instant
# are ordered by id, so the new key might not become the active one
AN_HOUR_LATER = "2027-02-01T10:00:00Z"
KEY_RING = "confluent.api_key."


@dataclass
class UserSession:
    """privnet run from ``work``, as a user would, with everything it printed kept."""

    work: Path
    ctx: CloudContext
    printed: list[tuple[str, bytes]] = field(default_factory=list)

    def run(self, *args: str) -> Result:
        services = Services(make_context=lambda _: self.ctx)
        return CliRunner().invoke(app, list(args), obj=services)

    def ok(self, *args: str) -> Result:
        """Run, keep stdout and stderr for the scan, and require success."""
        result = self.run(*args)
        self.printed.append((f"stdout of {args}", result.stdout_bytes))
        self.printed.append((f"stderr of {args}", result.stderr_bytes))
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result

    def files(self) -> list[tuple[str, bytes]]:
        return [(str(p.relative_to(self.work.parent)), p.read_bytes())
                for p in sorted(self.work.parent.rglob("*")) if p.is_file()]


@pytest.fixture
def issued(monkeypatch: pytest.MonkeyPatch) -> IssuedSecrets:
    return record_issued_secrets(monkeypatch)


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            issued: IssuedSecrets) -> Iterator[UserSession]:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    shutil.copy(EXAMPLE, work / "privnet.yaml")
    monkeypatch.chdir(work)
    monkeypatch.setenv(HOME_ENV, str(home / "privnet"))
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.setenv(NOW_ENV, START)
    monkeypatch.delenv("PRIVNET_DEBUG", raising=False)

    aws_key_id = "AKIA" + random_secret()[:16].upper()
    aws_secret, aws_token = random_secret(), random_secret()
    monkeypatch.setattr(inprocess, "LOCAL_AWS_CREDENTIALS", {
        "aws_access_key_id": aws_key_id, "aws_secret_access_key": aws_secret,
        "aws_session_token": aws_token})
    settings = EmulatorSettings.instant(api_key="cloud-" + random_secret()[:12],
                                        api_secret=random_secret())
    issued.cloud = {settings.api_key: settings.api_secret, aws_key_id: aws_secret,
                    "the AWS session token": aws_token}
    with InProcessCloud(settings=settings) as cloud:
        yield UserSession(work, cloud.context(STACK, REGION))


def _rings(state_list: Result) -> list[str]:
    return [line for line in state_list.stdout.splitlines() if line.startswith(KEY_RING)]


def _status(session: UserSession) -> list[dict[str, Any]]:
    """The rings of ``keys status --format json``."""
    rings: list[dict[str, Any]] = json.loads(
        session.ok("keys", "status", "--format", "json").stdout)["rings"]
    return rings


def _active_keys(session: UserSession) -> dict[str, str]:
    """Ring address -> active key id."""
    return {ring["address"]: next(k["id"] for k in ring["keys"] if k["active"])
            for ring in _status(session)}


def test_nothing_privnet_writes_holds_a_secret(session: UserSession, issued: IssuedSecrets,
                                              monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    caplog.set_level(logging.DEBUG, logger="privnet")

    session.ok("validate")
    session.ok("plan", "--out", "plan.bin")
    session.ok("plan", "--format", "json")
    session.ok("--debug", "apply", "plan.bin", "--yes")
    session.ok("apply", "--yes", "--format", "json")
    session.ok("keys", "status")
    first = _active_keys(session)

    monkeypatch.setenv(NOW_ENV, LATER)
    session.ok("plan")
    session.ok("apply", "--yes")  # rotates every ring
    second = _active_keys(session)
    monkeypatch.setenv(NOW_ENV, AN_HOUR_LATER)
    session.ok("keys", "rotate", "--auto-approve")  # a third key each: the first are deleted
    third = _active_keys(session)

    rings = _rings(session.ok("state", "list"))
    assert sorted(rings) == sorted(first) and len(rings) >= 2
    for ring in rings[:2]:
        session.ok("state", "show", "privnet.yaml", ring)
        session.ok("state", "show", "privnet.yaml", ring, "--format", "json")
    session.ok("state", "pull")
    session.ok("output", "privnet.yaml")
    session.ok("output", "privnet.yaml", "--format", "json")
    session.ok("verify", "--source", "plan")
    session.ok("keys", "status")
    listed = {key["id"] for ring in _status(session) for key in ring["keys"]}
    assert not listed & set(first.values())  # the rotation deleted the first keys

    # the capture is not vacuous: every key made, the deleted first ones included
    assert len(issued.api_keys) >= 2 * len(rings)
    for generation in (first, second, third):
        assert set(generation.values()) <= set(issued.api_keys)
    assert not set(first.values()) & set(second.values())
    assert not set(second.values()) & set(third.values())

    # keys export prints a secret on request: kept out of the scan, and proof it would catch one
    account = rings[0].removeprefix(KEY_RING).split(".")[0]
    exported = session.run("keys", "export", account, "--format", "properties")
    assert exported.exit_code == 0, exported.stderr
    assert issued.api_keys[third[rings[0]]] in exported.stdout
    assert hits(issued.needles(), [("export", exported.stdout_bytes)])
    session.printed.append(("stderr of keys export", exported.stderr_bytes))

    session.ok("destroy", "--yes")

    records = [(f"log record {r.name}:{r.levelname}", _record_text(r).encode())
               for r in caplog.records
               if r.name.startswith("privnet") or r.levelno >= logging.WARNING]
    files = session.files()
    assert any(name.endswith("state.json.backup") for name, _ in files)
    assert any(name.endswith("plan.bin") for name, _ in files)
    leaks = hits(issued.needles(), [*session.printed, *files, *records])
    assert leaks == []


def _record_text(record: logging.LogRecord) -> str:
    return " ".join(filter(None, (record.getMessage(), record.exc_text, record.stack_info)))
