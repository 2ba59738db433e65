"""The rotation policy: never zero valid keys, no churn, at most one new key per run."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privnet.keys.rotation import KeyRecord, RotationDecision, RotationPolicy, decide

DAY0 = date(2026, 1, 1)


@st.composite
def key_sets(draw: st.DrawFn) -> list[KeyRecord]:
    count = draw(st.integers(min_value=0, max_value=6))
    return [
        KeyRecord(id=f"K{i}", created_at=DAY0 + timedelta(days=draw(st.integers(0, 400))),
                  synced=draw(st.booleans()))
        for i in range(count)
    ]


policies = st.builds(RotationPolicy, keep=st.integers(2, 5), day_count=st.integers(1, 90))
gaps = st.integers(min_value=0, max_value=3000)


def run(keys: list[KeyRecord], policy: RotationPolicy, today: date) -> tuple[
        RotationDecision, list[KeyRecord]]:
    decision = decide(keys, policy, today)
    after = [k for k in keys if k.id not in decision.delete]
    if decision.create:
        after.append(KeyRecord(id="NEW", created_at=today, synced=False))
    return decision, after


@given(key_sets(), policies, gaps)
def test_a_synced_key_always_survives(keys: list[KeyRecord], policy: RotationPolicy,
                                      gap: int) -> None:
    today = max([k.created_at for k in keys], default=DAY0) + timedelta(days=gap)
    decision, after = run(keys, policy, today)
    if any(k.synced for k in keys):
        assert any(k.synced for k in after)
        assert decision.active in {k.id for k in after}


@given(key_sets(), policies, gaps)
def test_the_active_key_is_the_newest_synced(keys: list[KeyRecord], policy: RotationPolicy,
                                            gap: int) -> None:
    today = max([k.created_at for k in keys], default=DAY0) + timedelta(days=gap)
    decision = decide(keys, policy, today)
    synced = sorted((k for k in keys if k.synced), key=lambda k: (k.created_at, k.id))
    assert decision.active == (synced[-1].id if synced else None)


@given(key_sets(), policies, gaps)
def test_deletes_only_older_keys_and_never_below_keep(keys: list[KeyRecord],
                                                      policy: RotationPolicy, gap: int) -> None:
    today = max([k.created_at for k in keys], default=DAY0) + timedelta(days=gap)
    decision, after = run(keys, policy, today)
    by_id = {k.id: k for k in keys}
    assert set(decision.delete) <= set(by_id)
    if decision.delete:
        assert len(after) >= policy.keep
        active = by_id[str(decision.active)]
        for key_id in decision.delete:
            assert (by_id[key_id].created_at, key_id) < (active.created_at, active.id)


@given(key_sets(), policies, gaps)
def test_a_second_run_the_same_day_changes_nothing(keys: list[KeyRecord],
                                                   policy: RotationPolicy, gap: int) -> None:
    today = max([k.created_at for k in keys], default=DAY0) + timedelta(days=gap)
    _, after = run(keys, policy, today)
    again = decide(after, policy, today)
    assert not again.create
    assert again.delete == ()


def test_no_keys_means_create_one() -> None:
    decision = decide([], RotationPolicy(), DAY0)
    assert decision == RotationDecision(create=True, delete=(), active=None)


def test_rotation_replaces_the_oldest_after_day_count() -> None:
    keys = [KeyRecord("A", DAY0, True), KeyRecord("B", DAY0 + timedelta(days=30), True)]
    policy = RotationPolicy(keep=2, day_count=30)
    assert decide(keys, policy, DAY0 + timedelta(days=59)) == RotationDecision(False, (), "B")
    assert decide(keys, policy, DAY0 + timedelta(days=60)) == RotationDecision(True, ("A",), "B")


def test_a_long_gap_still_keeps_the_working_key() -> None:
    keys = [KeyRecord("A", DAY0, True), KeyRecord("B", DAY0 + timedelta(days=1), True)]
    decision = decide(keys, RotationPolicy(keep=2, day_count=30), DAY0 + timedelta(days=900))
    assert decision.create
    assert decision.delete == ("A",)
    assert decision.active == "B"


def test_an_unsynced_newest_key_is_waited_for() -> None:
    keys = [KeyRecord("A", DAY0, True), KeyRecord("B", DAY0 + timedelta(days=30), False)]
    decision = decide(keys, RotationPolicy(keep=2, day_count=30), DAY0 + timedelta(days=365))
    assert decision == RotationDecision(create=False, delete=(), active="A")


def test_policy_refuses_fewer_than_two_keys() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        RotationPolicy(keep=1)
