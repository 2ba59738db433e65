"""Plans as text a reviewer can read, or as JSON; pure functions of a plan.

Each resource has a header (``# aws.vpc.sandbox will be created``) and a symbol line (``+``
create, ``~`` update, ``-`` destroy, ``-/+`` replace, ``<=`` read an object given by id, ``.``
left in place, ``=`` adopt as it is an object found by its markers), then its properties in
full (:mod:`privnet.render.plan_values`): all of them for a create, only the changed ones for
an update or a replace. Properties a kind declares internal (privnet's bookkeeping) are never
shown. Resources come grouped by cloud (AWS, then Confluent), then kind, then address,
whatever order apply will run them in.
"""

from __future__ import annotations

import json
from typing import Any

from privnet.engine.plan import Action, Change, Plan
from privnet.render import plan_values as pv
from privnet.resources.kinds import ALL_KINDS, traits_of

SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.DELETE: "-", Action.REPLACE: "-/+",
           Action.NOOP: " "}
VERBS = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in place",
         Action.DELETE: "will be destroyed", Action.REPLACE: "must be replaced",
         Action.NOOP: "is unchanged"}
READ_SYMBOL, READ_VERB = "<=", "will be read"
KEPT_SYMBOL, KEPT_VERB = ".", "will be left in place (this stack forgets it)"
ADOPT_SYMBOL, ADOPT_VERB, ADOPT_PREFIX = "=", "will be adopted", "adopt: "
ADOPTED_THEN = {Action.UPDATE: "will be adopted, then updated in place",
                Action.REPLACE: "will be adopted, then replaced"}
"""Headers of an adoption that also changes the object (counted as that change)."""
CLOUD_ORDER = ("aws", "confluent")
SAID_BY_HEADER = frozenset({"not yet created", "destroy"})
"""Planner reasons the header already says."""
PROPERTY_INDENT = "    "

_INTERNAL: dict[str, frozenset[str]] = {k.name: k.internal_properties for k in ALL_KINDS}


def plan_summary(plan: Plan) -> str:
    if not plan.has_changes:
        if plan.destroy and plan.targets:
            return "Nothing to destroy: the targets name no recorded object."
        if plan.destroy:
            return "Nothing to destroy: the stack has no recorded objects."
        return "No changes. The infrastructure matches the topology."
    tally = plan.tally()
    read = f", {tally.read} to read" if tally.read else ""
    kept = f", {tally.kept} to leave in place" if tally.kept else ""
    adopt = f", {tally.adopt} to adopt" if tally.adopt else ""
    return (f"Plan: {tally.add} to add, {tally.change} to change, {tally.destroy} to destroy"
            f"{read}{kept}{adopt}.")


def plan_text(plan: Plan, show_unchanged: bool = False) -> str:
    """Every change, grouped by cloud and kind, then the summary line."""
    lines: list[str] = []
    for change in sorted(plan.changes, key=display_order):
        if change.action is Action.NOOP and not show_unchanged:
            continue
        lines.extend(change_lines(change))
        lines.append("")
    lines.append(plan_summary(plan))
    return "\n".join(lines)


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as one JSON-able document (``--format json``)."""
    return {"stack": plan.stack, "lineage": plan.lineage, "serial": plan.serial,
            "destroy": plan.destroy, "has_changes": plan.has_changes,
            "summary": plan.tally().to_json(),
            "changes": [_change_document(c) for c in plan.actionable]}


def plan_json(plan: Plan) -> str:
    return json.dumps(plan_document(plan), indent=2)


def display_order(change: Change) -> tuple[int, str, str, str]:
    """AWS before Confluent (then any other cloud by name), kinds by name, then address."""
    cloud = change.kind.split(".", 1)[0]
    rank = CLOUD_ORDER.index(cloud) if cloud in CLOUD_ORDER else len(CLOUD_ORDER)
    return rank, cloud, change.kind, change.address


def visible(change: Change, properties: dict[str, Any] | None) -> dict[str, Any]:
    """The properties a user wrote or reads, without the kind's internal ones."""
    hidden = _INTERNAL.get(change.kind, frozenset())
    return {k: v for k, v in (properties or {}).items() if k not in hidden}


def change_lines(change: Change) -> list[str]:
    """The header, the reasons, the symbol line and the properties of one change."""
    symbol, verb = _symbol_and_verb(change)
    reasons = _reasons(change)
    if change.adopts_only:  # the header says where it was found
        verb = f"{verb} ({change.reason.removeprefix(ADOPT_PREFIX)})"
        reasons = []
    lines = [f"  # {change.address} {verb}"]
    lines.extend(f"  # {reason}" for reason in reasons)
    lines.append(f"{symbol:>3} {change.address}")
    lines.extend(_property_lines(change))
    return lines


def _symbol_and_verb(change: Change) -> tuple[str, str]:
    if change.leaves_in_place:
        return KEPT_SYMBOL, KEPT_VERB
    if change.reads:
        return READ_SYMBOL, READ_VERB
    if change.adopts_only:
        return ADOPT_SYMBOL, ADOPT_VERB
    if change.adopt and change.action in ADOPTED_THEN:
        return SYMBOLS[change.action], ADOPTED_THEN[change.action]
    return SYMBOLS[change.action], VERBS[change.action]


def _reasons(change: Change) -> list[str]:
    reasons: list[str] = []
    if change.kept:
        reasons.append(change.kept)
    if change.action is Action.REPLACE and not change.reads:
        forced = sorted(_changed_keys(change) & traits_of(change.kind).replace_on)
        if forced:
            reasons.append(f"forces replacement: {', '.join(forced)}")
            if not change.drift:
                return reasons
    if change.reason and change.reason not in SAID_BY_HEADER and not change.kept:
        reasons.append(change.reason)
    return reasons


def _changed_keys(change: Change) -> set[str]:
    before, after = change.before or {}, change.after or {}
    return {k for k in set(before) | set(after) if before.get(k) != after.get(k)}


def _property_lines(change: Change) -> list[str]:
    if change.action is Action.DELETE or change.adopts_only:
        return []
    after = visible(change, change.after)
    if change.reads:
        shown = {"id": change.existing_id, **after}
        return pv.block(shown, PROPERTY_INDENT, "")
    if change.action is Action.CREATE or change.before is None:
        return pv.block({k: v for k, v in after.items() if v is not None}, PROPERTY_INDENT,
                        "+")
    return pv.map_difference(visible(change, change.before), after, PROPERTY_INDENT)


def _change_document(change: Change) -> dict[str, Any]:
    data = change.to_json()
    if change.reads:
        data["read"] = True
    if change.leaves_in_place:
        data["leave_in_place"] = True
    if change.adopts_only:
        data["adopt_only"] = True
    return data

