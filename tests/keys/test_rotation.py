"""The rotation policy by key age: never zero valid keys, at most one new key per step, and
nothing deleted before the newest key has synced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privnet.keys.rotation import (
    KeyRecord,
    RotationPolicy,
    RotationStep,
    decide,
    next_rotation,
    rotation_due,
    unsettled,
)

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@st.composite
def key_sets(draw: st.DrawFn, max_keys: int = 6) -> list[KeyRecord]:
    count = draw(st.integers(min_value=0, max_value=max_keys))
    return [
        KeyRecord(id=f"K{i}",
                  created_at=T0 + timedelta(minutes=draw(st.integers(0, 400 * 24 * 60))),
                  synced=draw(st.booleans()))
        for i in range(count)
    ]


policies = st.builds(RotationPolicy, keep=st.integers(2, 5), day_count=st.integers(1, 90))
gaps = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=3000))


def newest(keys: list[KeyRecord]) -> KeyRecord | None:
    return max(keys, key=lambda k: (k.created_at, k.id), default=None)


def now_after(keys: list[KeyRecord], gap: timedelta) -> datetime:
    latest = newest(keys)
    return (latest.created_at if latest else T0) + gap


def apply_step(keys: list[KeyRecord], step: RotationStep, now: datetime,
               new_id: str = "NEW") -> list[KeyRecord]:
    """The ring once a step is carried out (a new key starts unsynced)."""
    after = [k for k in keys if k.id not in step.delete]
    if step.create:
        after.append(KeyRecord(id=new_id, created_at=now, synced=False))
    return after


def synced(keys: list[KeyRecord]) -> list[KeyRecord]:
    return [KeyRecord(k.id, k.created_at, True) for k in keys]


@given(key_sets(), policies, gaps, st.booleans())
def test_a_synced_key_always_survives(keys: list[KeyRecord], policy: RotationPolicy,
                                      gap: timedelta, force: bool) -> None:
    now = now_after(keys, gap)
    step = decide(keys, policy, now, force=force)
    after = apply_step(keys, step, now)
    if any(k.synced for k in keys):
        assert any(k.synced for k in after)
        assert step.active in {k.id for k in after if k.synced}


@given(key_sets(), policies, gaps)
def test_the_active_key_is_the_newest_synced(keys: list[KeyRecord], policy: RotationPolicy,
                                            gap: timedelta) -> None:
    step = decide(keys, policy, now_after(keys, gap))
    ready = [k for k in keys if k.synced]
    assert step.active == (newest(ready).id if ready else None)  # type: ignore[union-attr]


@given(key_sets(), policies, gaps, st.booleans())
def test_deletions_only_once_the_newest_key_has_synced(
        keys: list[KeyRecord], policy: RotationPolicy, gap: timedelta, force: bool) -> None:
    step = decide(keys, policy, now_after(keys, gap), force=force)
    latest = newest(keys)
    if latest is None or not latest.synced:
        assert step.delete == ()
        return
    by_id = {k.id: k for k in keys}
    assert set(step.delete) <= set(by_id)
    assert latest.id not in step.delete
    for key_id in step.delete:  # only keys older than the active (newest) one
        assert (by_id[key_id].created_at, key_id) < (latest.created_at, latest.id)
    if step.delete:
        assert len(keys) - len(step.delete) == policy.keep


@given(key_sets(), policies, gaps, st.booleans())
def test_never_more_than_keep_plus_one_after_a_create(
        keys: list[KeyRecord], policy: RotationPolicy, gap: timedelta, force: bool) -> None:
    keys = keys[:policy.keep]
    now = now_after(keys, gap)
    after = apply_step(keys, decide(keys, policy, now, force=force), now)
    assert 1 <= len(after) <= policy.keep + 1


@given(key_sets(), policies, gaps, st.booleans())
def test_at_most_one_create_per_step(keys: list[KeyRecord], policy: RotationPolicy,
                                     gap: timedelta, force: bool) -> None:
    """After a create, the same instant never asks for another: not while the new key is
    unsynced, nor once it has synced (it is zero days old), and the ring then settles."""
    now = now_after(keys, gap)
    step = decide(keys, policy, now, force=force)
    after = apply_step(keys, step, now)
    again = decide(after, policy, now)
    if step.create:
        assert not again.create
        assert again.delete == ()
        settled = synced(after)
        final = decide(settled, policy, now)
        assert not final.create
        assert final.active == "NEW"
        pruned = apply_step(settled, final, now)
        assert decide(pruned, policy, now) == RotationStep(False, (), "NEW")
        assert unsettled(pruned, policy, now, published="NEW") is None


@given(key_sets(), policies, gaps, st.randoms(use_true_random=False))
def test_deterministic_whatever_the_listing_order(keys: list[KeyRecord], policy: RotationPolicy,
                                                  gap: timedelta, rng: Random) -> None:
    now = now_after(keys, gap)
    shuffled = list(keys)
    rng.shuffle(shuffled)
    first = decide(keys, policy, now)
    assert decide(list(keys), policy, now) == first
    assert decide(shuffled, policy, now) == first


@given(policies, st.integers(min_value=1, max_value=200))
def test_a_long_gap_creates_one_key(policy: RotationPolicy, periods: int) -> None:
    keys = [KeyRecord(f"K{i}", T0 + timedelta(days=i), True) for i in range(policy.keep)]
    now = keys[-1].created_at + timedelta(days=policy.day_count * periods)
    step = decide(keys, policy, now)
    assert step.create
    assert step.delete == ()  # already at keep: nothing goes before the new key syncs
    after = apply_step(keys, step, now)
    assert len(after) == policy.keep + 1
    assert not decide(after, policy, now).create
    settled = synced(after)
    final = decide(settled, policy, now)
    assert not final.create
    assert final.delete == (keys[0].id,)  # the oldest one, exactly one


def test_no_keys_means_create_one() -> None:
    assert decide([], RotationPolicy(), T0) == RotationStep(create=True, delete=(), active=None)
    assert rotation_due([], RotationPolicy(), T0) == "no API key yet"
    assert next_rotation([], RotationPolicy()) is None


def test_rotation_goes_by_the_age_of_the_newest_key() -> None:
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("A", T0, True), KeyRecord("B", T0 + timedelta(days=30), True)]
    due_at = T0 + timedelta(days=60)
    assert next_rotation(keys, policy) == due_at
    just_before = due_at - timedelta(seconds=1)
    assert decide(keys, policy, just_before) == RotationStep(False, (), "B")
    assert rotation_due(keys, policy, just_before) is None
    assert unsettled(keys, policy, just_before, published="B") is None
    assert decide(keys, policy, due_at) == RotationStep(True, (), "B")
    reason = rotation_due(keys, policy, due_at)
    assert reason is not None and "B" in reason and "30 days" in reason
    assert unsettled(keys, policy, due_at, published="B") == reason


def test_a_key_made_mid_period_is_not_rotated_at_a_calendar_boundary() -> None:
    """Age, not calendar periods: a key made on day 29 is not rotated on day 30."""
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("A", T0, True), KeyRecord("B", T0 + timedelta(days=29), True)]
    assert not decide(keys, policy, T0 + timedelta(days=30)).create
    assert not decide(keys, policy, T0 + timedelta(days=58)).create
    assert decide(keys, policy, T0 + timedelta(days=59)).create


def test_force_rotates_now_but_not_on_an_unsynced_newest_key() -> None:
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("A", T0, True)]
    assert not decide(keys, policy, T0 + timedelta(hours=1)).create
    assert decide(keys, policy, T0 + timedelta(hours=1), force=True).create
    waiting = [*keys, KeyRecord("B", T0 + timedelta(hours=1), False)]
    assert decide(waiting, policy, T0 + timedelta(hours=2), force=True) == RotationStep(
        False, (), "A")


def test_an_unsynced_newest_key_is_waited_for() -> None:
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("A", T0, True), KeyRecord("B", T0 + timedelta(days=1), True),
            KeyRecord("C", T0 + timedelta(days=31), False)]
    later = T0 + timedelta(days=365)
    assert decide(keys, policy, later) == RotationStep(create=False, delete=(), active="B")
    assert rotation_due(keys, policy, later) is None
    assert next_rotation(keys, policy) is None
    reason = unsettled(keys, policy, later, published="B")
    assert reason is not None and "C" in reason and "not synced" in reason


def test_unsettled_names_what_is_pending_in_order() -> None:
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("A", T0, True), KeyRecord("B", T0 + timedelta(days=1), True),
            KeyRecord("C", T0 + timedelta(days=2), True)]
    now = T0 + timedelta(days=3)
    not_published = unsettled(keys, policy, now, published="B")
    assert not_published is not None and "C" in not_published and "publish" in not_published
    too_many = unsettled(keys, policy, now, published="C")
    assert too_many is not None and "delete A" in too_many
    assert unsettled(keys[1:], policy, now, published="C") is None


def test_equal_instants_are_ordered_by_id() -> None:
    policy = RotationPolicy(keep=2, day_count=30)
    keys = [KeyRecord("B", T0, True), KeyRecord("A", T0, True), KeyRecord("C", T0, True)]
    assert decide(keys, policy, T0) == RotationStep(False, ("A",), "C")


@pytest.mark.parametrize(("keep", "day_count", "match"), [
    (1, 30, "at least 2 keys"), (0, 30, "at least 2 keys"), (2, 0, "day_count")])
def test_policy_refuses_bad_values(keep: int, day_count: int, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        RotationPolicy(keep=keep, day_count=day_count)
