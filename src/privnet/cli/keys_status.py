"""``privnet keys status``: each ring read the way ``plan`` reads it (so a key deleted by hand
shows), with ids, ages and dates; never a secret."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.engine_run import EngineOptions, build_engine, load_topology
from privnet.cli.errors import EXIT_OK
from privnet.cli.json_exact import json_exact
from privnet.cli.keys_rings import DAY_SECONDS, JSON, account_of, emit, rings_of
from privnet.cli.services import DEFAULT_SERVICES, Services

if TYPE_CHECKING:
    from privnet.engine.state import ResourceState
    from privnet.keys.rotation import KeyRecord


# -- status -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyRow:
    id: str
    created_at: datetime
    age_days: int
    synced: bool
    active: bool
    gone: bool


@dataclass(frozen=True)
class RingStatus:
    address: str
    account: str
    resource: str
    keys: list[KeyRow]
    next_rotation: str
    """A date, ``now``, ``overdue since DATE``, or ``waiting for KEY to sync``."""
    due_at: datetime | None
    pending: str | None
    """Why the next apply changes this ring (None: settled)."""


def _next_rotation(keys: Sequence[KeyRecord], attributes: Mapping[str, Any],
                   now: datetime) -> tuple[str, datetime | None]:
    from privnet.keys.rotation import by_age, next_rotation
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED, policy_of

    ordered = by_age(keys)
    if attributes.get(ROTATION_REQUESTED):
        return "now (requested)", now
    if not ordered:
        return "now", None
    due = next_rotation(ordered, policy_of(dict(attributes)))
    if due is None and ordered[-1].synced:  # dated at the calendar's end (a rehearsal)
        return f"not before {ordered[-1].created_at.date().isoformat()}", None
    if due is None:
        return f"waiting for {ordered[-1].id} to sync", None
    if due > now:
        return due.date().isoformat(), due
    late = (now - due).total_seconds() >= DAY_SECONDS
    return (f"overdue since {due.date().isoformat()}" if late else "now"), due


def _ring_status(address: str, recorded: ResourceState, seen: Mapping[str, Any] | None,
                 note: str | None, now: datetime) -> RingStatus:
    from privnet.providers.base import OBSERVED, REPLACE_REASON, UPDATE_REASON
    from privnet.providers.confluent.api_key import MISSING_KEY, ring

    attributes = recorded.attributes
    observed = (seen or {}).get(OBSERVED) or {}
    reason = observed.get(REPLACE_REASON) or observed.get(UPDATE_REASON)
    all_gone = seen is None or reason == MISSING_KEY
    listed = set() if all_gone else {k.id for k in ring(dict(seen or {}))}
    active = str((seen or attributes).get("active_key_id") or "")
    recorded_keys = ring(attributes)
    live = [k for k in recorded_keys if k.id in listed]
    rows = [KeyRow(k.id, k.created_at, int((now - k.created_at).total_seconds() // DAY_SECONDS),
                   k.synced, k.id == active and k.id in listed, k.id not in listed)
            for k in recorded_keys]
    if recorded.pending:
        reason = "its creation is not confirmed yet: the next apply checks it"
    elif note:
        reason = note
    elif seen is None:
        reason = "the ring is gone: the next apply creates it"
    text, due = _next_rotation(live, attributes, now)
    return RingStatus(address, account_of(address, attributes), str(attributes.get("resource")),
                      rows, text, due, str(reason) if reason else None)


def run_status(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
               output: str, services: Services = DEFAULT_SERVICES) -> int:
    return json_exact(lambda: _status(file, state_dir, parallelism, account, output,
                                      services), output)


def _status(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
            output: str, services: Services) -> int:
    from privnet.engine.planner import refresh
    from privnet.keys.clock import system_clock

    engine = build_engine(load_topology(file), EngineOptions(state_dir, parallelism), services,
                          writes_state=False)
    state = engine.store.load() if engine.store.exists() else None
    rings = rings_of(state, account)
    observed: Mapping[str, Any] = {}
    notes: Mapping[str, str] = {}
    if state is not None and rings:
        observed, notes = refresh(state, engine.handler_for, engine.ctx, engine.parallelism,
                                  engine.policy, only=set(rings))
    now = system_clock()
    statuses = [_ring_status(a, r, r.attributes if r.pending else observed.get(a),
                             notes.get(a), now) for a, r in rings.items()]
    if output == JSON:
        emit(json.dumps(_status_document(engine.store.stack, now, statuses), indent=2))
    elif state is None:
        sys.stderr.write(f"note: stack {engine.store.stack} has no state: no API key yet "
                         "(privnet apply creates them)\n")
    elif not statuses:
        sys.stderr.write(f"note: stack {engine.store.stack} records no API key\n")
    else:
        emit(_status_text(statuses))
    return EXIT_OK


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _status_text(statuses: Sequence[RingStatus]) -> str:
    header = ("RING", "ACCOUNT", "RESOURCE", "KEY", "CREATED", "AGE(DAYS)", "SYNCED", "ACTIVE")
    rows = [header]
    for ring in statuses:
        rows.extend((ring.address, ring.account, ring.resource, k.id,
                     k.created_at.date().isoformat(), str(k.age_days),
                     "gone" if k.gone else _yes(k.synced), _yes(k.active))
                    for k in ring.keys)
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in rows]
    lines.append("")
    for ring in statuses:
        lines.append(f"{ring.address}: next rotation {ring.next_rotation}"
                     + (f"; pending: {ring.pending}" if ring.pending else ""))
        gone = [k.id for k in ring.keys if k.gone]
        if gone:
            lines.append(f"  deleted outside privnet: {', '.join(gone)}")
    return "\n".join(lines)


def _status_document(stack: str, now: datetime,
                     statuses: Sequence[RingStatus]) -> dict[str, Any]:
    return {"stack": stack, "now": now.isoformat(), "rings": [{
        "address": r.address, "account": r.account, "resource": r.resource,
        "next_rotation": r.next_rotation,
        "next_rotation_at": r.due_at.isoformat() if r.due_at else None,
        "pending": r.pending,
        "keys": [{"id": k.id, "created_at": k.created_at.isoformat(), "age_days": k.age_days,
                  "synced": k.synced, "active": k.active, "deleted_outside_privnet": k.gone}
                 for k in r.keys]} for r in statuses]}


