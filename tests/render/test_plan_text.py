"""The plan's text, change by change: reads of objects given by id, values in full, updates
with their changed fields only, replacements with their reason, order, colour."""

from __future__ import annotations

import io
import re
from typing import Any

from privnet.cli.progress import LineReporter
from privnet.engine.plan import Action, Change, Plan
from privnet.render.colour import colour_wanted, colourise
from privnet.render.plan import plan_document, plan_summary, plan_text


def _plan(*changes: Change, destroy: bool = False) -> Plan:
    return Plan(stack="s", lineage="l", serial=1, changes=list(changes), destroy=destroy)


def _rules(count: int) -> list[dict[str, Any]]:
    return [{"cidr": f"10.{i}.0.0/16", "from_port": 443 + i, "protocol": "tcp",
             "to_port": 443 + i} for i in range(count)]


def test_every_one_of_24_ingress_rules_is_a_line_of_its_own() -> None:
    rules = _rules(24)
    change = Change("aws.security_group.hub", "aws.security_group", Action.CREATE,
                    after={"vpc_id": "(known after apply: ${aws.vpc.hub.id})", "name": "hub",
                           "description": "d" * 300, "ingress": rules, "egress": None})
    text = plan_text(_plan(change))
    for rule in rules:
        line = (f'        + {{cidr = "{rule["cidr"]}", from_port = {rule["from_port"]}, '
                f'protocol = "tcp", to_port = {rule["to_port"]}}},')
        assert line in text.splitlines()
    assert '+ description = "' + "d" * 300 + '"' in text  # a long scalar in full
    assert "+ vpc_id      = (known after apply)" in text
    assert "..." not in text and "${" not in text
    assert "egress" not in text  # null on create: nothing to show


def test_an_object_given_by_id_is_read_never_created_or_destroyed() -> None:
    read = Change("aws.vpc.sandbox", "aws.vpc", Action.CREATE,
                  after={"cidr": "10.0.0.0/20", "existing_id": "vpc-0abc"},
                  reason="not yet created")
    adopted = Change("aws.subnet.sandbox.a", "aws.subnet", Action.UPDATE,
                     before={"cidr": "10.0.0.0/24"},
                     after={"cidr": "10.0.0.0/24", "existing_id": "subnet-1"},
                     reason="adopt: found in the cloud by its markers")
    text = plan_text(_plan(read, adopted))
    assert "  # aws.vpc.sandbox will be read\n <= aws.vpc.sandbox\n" in text
    assert '      id   = "vpc-0abc"' in text
    assert "  # aws.subnet.sandbox.a will be read\n" in text
    assert "created" not in text and "destroyed" not in text and "existing_id" not in text
    assert plan_summary(_plan(read, adopted)) == (
        "Plan: 0 to add, 0 to change, 0 to destroy, 2 to read.")
    document = plan_document(_plan(read))
    assert document["summary"]["read"] == 1 and document["changes"][0]["read"] is True

    forget = Change("aws.vpc.sandbox", "aws.vpc", Action.DELETE,
                    before={"cidr": "10.0.0.0/20", "existing_id": "vpc-0abc"}, reason="destroy")
    gone = Change("aws.vpc.other", "aws.vpc", Action.DELETE, before={"cidr": "10.1.0.0/20"},
                  reason="destroy")
    destroy = _plan(forget, gone, destroy=True)
    text = plan_text(destroy)
    assert "# aws.vpc.sandbox will be left in place (this stack forgets it)" in text
    assert "  # aws.vpc.other will be destroyed\n  - aws.vpc.other\n" in text
    assert plan_summary(destroy) == (
        "Plan: 0 to add, 0 to change, 1 to destroy, 1 to leave in place.")


def test_an_update_shows_only_what_changes() -> None:
    before = {"vpc_id": "vpc-1", "name": "hub", "description": "same", "ingress": _rules(3)}
    after = {**before, "ingress": [*_rules(2), {"cidr": "10.9.0.0/16", "from_port": 1,
                                                "protocol": "udp", "to_port": 1}]}
    change = Change("aws.security_group.hub", "aws.security_group", Action.UPDATE, before,
                    after, "ingress changed")
    text = plan_text(_plan(change))
    lines = text.splitlines()
    assert "  # aws.security_group.hub will be updated in place" in lines
    assert "  ~ aws.security_group.hub" in lines
    assert "    ~ ingress = [" in lines
    assert '        - {cidr = "10.2.0.0/16", from_port = 445, protocol = "tcp", to_port = 445},' \
        in lines
    assert '        + {cidr = "10.9.0.0/16", from_port = 1, protocol = "udp", to_port = 1},' \
        in lines
    assert "          # (2 unchanged items hidden)" in lines
    for unchanged in ("vpc_id", "description", "name ="):
        assert unchanged not in text

    account = Change("confluent.service_account.app", "confluent.service_account", Action.UPDATE,
                     before={"description": "old", "owner_marker": "(a)"},
                     after={"description": "new", "owner_marker": "(b)"})
    text = plan_text(_plan(account))
    assert '    ~ description = "old" -> "new"' in text.splitlines()
    assert "owner_marker" not in text  # the kind declares it internal


def test_a_replacement_says_what_forces_it() -> None:
    change = Change("aws.vpc.sandbox", "aws.vpc", Action.REPLACE, before={"cidr": "10.0.0.0/20"},
                    after={"cidr": "10.9.0.0/20"}, reason="cidr cannot be changed in place")
    text = plan_text(_plan(change))
    assert text.startswith("  # aws.vpc.sandbox must be replaced\n"
                           "  # forces replacement: cidr\n"
                           "-/+ aws.vpc.sandbox\n"
                           '    ~ cidr = "10.0.0.0/20" -> "10.9.0.0/20"\n')
    assert plan_summary(_plan(change)) == "Plan: 1 to add, 0 to change, 1 to destroy."


def test_changes_are_grouped_by_cloud_then_kind_then_address() -> None:
    addresses = [("confluent.topic.c.t", "confluent.topic"), ("aws.vpc.b", "aws.vpc"),
                 ("confluent.cluster.c", "confluent.cluster"), ("aws.subnet.b.z", "aws.subnet"),
                 ("aws.vpc.a", "aws.vpc")]
    plan = _plan(*(Change(a, k, Action.CREATE, after={}) for a, k in addresses))
    shown = re.findall(r"^  # (\S+) will be created$", plan_text(plan), re.M)
    assert shown == ["aws.subnet.b.z", "aws.vpc.a", "aws.vpc.b", "confluent.cluster.c",
                     "confluent.topic.c.t"]


def test_an_empty_destroy_says_there_is_nothing_to_destroy() -> None:
    assert plan_text(_plan(destroy=True)) == (
        "Nothing to destroy: the stack has no recorded objects.")
    assert plan_text(_plan()).startswith("No changes.")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert colour_wanted(_Terminal(), environ={})
    assert not colour_wanted(io.StringIO(), environ={})
    assert not colour_wanted(_Terminal(), environ={"NO_COLOR": "1"})
    assert not colour_wanted(_Terminal(), no_color=True, environ={})
    text = plan_text(_plan(Change("aws.vpc.a", "aws.vpc", Action.CREATE,
                                  after={"cidr": "10.0.0.0/16"})))
    coloured = colourise(text)
    assert "\x1b[32m+\x1b[0m aws.vpc.a" in coloured  # green +
    assert re.sub(r"\x1b\[\d+m", "", coloured) == text  # only the markers are coloured


def test_a_skipped_resource_shows_no_time() -> None:
    stream = io.StringIO()
    reporter = LineReporter(stream)
    reporter.finished("aws.route.a", "skipped", "upstream failed: aws.vpc.a")
    reporter.started("aws.vpc.b", "creating")
    reporter.finished("aws.vpc.b", "done", "created")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "aws.route.a: skipped: upstream failed: aws.vpc.a"
    assert re.fullmatch(r"aws\.vpc\.b: done: created \[\d+\.\ds\]", lines[2])
    assert "-0.0s" not in stream.getvalue()
