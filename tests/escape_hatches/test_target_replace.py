"""``--target`` limits a run to an address and what it depends on (destroy: what depends on
it); ``--replace`` replaces a recorded object and what must follow it."""

from __future__ import annotations

import json

from privnet.engine.planner import REPLACE_REQUESTED
from privnet.resources.compile import compile_topology
from privnet.topology import load_spec
from tests.escape_hatches.conftest import EXAMPLE, Stack

SUBNET = "aws.subnet.platform.usw2-az1"
ENDPOINT = "aws.vpc_endpoint.platform"


def _dependencies_of(address: str) -> set[str]:
    """The closure the topology itself says (computed here from the graph's edges)."""
    graph = compile_topology(load_spec(EXAMPLE).topology)
    seen, todo = set(), [address]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph.dependencies(current))
    return seen


def test_target_plans_and_applies_only_the_closure(stack: Stack) -> None:
    closure = _dependencies_of(ENDPOINT)
    assert {ENDPOINT, SUBNET, "aws.vpc.platform", "aws.security_group.platform"} <= closure
    assert "aws.vpc.payments" not in closure
    planned = stack.plan("--target", ENDPOINT)
    assert set(planned) == closure
    assert all(c["action"] == "create" for c in planned.values())

    applied = stack.ok("apply", "FILE", "--yes", "--target", ENDPOINT)
    assert "Apply complete" in applied.stdout
    assert f"note: --target limits this run to {ENDPOINT} and what they depend on" in \
        applied.stderr
    assert set(stack.state()["resources"]) == closure

    # the rest of the stack is still to make, and nothing of the target is made again
    rest = stack.plan()
    assert not closure & set(rest)
    assert "aws.vpc.payments" in rest and "confluent.cluster.events" in rest


def test_an_unknown_target_is_refused_with_the_nearest(stack: Stack) -> None:
    for command in (("plan", "FILE"), ("apply", "FILE", "--yes"), ("destroy", "FILE", "--yes")):
        result = stack.run(*command, "--target", "aws.vpc.platfrom")
        assert result.exit_code == 2, command
        assert "--target aws.vpc.platfrom" in result.stderr
        assert "did you mean aws.vpc.platform" in result.stderr
        assert "Traceback" not in result.output
    assert not stack.state_path.exists()


def test_a_saved_targeted_plan_applies_only_its_targets(stack: Stack) -> None:
    plan_file = stack.file.parent / "subnet.plan"
    stack.ok("plan", "FILE", "--target", SUBNET, "--out", str(plan_file))
    assert json.loads(plan_file.read_text())["targets"] == [SUBNET]
    other = stack.run("apply", str(plan_file), "--target", "aws.vpc.platform")
    assert other.exit_code == 2 and "applied as it was made" in other.stderr
    assert not stack.state_path.exists()
    stack.ok("apply", str(plan_file))
    assert set(stack.state()["resources"]) == {SUBNET, "aws.vpc.platform"}


def test_replace_replaces_exactly_that_object_and_what_must_follow(applied: Stack) -> None:
    vpc = "aws.vpc.payments"
    before = {a: r["attributes"].get("id") for a, r in applied.state()["resources"].items()}
    planned = applied.plan("--replace", vpc)
    assert planned[vpc]["action"] == "replace" and planned[vpc]["reason"] == REPLACE_REQUESTED
    followers = {a for a, c in planned.items() if c["action"] == "replace"} - {vpc}
    assert "aws.subnet.payments.usw2-az1" in followers
    assert all(".payments" in a or "ap-payments" in a for a in followers), followers
    assert "aws.vpc.platform" not in planned

    applied.ok("apply", "FILE", "--yes", "--replace", vpc)
    after = {a: r["attributes"].get("id") for a, r in applied.state()["resources"].items()}
    assert after[vpc] != before[vpc]
    assert not applied.vpc_exists(str(before[vpc]))
    assert after["aws.vpc.platform"] == before["aws.vpc.platform"]
    assert after["confluent.cluster.events"] == before["confluent.cluster.events"]
    assert applied.plan() == {}


def test_replace_of_what_is_not_recorded_is_refused(stack: Stack) -> None:
    result = stack.run("plan", "FILE", "--replace", "aws.vpc.payments")
    assert result.exit_code == 2 and "nothing to replace" in result.stderr
    typo = stack.run("plan", "FILE", "--replace", "aws.vpc.paymnts")
    assert typo.exit_code == 2 and "did you mean aws.vpc.payments" in typo.stderr


def test_destroy_target_removes_the_address_and_its_dependents_only(applied: Stack) -> None:
    recorded = applied.state()["resources"]
    destroyed = applied.ok("destroy", "FILE", "--yes", "--target", "aws.vpc.payments")
    assert "Destroy complete" in destroyed.stdout
    left = applied.state()["resources"]
    gone = set(recorded) - set(left)
    assert "aws.vpc.payments" in gone and "aws.subnet.payments.usw2-az1" in gone
    assert "aws.vpc.platform" in left and "confluent.environment.main" in left
    for address in gone:  # nothing gone that did not depend on the VPC
        chain = {address}
        while chain and "aws.vpc.payments" not in chain:
            chain = {d for a in chain for d in recorded[a]["dependencies"]}
        assert "aws.vpc.payments" in chain, address
