"""The topology file argument, the same for every command: optional, ``./privnet.yaml`` by
default, as a Terraform user expects a command to work in the stack's own folder.

Declare it with :data:`TOPOLOGY_FILE` (one file) or :data:`TOPOLOGY_FILES` (several) and turn
the parsed value into paths with :func:`topology_file` / :func:`topology_files` inside the
command body (under ``run_guarded``), so a missing default is a message and exit 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from privnet.errors import PrivnetError

DEFAULT_TOPOLOGY_FILE = Path("privnet.yaml")

TOPOLOGY_FILE_HELP = "Topology file (default: ./privnet.yaml)."

TOPOLOGY_FILE = typer.Argument(None, metavar="FILE", help=TOPOLOGY_FILE_HELP,
                               show_default=False)
"""``file: Path | None = TOPOLOGY_FILE``: one topology file, ./privnet.yaml when omitted."""

TOPOLOGY_FILES = typer.Argument(None, metavar="FILE...",
                                help="Topology files (default: ./privnet.yaml).",
                                show_default=False)
"""``files: list[Path] | None = TOPOLOGY_FILES``: several files, ./privnet.yaml when none."""


class MissingTopologyFileError(PrivnetError):
    """No file was named and the default one is not in the current directory."""


def topology_file(given: Path | None) -> Path:
    """The file to read: ``given``, else ./privnet.yaml when it exists (else exit 2)."""
    if given is not None:
        return given
    if DEFAULT_TOPOLOGY_FILE.exists():
        return DEFAULT_TOPOLOGY_FILE
    raise MissingTopologyFileError(
        f"no topology file given and ./{DEFAULT_TOPOLOGY_FILE} does not exist in "
        f"{Path.cwd()}: name the file (privnet <command> FILE) or run in the stack's folder")


def topology_files(given: Sequence[Path] | None) -> list[Path]:
    """The files to read: those ``given``, else ./privnet.yaml (as :func:`topology_file`)."""
    return list(given) if given else [topology_file(None)]
