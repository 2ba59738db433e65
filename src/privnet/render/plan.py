"""Plans as terraform-like text (``+ ~ - -/+``) or JSON; pure functions of a plan."""

from __future__ import annotations

import json
from typing import Any

from privnet.engine.plan import Action, Change, Plan

SYMBOLS = {Action.CREATE: "+", Action.UPDATE: "~", Action.DELETE: "-", Action.REPLACE: "-/+",
           Action.NOOP: " "}
VERBS = {Action.CREATE: "will be created", Action.UPDATE: "will be updated in place",
         Action.DELETE: "will be destroyed", Action.REPLACE: "must be replaced",
         Action.NOOP: "is unchanged"}


def plan_summary(plan: Plan) -> str:
    if not plan.has_changes:
        return "No changes. The infrastructure matches the topology."
    add, change, destroy = plan.counts()
    kept = f", {plan.kept} to leave in place" if plan.kept else ""
    return f"Plan: {add} to add, {change} to change, {destroy} to destroy{kept}."


def plan_text(plan: Plan, show_unchanged: bool = False) -> str:
    """Every change with its reason and property differences, then the summary line."""
    lines: list[str] = []
    for change in plan.changes:
        if change.action is Action.NOOP and not show_unchanged:
            continue
        lines.extend(_change_lines(change))
        lines.append("")
    lines.append(plan_summary(plan))
    return "\n".join(lines)


def plan_json(plan: Plan) -> str:
    add, change, destroy = plan.counts()
    data = {"stack": plan.stack, "lineage": plan.lineage, "serial": plan.serial,
            "destroy": plan.destroy, "has_changes": plan.has_changes,
            "summary": {"add": add, "change": change, "destroy": destroy,
                        "leave_in_place": plan.kept},
            "changes": [c.to_json() for c in plan.actionable]}
    return json.dumps(data, indent=2)


def _change_lines(change: Change) -> list[str]:
    if change.kept:
        return [f"  # {change.kept}",
                f". {change.address} will be left in place (this stack forgets it)"]
    symbol = SYMBOLS[change.action]
    head = f"{symbol} {change.address} {VERBS[change.action]}"
    lines = [f"  # {change.reason}" if change.reason else "", head]
    lines = [line for line in lines if line]
    before = change.before or {}
    after = change.after or {}
    if change.action is Action.DELETE:
        return lines
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if change.action is Action.CREATE and key in after:
            lines.append(f"    + {key} = {_value(new)}")
        elif old != new:
            lines.append(f"    ~ {key} = {_value(old)} -> {_value(new)}")
    return lines


def _value(value: Any) -> str:
    text = json.dumps(value, sort_keys=True) if not isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 120 else text[:117] + "..."
