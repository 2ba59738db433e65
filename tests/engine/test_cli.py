"""The plan/apply/destroy/output commands, over fake handlers (no cloud at all)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.services import Services
from privnet.engine.progress import SilentReporter
from tests.conftest import EXAMPLES
from tests.engine.conftest import KINDS, sample_graph
from tests.engine.fakes import FakeCloud, FakeContext, FakeHandler, compiler_for

EXAMPLE = str(EXAMPLES / "privatelink-cluster-linking.yaml")


_HANDLERS: dict[str, FakeHandler] = {}


def engine_run_handlers() -> dict[str, FakeHandler]:
    """The fake handlers the CLI of the current test uses."""
    return _HANDLERS


class ServicesRunner(CliRunner):
    """A CliRunner that hands every invocation the given services (typer's ``obj``)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def invoke(self, *args: Any, **kwargs: Any) -> Result:
        kwargs.setdefault("obj", self.services)
        return super().invoke(*args, **kwargs)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[CliRunner, list[str], FakeCloud]:
    cloud = FakeCloud()
    handlers = {kind: FakeHandler(kind, cloud) for kind in KINDS}
    _HANDLERS.clear()
    _HANDLERS.update(handlers)
    monkeypatch.setattr("privnet.resources.compile.default_compilers",
                        lambda: [compiler_for(sample_graph)])
    services = Services(make_context=lambda topology: FakeContext(), handlers=lambda: handlers,
                        reporter=SilentReporter)
    return ServicesRunner(services), ["--state-dir", str(tmp_path / "state")], cloud


def test_plan_apply_plan_output_destroy(cli: tuple[CliRunner, list[str], FakeCloud]) -> None:
    runner, state, cloud = cli
    first = runner.invoke(app, ["plan", EXAMPLE, "--detailed-exitcode", *state])
    assert first.exit_code == 2, first.output
    assert "Plan: 5 to add, 0 to change, 0 to destroy." in first.stdout
    applied = runner.invoke(app, ["apply", EXAMPLE, "--yes", *state])
    assert applied.exit_code == 0, applied.output
    assert "Apply complete: 5 created, 0 updated, 0 destroyed." in applied.stdout
    assert "\nOutputs:\n  stack " in applied.stdout
    assert len(cloud.objects) == 5
    again = runner.invoke(app, ["plan", EXAMPLE, "--detailed-exitcode", *state])
    assert again.exit_code == 0 and "No changes." in again.stdout
    shown = runner.invoke(app, ["output", EXAMPLE, "--format", "json", *state])
    outputs = json.loads(shown.stdout)
    assert outputs["clusters"]["main"]["id"].startswith("cluster-")
    destroyed = runner.invoke(app, ["destroy", EXAMPLE, "--yes", *state])
    assert destroyed.exit_code == 0, destroyed.output
    assert "Plan: 0 to add, 0 to change, 5 to destroy." in destroyed.stdout
    assert cloud.objects == {}


def test_saved_plan_applies_once_then_is_stale(cli: tuple[CliRunner, list[str], FakeCloud],
                                               tmp_path: Path) -> None:
    runner, state, cloud = cli
    plan_file = tmp_path / "plan.json"
    made = runner.invoke(app, ["plan", EXAMPLE, "--out", str(plan_file), *state])
    assert made.exit_code == 0 and plan_file.exists()
    assert runner.invoke(app, ["apply", str(plan_file), *state]).exit_code == 0
    assert len(cloud.objects) == 5
    again = runner.invoke(app, ["apply", str(plan_file), *state])
    assert again.exit_code == 2
    assert "stale" in again.stderr and "Traceback" not in again.output
    assert len(cloud.objects) == 5


def test_json_plan_and_declined_confirmation(cli: tuple[CliRunner, list[str], FakeCloud]) -> None:
    runner, state, cloud = cli
    shown = runner.invoke(app, ["plan", EXAMPLE, "--format", "json", *state])
    assert json.loads(shown.stdout)["summary"] == {"add": 5, "change": 0, "destroy": 0,
                                                   "read": 0, "leave_in_place": 0, "adopt": 0}
    declined = runner.invoke(app, ["apply", EXAMPLE, *state], input="no\n")
    assert declined.exit_code == 1 and "cancelled" in declined.stderr
    assert cloud.objects == {}


def test_bad_input_is_a_message_not_a_traceback(cli: tuple[CliRunner, list[str], FakeCloud],
                                                tmp_path: Path) -> None:
    runner, state, _ = cli
    missing = runner.invoke(app, ["plan", str(tmp_path / "nope.yaml"), *state])
    assert missing.exit_code == 2 and "cannot read the file" in missing.stderr
    detailed = runner.invoke(app, ["plan", str(tmp_path / "nope.yaml"), "--detailed-exitcode",
                                   *state])
    assert detailed.exit_code == 1
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": "privnet-plan/1"}')
    broken = runner.invoke(app, ["apply", str(junk), *state])
    assert broken.exit_code == 2 and "cannot read plan file" in broken.stderr
    for result in (missing, detailed, broken):
        assert "Traceback" not in result.output


def test_apply_is_refused_while_another_process_holds_the_stack(
        cli: tuple[CliRunner, list[str], FakeCloud], tmp_path: Path) -> None:
    runner, state, cloud = cli
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from privnet.engine.state import StateStore\n"
         f"store = StateStore('privatelink-cluster-linking', Path({str(tmp_path / 'state')!r}))\n"
         "with store.lock('apply'):\n"
         "    print('locked', flush=True)\n"
         "    sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        refused = runner.invoke(app, ["apply", EXAMPLE, "--yes", *state])
        assert refused.exit_code == 2
        assert f"pid {holder.pid}" in refused.stderr and "Traceback" not in refused.output
        assert cloud.ops("create") == []
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert runner.invoke(app, ["apply", EXAMPLE, "--yes", *state]).exit_code == 0


def test_saved_destroy_plan_destroys_everything(cli: tuple[CliRunner, list[str], FakeCloud],
                                                tmp_path: Path) -> None:
    runner, state, cloud = cli
    assert runner.invoke(app, ["apply", EXAMPLE, "--yes", *state]).exit_code == 0
    plan_file = tmp_path / "destroy.json"
    made = runner.invoke(app, ["plan", EXAMPLE, "--destroy", "--out", str(plan_file), *state])
    assert made.exit_code == 0 and "0 to add, 0 to change, 5 to destroy" in made.stdout
    assert len(cloud.objects) == 5
    applied = runner.invoke(app, ["apply", str(plan_file), *state])
    assert applied.exit_code == 0 and "Destroy complete" in applied.stdout
    assert cloud.objects == {}


def test_failed_apply_lists_failures_and_skips_then_resumes(
        cli: tuple[CliRunner, list[str], FakeCloud]) -> None:
    runner, state, cloud = cli
    handlers = engine_run_handlers()
    handlers["fake.subnet"].fail_create = {"fake.subnet.a"}
    failed = runner.invoke(app, ["apply", EXAMPLE, "--yes", *state])
    assert failed.exit_code == 1
    assert "failed: fake.subnet.a: RuntimeError: refused to create fake.subnet.a" in failed.stdout
    assert "skipped 1: upstream failed: fake.subnet.a" in failed.stdout
    assert ("Apply incomplete: 3 created, 0 updated, 0 destroyed, 1 failed, 1 skipped."
            in failed.stdout)
    handlers["fake.subnet"].fail_create = set()
    resumed = runner.invoke(app, ["apply", EXAMPLE, "--yes", *state])
    assert resumed.exit_code == 0 and "Plan: 2 to add" in resumed.stdout
    assert len(cloud.objects) == 5
