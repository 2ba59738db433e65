"""Typer declarations of the escape hatches: ``state list|show|rm|mv|pull``, ``import`` and
``refresh``.

Like :mod:`privnet.cli.engine_commands`, only typer loads here (``--help`` stays fast); the
bodies are in :mod:`privnet.cli.state_run`. Every one takes the topology file first: it names
the stack, so the state of a stack is always found the way ``plan`` finds it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from privnet.cli.errors import run_guarded
from privnet.cli.file_argument import TOPOLOGY_FILE
from privnet.cli.options import PARALLELISM_OPTION, STATE_DIR_OPTION
from privnet.cli.services import services_of

state_app = typer.Typer(
    name="state",
    help="Read and edit the stack's state without touching a cloud (list, show, rm, mv, pull).",
    no_args_is_help=True,
)

FILE_ARGUMENT = typer.Argument(..., help="Topology file (it names the stack).")
"""Required where other arguments follow it (an address, an id): an optional first argument
could not be told apart from them. Where it is the only argument, ``TOPOLOGY_FILE`` (optional,
./privnet.yaml) as for every other command."""


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMAT_OPTION = typer.Option(Format.TEXT, "--format", help="text or json.")


@state_app.command("list")
def state_list(file: Path | None = TOPOLOGY_FILE, fmt: Format = FORMAT_OPTION,
               state_dir: Path = STATE_DIR_OPTION) -> None:
    """Recorded addresses, one per line, sorted (a stack with no state: none, and a note)."""
    from privnet.cli.state_run import run_list

    raise typer.Exit(run_guarded(lambda: run_list(file, state_dir, fmt.value)))


@state_app.command("show")
def state_show(file: Path = FILE_ARGUMENT,
               address: str = typer.Argument(..., help="Recorded address."),
               fmt: Format = FORMAT_OPTION, state_dir: Path = STATE_DIR_OPTION) -> None:
    """One record: kind, id, attributes, properties, dependencies (secrets never shown)."""
    from privnet.cli.state_run import run_show

    raise typer.Exit(run_guarded(lambda: run_show(file, state_dir, address, fmt.value)))


@state_app.command("rm")
def state_rm(file: Path = FILE_ARGUMENT,
             addresses: list[str] = typer.Argument(..., help="Recorded addresses to forget."),
             state_dir: Path = STATE_DIR_OPTION) -> None:
    """Forget objects without deleting them: they stay in the cloud, unmanaged."""
    from privnet.cli.state_run import run_rm

    raise typer.Exit(run_guarded(lambda: run_rm(file, state_dir, addresses)))


@state_app.command("mv")
def state_mv(file: Path = FILE_ARGUMENT,
             source: str = typer.Argument(..., metavar="FROM", help="Recorded address."),
             target: str = typer.Argument(..., metavar="TO",
                                          help="New address, one the topology compiles to."),
             state_dir: Path = STATE_DIR_OPTION) -> None:
    """Give a record a new address (after renaming the object in the topology)."""
    from privnet.cli.state_run import run_mv

    raise typer.Exit(run_guarded(lambda: run_mv(file, state_dir, source, target)))


@state_app.command("pull")
def state_pull(file: Path | None = TOPOLOGY_FILE, state_dir: Path = STATE_DIR_OPTION) -> None:
    """Print the state document (JSON) on stdout."""
    from privnet.cli.state_run import run_pull

    raise typer.Exit(run_guarded(lambda: run_pull(file, state_dir)))


def import_command(
    ctx: typer.Context,
    file: Path = FILE_ARGUMENT,
    address: str = typer.Argument(..., help="Address the topology compiles to."),
    object_id: str = typer.Argument(..., metavar="ID", help="The cloud's id of the object."),
    state_dir: Path = STATE_DIR_OPTION,
) -> None:
    """Adopt an existing object into the state at ADDRESS (destroy then deletes it)."""
    from privnet.cli.state_run import run_import

    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_import(file, state_dir, address, object_id,
                                                    services)))


def refresh_command(
    ctx: typer.Context,
    file: Path | None = TOPOLOGY_FILE,
    fmt: Format = FORMAT_OPTION,
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
) -> None:
    """Record what the clouds report about every recorded object; change nothing in them."""
    from privnet.cli.state_run import run_refresh

    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_refresh(file, state_dir, parallelism, fmt.value,
                                                     services)))
