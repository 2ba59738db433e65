"""When to create and delete API keys: a pure function of the keys, the policy and the clock.

Rotation goes by key age: a new key is made once the newest key is ``day_count`` days old, and
a key is deleted only when a newer key has synced (the caller publishes that key to the client
secrets before deleting anything). So, whatever the gap since the last run:

- at most one key is created per run, and the next plan proposes nothing;
- a key that works (the newest synced one, "active") is never deleted;
- the ring never holds more than ``keep + 1`` keys, and ``keep`` again once the new key has
  synced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from privnet.keys.clock import age_days


@dataclass(frozen=True)
class KeyRecord:
    """One existing API key as the policy sees it."""

    id: str
    created_at: datetime
    synced: bool


@dataclass(frozen=True)
class RotationPolicy:
    """Keep ``keep`` (>= 2) keys; make a new one when the newest is ``day_count`` days old."""

    keep: int = 2
    day_count: int = 30

    def __post_init__(self) -> None:
        if self.keep < 2:
            raise ValueError("key rotation must keep at least 2 keys")
        if self.day_count < 1:
            raise ValueError("key rotation day_count must be at least 1")


@dataclass(frozen=True)
class RotationStep:
    """What to do now: create a key or not, which keys to delete, which key clients use."""

    create: bool
    delete: tuple[str, ...]
    active: str | None


def by_age(keys: Sequence[KeyRecord]) -> list[KeyRecord]:
    """Oldest first; equal instants by id, so the order never depends on listing order."""
    return sorted(keys, key=lambda k: (k.created_at, k.id))


def active_key(keys: Sequence[KeyRecord]) -> KeyRecord | None:
    """The key clients use: the newest key that has synced."""
    synced = [k for k in by_age(keys) if k.synced]
    return synced[-1] if synced else None


def next_rotation(keys: Sequence[KeyRecord], policy: RotationPolicy) -> datetime | None:
    """When the next key is due (None while there is no key, or the newest has not synced)."""
    ordered = by_age(keys)
    if not ordered or not ordered[-1].synced:
        return None
    try:
        return ordered[-1].created_at + timedelta(days=policy.day_count)
    except OverflowError:  # a key dated near the calendar's end (a rehearsal clock)
        return None


def rotation_due(keys: Sequence[KeyRecord], policy: RotationPolicy, now: datetime) -> str | None:
    """Why a new key is due now, or None."""
    ordered = by_age(keys)
    if not ordered:
        return "no API key yet"
    newest = ordered[-1]
    if not newest.synced:
        return None  # the newest key is waited for, never piled upon
    age = age_days(newest.created_at, now)
    if age >= policy.day_count:
        return (f"rotation due: the newest key {newest.id} is {int(age)} days old "
                f"(rotate every {policy.day_count} days)")
    return None


def decide(keys: Sequence[KeyRecord], policy: RotationPolicy, now: datetime,
           force: bool = False) -> RotationStep:
    """One step of the policy.

    - delete: only once the newest key has synced (it is then the active key), the oldest
      keys older than it, while more than ``keep`` would remain;
    - create: when there is no key, or the newest key has synced and is ``day_count`` days
      old (or ``force``, a rotation asked for now).
    """
    ordered = by_age(keys)
    active = active_key(ordered)
    newest = ordered[-1] if ordered else None
    delete: list[str] = []
    if newest is not None and active is not None and newest.id == active.id:
        remaining = len(ordered)
        for key in ordered:
            if remaining <= policy.keep or key.id == active.id:
                break
            delete.append(key.id)
            remaining -= 1
    create = newest is None or (newest.synced and (
        force or rotation_due(ordered, policy, now) is not None))
    return RotationStep(create=create, delete=tuple(delete),
                        active=active.id if active else None)


def unsettled(keys: Sequence[KeyRecord], policy: RotationPolicy, now: datetime,
              published: str | None) -> str | None:
    """Why the ring needs an apply now (a plan's reason), or None when it is settled."""
    ordered = by_age(keys)
    if ordered and not ordered[-1].synced:
        return f"API key {ordered[-1].id} has not synced yet: wait for it, then publish it"
    active = active_key(ordered)
    if active is not None and active.id != published:
        return f"the client secrets do not hold the active key {active.id}: publish it"
    step = decide(ordered, policy, now)
    if step.delete:
        return (f"{len(ordered)} keys, {policy.keep} kept: delete "
                f"{', '.join(step.delete)}")
    return rotation_due(ordered, policy, now)
