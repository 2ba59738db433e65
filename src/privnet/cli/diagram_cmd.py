"""``privnet diagram``: the stack as Mermaid or DOT, as designed or as recorded in its state.

The typer declaration lives here with only light imports; the body loads the topology, the
state and the renderer when the command runs.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from privnet.cli.errors import EXIT_OK, run_guarded
from privnet.cli.file_argument import TOPOLOGY_FILE, topology_file
from privnet.cli.options import STATE_DIR_OPTION
from privnet.errors import PrivnetError

if TYPE_CHECKING:
    from privnet.render.diagram import ObservedResource
    from privnet.topology.model import Topology


class DiagramFormatOption(StrEnum):
    MERMAID = "mermaid"
    DOT = "dot"


class DiagramSource(StrEnum):
    SPEC = "spec"
    STATE = "state"


def diagram(
    file: Path | None = TOPOLOGY_FILE,
    fmt: DiagramFormatOption = typer.Option(DiagramFormatOption.MERMAID, "--format",
                                            help="mermaid or dot."),
    source: DiagramSource = typer.Option(
        DiagramSource.SPEC, "--source",
        help="spec (the design) or state (what was created, with real ids)."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file, not stdout."),
    state_dir: Path = STATE_DIR_OPTION,
) -> None:
    """Draw the topology: connectivity, clusters, links, VPCs, endpoints and DNS."""
    raise typer.Exit(run_guarded(lambda: run_diagram(topology_file(file), fmt.value,
                                                     source.value, out, state_dir)))


def run_diagram(file: Path, fmt: str, source: str, out: Path | None, state_dir: Path) -> int:
    from privnet.render.diagram import DiagramFormat, render_diagram
    from privnet.topology import load_spec

    topology = load_spec(file).topology
    if source == DiagramSource.STATE:
        observed, managed = _state_facts(topology, state_dir)
        text = render_diagram(topology, DiagramFormat(fmt), observed, managed)
    else:
        text = render_diagram(topology, DiagramFormat(fmt))
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PrivnetError(f"cannot write {out}: {exc.strerror or exc}") from None
    sys.stderr.write(f"diagram written to {out}\n")
    return EXIT_OK


def _state_facts(topology: Topology, state_dir: Path
                 ) -> tuple[dict[str, ObservedResource], frozenset[str] | None]:
    """What the state holds, and which addresses privnet would create for this topology."""
    from privnet.engine.state import StateStore
    from privnet.render.diagram import ObservedResource
    from privnet.resources.compile import CompileError, compile_topology

    store = StateStore(topology.stack, state_dir)
    store.check_directory(writable=False)
    if not store.exists():
        raise PrivnetError(f"no state for stack {topology.stack} at {store.path}: run "
                           "'privnet apply' first, or draw the design with --source spec")
    state = store.load()
    observed = {address: ObservedResource(resource.attributes, resource.pending)
                for address, resource in state.resources.items()}
    try:
        managed: frozenset[str] | None = frozenset(compile_topology(topology).resources)
    except CompileError as exc:
        sys.stderr.write(f"warning: {exc}; every drawn object the state lacks is marked "
                         "'not created'\n")
        managed = None
    return observed, managed
