"""Which API keys a run created and deleted, from the key rings recorded before and after it.

A rotation happens inside ``update`` and ``check_ready`` of a ring, so the plan cannot say
which key ids came and went; the two states can. Ids only: a ring never records a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from privnet.engine.state import State
from privnet.resources.kinds.confluent_control import API_KEY


class KeyChange(NamedTuple):
    """One ring whose keys changed during a run."""

    address: str
    created: tuple[str, ...]
    deleted: tuple[str, ...]


def _key_ids(state: State | None) -> dict[str, list[str]]:
    """Ring address -> the ids of its keys, oldest first as recorded."""
    if state is None:
        return {}
    return {address: _ids(record.attributes)
            for address, record in state.resources.items() if record.kind == API_KEY.name}


def _ids(attributes: Mapping[str, Any]) -> list[str]:
    keys = attributes.get("keys") or []
    return [str(k["id"]) for k in keys if isinstance(k, Mapping) and k.get("id")]


def key_changes(before: State | None, after: State | None) -> list[KeyChange]:
    """The rings whose keys differ between ``before`` and ``after`` (a state is None when the
    stack had none), sorted by address."""
    old, new = _key_ids(before), _key_ids(after)
    changes = []
    for address in sorted(set(old) | set(new)):
        was, now = old.get(address, []), new.get(address, [])
        created = tuple(k for k in now if k not in was)
        deleted = tuple(k for k in was if k not in now)
        if created or deleted:
            changes.append(KeyChange(address, created, deleted))
    return changes


def key_change_line(change: KeyChange) -> str:
    """``keys: ADDRESS created A, deleted B`` (only the parts that happened)."""
    parts = []
    if change.created:
        parts.append(f"created {', '.join(change.created)}")
    if change.deleted:
        parts.append(f"deleted {', '.join(change.deleted)}")
    return f"keys: {change.address} {', '.join(parts)}"


def key_changes_document(changes: list[KeyChange]) -> list[dict[str, Any]]:
    """The ``keys`` member of apply's JSON document."""
    return [{"address": c.address, "created": list(c.created), "deleted": list(c.deleted)}
            for c in changes]
