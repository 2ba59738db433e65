"""Seeded order of lists and maps: the real service promises no order, so neither do we.

The order is a function of the seed and each item's key, not of when it was asked for, so
paging through a list with ``page_token`` offsets stays consistent between calls.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def order_key(seed: int, scope: str, key: str) -> str:
    """Where ``key`` sorts within ``scope`` under ``seed``."""
    return hashlib.sha256(f"{seed}\0{scope}\0{key}".encode()).hexdigest()


def seeded(items: Iterable[T], seed: int | None, scope: str, key: Callable[[T], str]) -> list[T]:
    """``items`` in the seed's order (creation order when ``seed`` is None)."""
    listed = list(items)
    if seed is None:
        return listed
    return sorted(listed, key=lambda item: order_key(seed, scope, key(item)))


def seeded_map(mapping: dict[str, T], seed: int | None, scope: str) -> dict[str, T]:
    """A copy of ``mapping`` whose keys iterate (and serialise) in the seed's order."""
    return dict(seeded(mapping.items(), seed, scope, lambda pair: pair[0]))
