"""``privnet keys rotate``: a rotation request recorded on the chosen rings (under the stack's
lock, with a backup, as every state edit), then ``apply``; a plan with other changes is
refused first, so a rotation never carries unrelated changes."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.engine_run import EngineOptions, build_engine, run_apply
from privnet.cli.errors import EXIT_OK
from privnet.cli.file_argument import topology_file
from privnet.cli.json_exact import json_exact
from privnet.cli.keys_rings import rings_of
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.engine.planner import FOLLOWS
from privnet.errors import PrivnetError
from privnet.resources.kinds.confluent_control import API_KEY

if TYPE_CHECKING:
    from privnet.engine.state import ResourceState


# -- rotate -----------------------------------------------------------------------------------
class OtherChangesPending(PrivnetError):
    """A rotation runs an apply: it is refused while the plan holds anything but key rings."""


def run_rotate(file: Path | None, state_dir: Path, parallelism: int, account: str | None,
               yes: bool, output: str, services: Services = DEFAULT_SERVICES,
               no_color: bool = False) -> int:
    return json_exact(lambda: _rotate(topology_file(file), state_dir, parallelism, account, yes,
                                      output, services, no_color), output)


def _rotate(file: Path, state_dir: Path, parallelism: int, account: str | None, yes: bool,
            output: str, services: Services, no_color: bool) -> int:
    from privnet.cli.checked_topology import load_checked_topology

    options = EngineOptions(state_dir, parallelism)
    engine = build_engine(load_checked_topology(file, "rotate the keys of"), options, services)
    engine.store.lock("keys rotate").check_free()
    rings = rings_of(engine.store.load() if engine.store.exists() else None, account)
    if not rings:
        raise PrivnetError(f"stack {engine.store.stack} records no API key: run "
                           f"`privnet apply {file}` first")
    others = [c for c in engine.plan().actionable
              if c.kind != API_KEY.name and not c.reason.startswith(FOLLOWS)]
    if others:
        raise OtherChangesPending(
            "other changes are pending: run privnet apply first (a rotation applies key "
            "rings only): " + ", ".join(f"{c.action.value} {c.address}" for c in others))
    before = _request_rotation(engine.store, list(rings))
    # --account: the apply is limited to that account's rings and what stores their keys
    # (cluster links follow in place); another ring due by age waits
    scoped = EngineOptions(state_dir, parallelism,
                           _with_followers(engine, rings) if account else ())
    code = run_apply(file, scoped, yes, output, services, no_color)
    if code != EXIT_OK:
        _withdraw_untouched(engine.store, before)
    return code


def _with_followers(engine: Any, rings: Mapping[str, ResourceState]) -> tuple[str, ...]:
    """The rings, and every resource that refers to a ring's active key (a cluster link
    storing it), so that a limited rotation never leaves a link on a key it deletes later."""
    graph = engine.graph()
    followers = {address for address, resource in graph.resources.items()
                 if any(ref.address in rings and ref.attribute == "active_key_id"
                        for ref in resource.refs())}
    return tuple(sorted(set(rings) | followers))


def _key_ids(record: ResourceState) -> list[str]:
    return [str(k.get("id")) for k in record.attributes.get("keys") or []]


def _request_rotation(store: Any, addresses: Sequence[str]) -> dict[str, list[str]]:
    """Record the request on each ring (a state edit: locked, backed up, serial bumped);
    returns each ring's key ids as they were."""
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED

    with store.lock("keys rotate"):
        state = store.load()
        for address in addresses:
            state.resources[address].attributes[ROTATION_REQUESTED] = True
        store.write(state)
    return {a: _key_ids(state.resources[a]) for a in addresses}


def _withdraw_untouched(store: Any, before: Mapping[str, list[str]]) -> None:
    """A declined or failed rotation leaves no request behind on a ring it did not reach
    (else a later, unrelated apply would rotate it)."""
    from privnet.providers.confluent.api_key import ROTATION_REQUESTED

    with store.lock("keys rotate"):
        state = store.load()
        withdrawn = [a for a, ids in before.items() if a in state.resources
                     and state.resources[a].attributes.get(ROTATION_REQUESTED)
                     and _key_ids(state.resources[a]) == ids]
        for address in withdrawn:
            state.resources[address].attributes.pop(ROTATION_REQUESTED, None)
        if withdrawn:
            store.write(state)
            sys.stderr.write("the rotation did not start; nothing is left requested\n")


