"""Typer declarations of ``privnet keys status|rotate|export``.

Only typer loads here (``--help`` stays fast); the bodies are in ``keys_status``,
``keys_rotate`` and ``keys_export``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from privnet.cli.errors import run_guarded
from privnet.cli.file_argument import TOPOLOGY_FILE
from privnet.cli.options import PARALLELISM_OPTION, STATE_DIR_OPTION
from privnet.cli.services import services_of

keys_app = typer.Typer(
    name="keys",
    help="List, rotate and hand out the stack's API keys (status, rotate, export).",
    no_args_is_help=True,
)

ACCOUNT_OPTION = typer.Option(None, "--account", help="Only this service account's keys.")


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


class ExportFormat(StrEnum):
    PROPERTIES = "properties"
    JSON = "json"
    ENV = "env"


@keys_app.command("status")
def status(
    ctx: typer.Context,
    file: Path | None = TOPOLOGY_FILE,
    account: str | None = ACCOUNT_OPTION,
    fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
) -> None:
    """Each key's id, age, synced and active, and when the next rotation is due."""
    from privnet.cli.keys_status import run_status

    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_status(file, state_dir, parallelism, account,
                                                    fmt.value, services)))


@keys_app.command("rotate")
def rotate(
    ctx: typer.Context,
    file: Path | None = TOPOLOGY_FILE,
    account: str | None = ACCOUNT_OPTION,
    yes: bool = typer.Option(False, "--auto-approve", "--yes",
                             help="Do not ask for confirmation."),
    fmt: Format = typer.Option(Format.TEXT, "--format", help="text or json."),
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
    no_color: bool = typer.Option(False, "--no-color", help="Plain text even on a terminal."),
) -> None:
    """Rotate now: a new key for each ring, published, the oldest deleted, in one apply."""
    from privnet.cli.keys_rotate import run_rotate

    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_rotate(file, state_dir, parallelism, account, yes,
                                                    fmt.value, services, no_color)))


@keys_app.command("export")
def export(
    ctx: typer.Context,
    account: str = typer.Argument(..., help="Service account name."),
    file: Path | None = TOPOLOGY_FILE,
    resource: str | None = typer.Option(
        None, "--resource", help="Cluster name, or schema_registry."),
    vpc: str | None = typer.Option(None, "--vpc", help="The client secret of this VPC."),
    fmt: ExportFormat = typer.Option(..., "--format", help="properties, json or env."),
    state_dir: Path = STATE_DIR_OPTION,
) -> None:
    """Print a client configuration with the active key (prints a secret, to stdout only)."""
    from privnet.cli.keys_export import run_export

    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_export(file, state_dir, account, resource, vpc,
                                                    fmt.value, services)))
