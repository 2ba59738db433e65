"""``privnet refresh`` records what the clouds report; every state-writing escape hatch takes
the stack's lock, keeps a backup and bumps the serial (so an older saved plan goes stale)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.escape_hatches.conftest import STACK, Stack

BINDING = "confluent.role_binding.events_manager.0"
VPC = "aws.vpc.payments"


def test_refresh_after_a_hand_deletion_removes_it_from_the_state(applied: Stack) -> None:
    binding_id = applied.recorded_id(BINDING)
    applied.ctx.confluent().delete(f"/iam/v2/role-bindings/{binding_id}")
    data = applied.state()
    data["resources"][VPC]["attributes"]["cidr"] = "10.99.0.0/16"  # an out-of-date record
    applied.state_path.write_text(json.dumps(data))
    aws_before = applied.ctx.aws("ec2").describe_vpcs()["Vpcs"]

    refreshed = applied.ok("refresh", "FILE")
    assert f"{BINDING}: {binding_id} no longer exists: removed from the state" in \
        refreshed.stdout
    assert f"{VPC}: attributes updated from the cloud" in refreshed.stdout
    assert "1 removed" in refreshed.stdout and "Nothing was changed in the clouds" in \
        refreshed.stdout
    state = applied.state()["resources"]
    assert BINDING not in state
    assert state[VPC]["attributes"]["cidr"] == "10.21.0.0/20"
    assert applied.ctx.aws("ec2").describe_vpcs()["Vpcs"] == aws_before

    changes = applied.plan()
    assert changes[BINDING]["action"] == "create"
    again = json.loads(applied.ok("refresh", "FILE", "--format", "json").stdout)
    assert again["removed"] == {} and again["updated"] == [] and again["read"] == len(state)


def test_refresh_of_a_stack_without_state_says_so(stack: Stack) -> None:
    result = stack.ok("refresh", "FILE")
    assert "has no state" in result.stderr and "nothing to refresh" in result.stderr
    assert not stack.state_path.exists()


def _edits(stack: Stack) -> list[tuple[str, ...]]:
    """One command of each state-writing escape hatch, in an order that works."""
    vpc_id = stack.recorded_id(VPC)
    return [("state", "rm", "FILE", VPC), ("import", "FILE", VPC, vpc_id),
            ("refresh", "FILE")]


def test_every_edit_bumps_the_serial_keeps_a_backup_and_stales_a_saved_plan(
        applied: Stack) -> None:
    plan_file = applied.file.parent / "before.plan"
    applied.ok("plan", "FILE", "--out", str(plan_file))
    for command in _edits(applied):
        serial = applied.state()["serial"]
        before = applied.state_path.read_text()
        applied.ok(*command)
        assert applied.state()["serial"] == serial + 1, command
        assert applied.backup_path.read_text() == before, command
    stale = applied.run("apply", str(plan_file))
    assert stale.exit_code == 2 and "stale" in stale.stderr


def test_mv_writes_through_the_same_store(applied: Stack) -> None:
    text = applied.file.read_text()
    serial = applied.state()["serial"]
    applied.file.write_text(text.replace("- name: payments\n", "- name: billing\n")
                            .replace("vpc: payments}", "vpc: billing}"))
    applied.ok("state", "mv", "FILE", VPC, "aws.vpc.billing")
    assert applied.state()["serial"] == serial + 1 and applied.backup_path.exists()


@pytest.fixture
def lock_holder(applied: Stack) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path; from privnet.engine.state import StateStore\n"
         f"store = StateStore({STACK!r}, Path({str(applied.state_dir)!r}))\n"
         "with store.lock('apply'):\n"
         "    print('locked', flush=True)\n"
         "    sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_writer_is_refused_by_the_lock(applied: Stack,
                                                lock_holder: subprocess.Popen[str]) -> None:
    state_before = applied.state_path.read_text()
    try:
        for command in [*_edits(applied), ("state", "mv", "FILE", VPC, "aws.vpc.platform")]:
            result = applied.run(*command)
            assert result.exit_code == 2, command
            assert f"pid {lock_holder.pid}" in result.stderr, command
            assert "Traceback" not in result.output
        assert applied.ok("state", "list", "FILE").stdout, "reading needs no lock"
    finally:
        assert lock_holder.stdin is not None
        lock_holder.stdin.close()
        lock_holder.wait(timeout=30)
    assert applied.state_path.read_text() == state_before
    applied.ok("state", "rm", "FILE", VPC)


def test_state_help_lists_the_subcommands(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from privnet.cli.main import app

    shown = CliRunner().invoke(app, ["state", "--help"])
    assert shown.exit_code == 0
    for command in ("list", "show", "rm", "mv", "pull"):
        assert f" {command} " in shown.stdout
    top = CliRunner().invoke(app, ["--help"]).stdout
    assert " import " in top and " refresh " in top and " state " in top
