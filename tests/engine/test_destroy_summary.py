"""A destroy's result line counts what a destroy does (destroyed, left in place, failed,
skipped), never "0 created, 0 updated"; an apply's line is unchanged."""

from __future__ import annotations

from privnet.engine.executor import RunResult
from privnet.engine.plan import Action, Change, Plan
from privnet.engine.walk import Outcome, Status
from tests.engine.conftest import EngineFactory


def test_a_destroy_counts_only_what_a_destroy_does(make_engine: EngineFactory) -> None:
    engine = make_engine()
    engine.apply()
    plan, result = engine.destroy()
    line = result.summary("Destroy", plan)
    destroyed = len(plan.changes)
    assert line == f"Destroy complete: {destroyed} destroyed."
    assert "created" not in line and "updated" not in line


def test_a_failed_destroy_says_what_failed_and_what_was_left() -> None:
    plan = Plan("s", "l", 1, [Change(a, "fake.network", Action.DELETE, reason="destroy")
                              for a in ("fake.network.a", "fake.network.b", "fake.network.c")],
                destroy=True)
    result = RunResult({"fake.network.a": Outcome(Status.DONE, "destroyed"),
                        "fake.network.b": Outcome(Status.FAILED, "refused"),
                        "fake.network.c": Outcome(Status.SKIPPED, "upstream failed")})
    assert result.summary("Destroy", plan) == (
        "Destroy incomplete: 1 destroyed, 1 failed, 1 skipped.")
    empty = RunResult({})
    assert empty.summary("Destroy", plan) == "Destroy complete: 0 destroyed."


def test_an_apply_still_says_created_updated_destroyed(make_engine: EngineFactory) -> None:
    plan, result = make_engine().apply()
    line = result.summary("Apply", plan)
    assert line.startswith("Apply complete: ") and " 0 updated, 0 destroyed" in line
    assert f"{len(plan.changes)} created" in line
