"""``privnet state list|show|rm|mv|pull`` on an applied stack, as a user reaches for them."""

from __future__ import annotations

import json

from tests.escape_hatches.conftest import STACK, Stack

VPC = "aws.vpc.payments"


def test_list_show_and_pull_read_the_state(applied: Stack) -> None:
    recorded = applied.state()["resources"]
    listed = applied.ok("state", "list", "FILE").stdout.splitlines()
    assert listed == sorted(recorded)
    as_json = json.loads(applied.ok("state", "list", "FILE", "--format", "json").stdout)
    assert [r["address"] for r in as_json["resources"]] == listed
    assert {r["address"]: r["id"] for r in as_json["resources"]}[VPC] == applied.recorded_id(VPC)

    shown = applied.ok("state", "show", "FILE", VPC).stdout
    assert shown.splitlines()[0] == f"# {VPC}"
    assert f"id:     {applied.recorded_id(VPC)}" in shown
    assert "kind:   aws.vpc" in shown and '"10.21.0.0/20"' in shown
    detail = json.loads(applied.ok("state", "show", "FILE", VPC, "--format", "json").stdout)
    assert detail["kind"] == "aws.vpc" and detail["status"] == ["recorded"]

    pulled = json.loads(applied.ok("state", "pull", "FILE").stdout)
    assert pulled == applied.state()


def test_show_never_prints_a_sensitive_value(applied: Stack) -> None:
    """State never holds a secret; a hand-edited one is still not shown."""
    data = applied.state()
    key = next(a for a in data["resources"] if a.startswith("confluent.api_key."))
    data["resources"][key]["attributes"]["api_secret"] = "hunter2-do-not-print"
    applied.state_path.write_text(json.dumps(data))
    for output in ("text", "json"):
        shown = applied.ok("state", "show", "FILE", key, "--format", output).stdout
        assert "hunter2" not in shown and "(sensitive)" in shown


def test_unknown_address_is_refused_with_the_nearest(applied: Stack) -> None:
    result = applied.run("state", "show", "FILE", "aws.vpc.paymnets")
    assert result.exit_code == 2
    assert "did you mean aws.vpc.payments" in result.stderr
    removed = applied.run("state", "rm", "FILE", VPC, "aws.vpc.nope")
    assert removed.exit_code == 2 and "aws.vpc.nope is not recorded" in removed.stderr
    assert VPC in applied.state()["resources"], "all or nothing: nothing was removed"


def test_a_stack_without_state_is_said_so(stack: Stack) -> None:
    listed = stack.ok("state", "list", "FILE")
    assert listed.stdout == "" and f"stack {STACK} has no state" in listed.stderr
    as_json = json.loads(stack.ok("state", "list", "FILE", "--format", "json").stdout)
    assert as_json["resources"] == [] and as_json["serial"] is None
    assert stack.ok("state", "pull", "FILE").stdout == ""
    for edit in (("state", "rm", "FILE", VPC),
                 ("state", "mv", "FILE", VPC, "aws.vpc.platform")):
        refused = stack.run(*edit)
        assert refused.exit_code == 2 and "has no state" in refused.stderr
    assert not stack.state_path.exists()


def test_a_damaged_state_is_refused_naming_the_file(applied: Stack) -> None:
    applied.state_path.write_text('{"stack": "ingress-privatelink", "serial": ')
    for command in (("state", "list", "FILE"), ("state", "pull", "FILE"),
                    ("state", "rm", "FILE", VPC)):
        result = applied.run(*command)
        assert result.exit_code == 2, command
        assert str(applied.state_path) in result.stderr and "backup" in result.stderr
        assert "Traceback" not in result.output
    for command in (("state", "list", "FILE"), ("state", "show", "FILE", VPC),
                    ("refresh", "FILE")):
        result = applied.run(*command, "--format", "json")
        assert result.exit_code == 2, command
        error = json.loads(result.stdout)["error"]  # stdout stays one JSON document
        assert error["exit_code"] == 2 and str(applied.state_path) in error["message"]


def test_rm_forgets_without_deleting_and_plan_finds_it_again(applied: Stack) -> None:
    vpc_id = applied.recorded_id(VPC)
    removed = applied.ok("state", "rm", "FILE", VPC)
    assert f"Removed {VPC} from the state" in removed.stdout
    assert f"(aws.vpc {vpc_id}) still exists in the cloud" in removed.stdout
    assert f"privnet import {applied.file} {VPC} {vpc_id}" in removed.stdout
    assert "Still recorded and depending on it: " in removed.stdout
    assert "aws.subnet.payments.usw2-az1" in removed.stdout
    assert VPC not in applied.state()["resources"]
    assert applied.vpc_exists(vpc_id)

    # the message said the next plan looks for it by its markers (tags): it does
    change = applied.plan()[VPC]
    assert change["action"] != "create"
    assert "found in the cloud by its markers" in change["reason"] and vpc_id in change["reason"]


def test_rm_of_an_address_the_topology_dropped_says_privnet_lets_it_go(
        applied: Stack) -> None:
    # an object the topology no longer describes: the rm message says no plan will look
    text = applied.file.read_text()
    acl_lines = ("  acls:\n    - {principal: payments_producer, cluster: events, profile: "
                 "producer, topics: [payments.events]}\n")
    assert acl_lines in text
    applied.file.write_text(text.replace(acl_lines, ""))
    acl = "confluent.acl.payments_producer.events.0"
    removed = applied.ok("state", "rm", "FILE", acl)
    assert "The topology no longer describes" in removed.stdout
    changes = applied.plan()
    assert acl not in changes, "forgotten, so not deleted either"
    assert changes["confluent.acl.payments_producer.events.1"]["action"] == "delete"


def test_mv_after_renaming_a_vpc_plans_no_replacement(applied: Stack) -> None:
    vpc_id = applied.recorded_id(VPC)
    text = applied.file.read_text()
    applied.file.write_text(text.replace("- name: payments\n", "- name: billing\n")
                            .replace("vpc: payments}", "vpc: billing}"))
    before = applied.state()["resources"]
    moves = {a: a.replace(".payments", ".billing", 1) for a in before
             if a.startswith("aws.") and ".payments" in a}
    assert VPC in moves and len(moves) > 5
    for source, target in sorted(moves.items()):
        moved = applied.ok("state", "mv", "FILE", source, target)
        assert f"Moved {source} to {target}" in moved.stdout
    after = applied.state()["resources"]
    assert after["aws.vpc.billing"]["attributes"]["id"] == vpc_id
    assert all(source not in after for source in moves)
    assert all(source not in deps for record in after.values()
               for deps in [record["dependencies"]] for source in moves)

    changes = applied.plan()
    assert "aws.vpc.billing" not in changes, "the VPC is kept as it is"
    assert not [a for a, c in changes.items() if c["action"] in ("create", "delete")], changes
    # only what carries the VPC's name and cannot be renamed in place is replaced, and says so
    replaced = {a: c["reason"] for a, c in changes.items() if c["action"] == "replace"}
    assert replaced == {"aws.security_group.billing": "name cannot be changed in place"}


def test_mv_refuses_a_wrong_destination(applied: Stack) -> None:
    other_kind = applied.run("state", "mv", "FILE", VPC, "confluent.cluster.billing")
    assert other_kind.exit_code == 2
    assert f"{VPC} records an aws.vpc, confluent.cluster.billing is a confluent.cluster" in (
        other_kind.stderr)
    assert " a aws." not in other_kind.stderr
    taken = applied.run("state", "mv", "FILE", VPC, "aws.vpc.platform")
    assert taken.exit_code == 2 and "already records" in taken.stderr
    nowhere = applied.run("state", "mv", "FILE", VPC, "aws.vpc.paymentz")
    assert nowhere.exit_code == 2
    assert "not an address the topology compiles to" in nowhere.stderr
    assert "did you mean aws.vpc.payments" in nowhere.stderr
    assert applied.state()["resources"][VPC]["attributes"]["id"]
