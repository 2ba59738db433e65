"""Bodies of ``state list|show|rm|mv|pull``, ``import`` and ``refresh``.

What a command is for goes to stdout (addresses, a record, the state document, what changed);
notes go to stderr. ``state`` commands read the topology file only for the stack's name and
addresses (its rules are not run: an escape hatch must work while the file is being fixed);
``import`` and ``refresh`` read the clouds, so their credentials are proven first, as for
``plan``. A stack with no state is not an error for the commands that read (exit 0 and a
note on stderr); the ones that edit refuse it (exit 2).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from privnet.cli.engine_run import EngineOptions, build_engine, load_topology
from privnet.cli.errors import EXIT_OK
from privnet.cli.json_exact import json_exact
from privnet.cli.services import DEFAULT_SERVICES, Services
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.engine.state import State, StateStore
    from privnet.engine.state_edit import Forgotten
    from privnet.topology.model import Topology


def _store(topology: Topology, state_dir: Path) -> StateStore:
    from privnet.engine.state import StateStore

    return StateStore(topology.stack, state_dir)


def _state_or_note(file: Path | None, state_dir: Path) -> tuple[StateStore, State | None]:
    """The stack's state, or None with a note on stderr when it has none yet."""
    store = _store(load_topology(file), state_dir)
    if not store.exists():
        sys.stderr.write(f"note: stack {store.stack} has no state ({store.path} does not "
                         "exist): nothing is recorded; `privnet apply` or `privnet import` "
                         "records objects\n")
        return store, None
    return store, store.load()


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")


def run_list(file: Path | None, state_dir: Path, output: str) -> int:
    return json_exact(lambda: _list(file, state_dir, output), output)


def _list(file: Path | None, state_dir: Path, output: str) -> int:
    from privnet.engine.state_edit import listing

    store, state = _state_or_note(file, state_dir)
    rows = listing(state) if state is not None else []
    if output == "json":
        _emit(json.dumps({"stack": store.stack, "state": str(store.path),
                          "serial": state.serial if state is not None else None,
                          "resources": rows}, indent=2))
    elif rows:
        _emit("\n".join(row["address"] for row in rows))
    return EXIT_OK


def run_show(file: Path, state_dir: Path, address: str, output: str) -> int:
    return json_exact(lambda: _show(file, state_dir, address, output), output)


def _show(file: Path, state_dir: Path, address: str, output: str) -> int:
    from privnet.engine.state_edit import describe, recorded

    store, state = _state_or_note(file, state_dir)
    if state is None:
        raise PrivnetError(f"{address} is not recorded: stack {store.stack} has no state")
    shown = describe(address, recorded(state, address))
    _emit(json.dumps(shown, indent=2) if output == "json" else _record_text(shown))
    return EXIT_OK


def _record_text(shown: dict[str, Any]) -> str:
    """A record for people: one value per line, never cut, in JSON notation."""
    lines = [f"# {shown['address']}", f"kind:   {shown['kind']}", f"id:     {shown['id']}",
             f"status: {', '.join(shown['status'])}"]
    for section in ("attributes", "properties"):
        values = shown[section]
        lines.append(f"{section}:" if values else f"{section}: (none)")
        lines.extend(f"  {key} = {json.dumps(values[key], sort_keys=True)}"
                     for key in sorted(values))
    deps = shown["dependencies"]
    lines.append("depends on:" if deps else "depends on: (nothing)")
    lines.extend(f"  {dep}" for dep in deps)
    return "\n".join(lines)


def run_pull(file: Path | None, state_dir: Path) -> int:
    _, state = _state_or_note(file, state_dir)
    if state is not None:
        _emit(json.dumps(state.to_json(), indent=2))
    return EXIT_OK


def _described(topology: Topology) -> dict[str, str] | None:
    """Address -> kind for everything the topology compiles to (None: it does not compile)."""
    from privnet.resources.compile import compile_topology

    try:
        graph = compile_topology(topology)
    except PrivnetError:
        return None
    return {address: resource.kind for address, resource in graph.resources.items()}


def run_rm(file: Path, state_dir: Path, addresses: list[str]) -> int:
    from privnet.engine.state_edit import remove

    topology = load_topology(file)
    described = _described(topology)
    forgotten, serial = remove(_store(topology, state_dir), list(dict.fromkeys(addresses)),
                               described)
    for item in forgotten:
        _emit(_forgotten_text(item, file))
    sys.stderr.write(f"state written (serial {serial}; the previous state is kept as a "
                     "backup next to it)\n")
    return EXIT_OK


def _forgotten_text(item: Forgotten, file: Path) -> str:
    head = (f"Removed {item.address} from the state. The object ({item.kind} "
            f"{item.object_id}) still exists in the cloud; privnet no longer manages it.")
    if item.dependents:
        head += (f"\n  Still recorded and depending on it: {', '.join(item.dependents)}; "
                 "should a new object be made in its place, the plan replaces or updates "
                 "them to follow it.")
    again = f"privnet import {file} {item.address} {item.object_id}"
    if item.in_topology is False:
        return (f"{head}\n  The topology no longer describes {item.address}, so privnet will "
                "not look for it again. To delete it, delete it with the cloud's console or "
                "CLI.")
    unknown = ("  (The topology does not compile, so whether it still describes this address "
               "is not known.)\n" if item.in_topology is None else "")
    if not item.importable:
        return (f"{head}\n{unknown}  {item.kind} has no id of its own: privnet finds it by "
                "what names it. While the topology describes "
                f"{item.address}, the next plan adopts it again (`privnet plan {file}` shows "
                "it), or proposes a new one if it is gone.\n  To delete it: let `privnet "
                f"apply {file}` adopt it, then `privnet destroy {file} --target "
                f"{item.address}`, or delete it with the cloud's console or CLI.")
    return (f"{head}\n{unknown}  While the topology describes {item.address}, the next plan looks "
            "for it by privnet's markers (its tags, or its name for a Confluent object): "
            "found, it is proposed for adoption again; not found (an imported object "
            f"carries no markers), a new one is proposed.\n  To manage it again: {again}\n"
            f"  To delete it: import it again and run `privnet destroy {file} --target "
            f"{item.address}`, or delete it with the cloud's console or CLI.")


def run_mv(file: Path, state_dir: Path, source: str, target: str) -> int:
    from privnet.engine.state_edit import move

    topology = load_topology(file)
    described = _described(topology)
    if described is None:
        raise PrivnetError(f"{file} does not compile, so the new address cannot be checked; "
                           f"fix it first (privnet validate {file})")
    moved = move(_store(topology, state_dir), source, target, described)
    _emit(f"Moved {moved.source} to {moved.target} ({moved.kind} {moved.object_id}); "
          "nothing changed in the cloud.")
    if moved.dependents:
        _emit(f"  Records that depend on it now name the new address: "
              f"{', '.join(moved.dependents)}.")
    if moved.source_in_topology:
        _emit(f"  The topology still describes {moved.source}: the next plan creates a new "
              "object there.")
    _emit(f"  Run `privnet plan {file}` to check.")
    return EXIT_OK


def run_import(file: Path, state_dir: Path, address: str, object_id: str,
               services: Services = DEFAULT_SERVICES) -> int:
    from privnet.cli.checked_topology import load_checked_topology
    from privnet.engine.importing import import_object

    engine = build_engine(load_checked_topology(file, "import into"),
                          EngineOptions(state_dir), services)
    done = import_object(engine, address, object_id)
    _emit(f"Imported {done.kind} {done.object_id} as {done.address} (state serial "
          f"{done.serial}).\n  privnet manages it from now on like an object it created: "
          f"`privnet destroy` deletes it (run `privnet state rm {file} {done.address}` first "
          f"to keep it).\n  Run `privnet plan {file}` to see how it differs from the topology.")
    return EXIT_OK


def run_refresh(file: Path | None, state_dir: Path, parallelism: int, output: str,
                services: Services = DEFAULT_SERVICES) -> int:
    return json_exact(lambda: _refresh(file, state_dir, parallelism, output, services), output)


def _refresh(file: Path | None, state_dir: Path, parallelism: int, output: str,
             services: Services) -> int:
    from privnet.engine.refreshing import refresh_state

    engine = build_engine(load_topology(file), EngineOptions(state_dir, parallelism), services)
    result = refresh_state(engine)
    if output == "json":
        _emit(json.dumps({"stack": engine.store.stack, "had_state": result.had_state,
                          "serial": result.serial if result.had_state else None,
                          "read": result.read, "updated": result.updated,
                          "removed": result.gone, "not_refreshed": result.unreadable,
                          "pending": result.pending}, indent=2))
        return EXIT_OK
    if not result.had_state:
        sys.stderr.write(f"note: stack {engine.store.stack} has no state "
                         f"({engine.store.path} does not exist): nothing to refresh\n")
        return EXIT_OK
    for address, gone_id in sorted(result.gone.items()):
        _emit(f"{address}: {gone_id} no longer exists: removed from the state")
    for address in result.updated:
        _emit(f"{address}: attributes updated from the cloud")
    for address, why in sorted(result.unreadable.items()):
        _emit(f"{address}: kept as recorded ({why})")
    for address in result.pending:
        _emit(f"{address}: kept as recorded (its creation is not confirmed yet; the next "
              "apply checks it)")
    _emit(f"Refresh complete: {result.read} read, {len(result.updated)} updated, "
          f"{len(result.gone)} removed, {len(result.unreadable)} not refreshed (state serial "
          f"{result.serial}). Nothing was changed in the clouds.")
    return EXIT_OK
