"""When to create and delete API keys: a pure function of the keys, the policy and today.

The decision depends on the keys' own creation dates, never on "now" alone, so running twice
on the same day changes nothing, and a run after a long gap creates one key and deletes only
keys older than the newest *synced* one: there is always a key that works.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class KeyRecord:
    """One existing API key as the policy sees it."""

    id: str
    created_at: date
    synced: bool


@dataclass(frozen=True)
class RotationPolicy:
    """Keep ``keep`` (>= 2) keys; a new key replaces the oldest every ``day_count`` days."""

    keep: int = 2
    day_count: int = 30

    def __post_init__(self) -> None:
        if self.keep < 2:
            raise ValueError("key rotation must keep at least 2 keys")
        if self.day_count < 1:
            raise ValueError("key rotation day_count must be at least 1")


@dataclass(frozen=True)
class RotationDecision:
    """What to do now: create a key or not, which keys to delete, which key clients use."""

    create: bool
    delete: tuple[str, ...]
    active: str | None


def _age_order(key: KeyRecord) -> tuple[date, str]:
    return key.created_at, key.id


def decide(keys: Sequence[KeyRecord], policy: RotationPolicy, today: date) -> RotationDecision:
    """Apply the policy once.

    - active: the newest synced key (None while no key has synced yet);
    - create: when there is no key, or the newest key is synced and ``day_count`` days old
      (an unsynced newest key is waited for instead of being piled upon);
    - delete: only keys older than the active key, oldest first, while more than ``keep``
      keys would remain (counting the one being created). The active key and anything newer
      are never deleted, so a working key survives whatever the gap since the last run.
    """
    ordered = sorted(keys, key=_age_order)
    synced = [k for k in ordered if k.synced]
    active = synced[-1] if synced else None
    newest = ordered[-1] if ordered else None
    create = newest is None or (
        newest.synced and (today - newest.created_at).days >= policy.day_count
    )
    remaining = len(ordered) + (1 if create else 0)
    delete: list[str] = []
    if active is not None:
        for key in ordered:
            if remaining <= policy.keep or _age_order(key) >= _age_order(active):
                break
            delete.append(key.id)
            remaining -= 1
    return RotationDecision(create=create, delete=tuple(delete),
                            active=active.id if active else None)
