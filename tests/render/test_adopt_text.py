"""An object discovery found (missing from the state) is adopted, not "updated in place":
its own header, symbol and count; one that also needs a change shows both."""

from __future__ import annotations

from privnet.engine.plan import Action, Change, Plan
from privnet.engine.planner import adopting
from privnet.engine.state import ResourceState
from privnet.render.plan import plan_document, plan_summary, plan_text

ROUTE = "aws.route.runner.sandbox"
SUBNET = "aws.subnet.sandbox.a"


def _found(kind: str, attributes: dict[str, str]) -> ResourceState:
    return ResourceState(kind=kind, attributes=attributes, properties_hash="h",
                         properties={}, dependencies=[], discovered=True)


def _plan(*changes: Change) -> Plan:
    return Plan(stack="demo", lineage="l", serial=1, changes=list(changes))


def test_a_found_object_with_nothing_to_change_is_adopted_not_updated() -> None:
    unchanged = Change(ROUTE, "aws.route", Action.NOOP,
                       before={"destination_cidr": "10.0.0.0/20"},
                       after={"destination_cidr": "10.0.0.0/20"})
    plan = adopting(_plan(unchanged), {ROUTE: _found("aws.route", {"route_table_id": "rtb-1"})})
    text = plan_text(plan)
    assert f"  # {ROUTE} will be adopted (found in the cloud by its markers" in text
    assert f"\n  = {ROUTE}\n" in text
    assert "updated in place" not in text and "destination_cidr" not in text
    assert plan_summary(plan) == "Plan: 0 to add, 0 to change, 0 to destroy, 1 to adopt."
    document = plan_document(plan)
    assert document["summary"]["adopt"] == 1 and document["summary"]["change"] == 0
    assert document["changes"][0]["adopt"] == "only"
    assert Plan.from_json(plan.to_json()).tally() == plan.tally()  # a saved plan counts alike


def test_a_found_object_that_also_changes_shows_both_and_counts_as_a_change() -> None:
    changed = Change(SUBNET, "aws.subnet", Action.UPDATE, before={"name": "old"},
                     after={"name": "new"}, reason="name changed")
    plan = adopting(_plan(changed), {SUBNET: _found("aws.subnet", {"id": "subnet-1"})})
    text = plan_text(plan)
    assert f"  # {SUBNET} will be adopted, then updated in place" in text
    assert "(subnet-1)), then: name changed" in text
    assert f"\n  ~ {SUBNET}\n" in text and '~ name = "old" -> "new"' in text
    assert plan_summary(plan) == "Plan: 0 to add, 1 to change, 0 to destroy."
    assert plan_document(plan)["summary"]["adopt"] == 0
