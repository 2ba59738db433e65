"""Typer declarations of ``plan``, ``apply``, ``destroy`` and ``output`` (and the registration
of ``state``, ``import`` and ``refresh``, declared in :mod:`privnet.cli.state_cmd`).

Kept apart from their bodies (``engine_run``) so that ``privnet --help`` imports nothing
heavier than typer. The clouds, handlers and progress display are the
:class:`~privnet.cli.services.Services` of the invocation (``obj=``), else the defaults.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Literal, NoReturn

import typer

from privnet.cli.errors import run_guarded
from privnet.cli.file_argument import TOPOLOGY_FILE
from privnet.cli.options import PARALLELISM_OPTION, STATE_DIR_OPTION
from privnet.cli.services import services_of
from privnet.cli.state_cmd import import_command, refresh_command, state_app


class PlanFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMAT_OPTION = typer.Option(PlanFormat.TEXT, "--format", help="text or json.")
YES_OPTION = typer.Option(False, "--yes", help="Do not ask for confirmation.")
NO_COLOR_OPTION = typer.Option(
    False, "--no-color", help="Plain text even on a terminal (also: the NO_COLOR variable).")
TARGET_OPTION = typer.Option(
    [], "--target", metavar="ADDRESS",
    help="Limit the run to this address and what it depends on (repeatable).")
REPLACE_OPTION = typer.Option(
    [], "--replace", metavar="ADDRESS",
    help="Replace this recorded object, and what must follow it (repeatable).")
DESTROY_TARGET_OPTION = typer.Option(
    [], "--target", metavar="ADDRESS",
    help="Destroy only this address and what depends on it (repeatable).")


def register_engine_commands(app: typer.Typer) -> None:
    """Add the provisioning commands to the ``privnet`` application."""
    app.command("plan")(plan)
    app.command("apply")(apply)
    app.command("destroy")(destroy)
    app.command("output")(output)
    app.add_typer(state_app, name="state")
    app.command("import")(import_command)
    app.command("refresh")(refresh_command)


def plan(
    ctx: typer.Context,
    file: Path | None = TOPOLOGY_FILE,
    out: Path | None = typer.Option(None, "--out", help="Save the plan for a later apply."),
    fmt: PlanFormat = FORMAT_OPTION,
    detailed_exitcode: bool = typer.Option(
        False, "--detailed-exitcode", help="Exit 0 without changes, 2 with changes, 1 on error."),
    refresh: bool = typer.Option(True, "--refresh/--no-refresh",
                                 help="Read every recorded object to detect drift."),
    destroy_plan: bool = typer.Option(False, "--destroy",
                                      help="Plan the deletion of everything in the state."),
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
    targets: list[str] = TARGET_OPTION,
    replace: list[str] = REPLACE_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Show what apply would create, change or destroy."""
    from privnet.cli.engine_run import EngineOptions, run_plan

    options = EngineOptions(state_dir, parallelism, tuple(targets), tuple(replace))
    _say_targeted(targets, "what they depend on")
    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run_plan(file, options, out, fmt.value,
                                                  detailed_exitcode, refresh, destroy_plan,
                                                  services, no_color)))


def apply(
    ctx: typer.Context,
    target: Path | None = typer.Argument(
        None, metavar="FILE", show_default=False,
        help="Topology file (default: ./privnet.yaml), or a plan saved by plan --out."),
    yes: bool = YES_OPTION,
    fmt: PlanFormat = FORMAT_OPTION,
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
    targets: list[str] = TARGET_OPTION,
    replace: list[str] = REPLACE_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Create and update everything the topology describes, waiting until it is ready."""
    _run_changes(ctx, "apply", target, yes, fmt, state_dir, parallelism, targets, replace,
                 no_color)


def destroy(
    ctx: typer.Context,
    file: Path | None = TOPOLOGY_FILE,
    yes: bool = YES_OPTION,
    fmt: PlanFormat = FORMAT_OPTION,
    state_dir: Path = STATE_DIR_OPTION,
    parallelism: int = PARALLELISM_OPTION,
    targets: list[str] = DESTROY_TARGET_OPTION,
    no_color: bool = NO_COLOR_OPTION,
) -> None:
    """Delete everything privnet created for the stack, dependents first."""
    _run_changes(ctx, "destroy", file, yes, fmt, state_dir, parallelism, targets,
                 no_color=no_color)


def _run_changes(ctx: typer.Context, action: Literal["apply", "destroy"], target: Path | None,
                 yes: bool, fmt: PlanFormat, state_dir: Path, parallelism: int,
                 targets: Sequence[str] = (), replace: Sequence[str] = (),
                 no_color: bool = False) -> NoReturn:
    """apply and destroy both change the clouds after a confirmation, with the same options."""
    from privnet.cli.engine_run import EngineOptions, run_apply, run_destroy

    run = run_apply if action == "apply" else run_destroy
    options = EngineOptions(state_dir, parallelism, tuple(targets), tuple(replace))
    _say_targeted(targets, "what they depend on" if action == "apply" else "what depends on them")
    services = services_of(ctx)
    raise typer.Exit(run_guarded(lambda: run(target, options, yes, fmt.value, services,
                                             no_color)))


def _say_targeted(targets: Sequence[str], closure: str) -> None:
    """A targeted run leaves the rest of the stack as it is: said once, on stderr."""
    if targets:
        sys.stderr.write(f"note: --target limits this run to {', '.join(targets)} and "
                         f"{closure}; the rest of the stack is not planned or changed (run "
                         "without --target to bring everything to the topology)\n")


def output(
    file: Path = typer.Argument(..., help="Topology file."),
    name: str | None = typer.Argument(
        None, metavar="NAME", show_default=False,
        help="One output by its dotted path in the JSON document, e.g. "
             "clusters.sandbox.bootstrap_endpoint (an unknown name lists them)."),
    raw: bool = typer.Option(False, "--raw",
                             help="Print the bare value (no quotes), for use in a shell."),
    fmt: PlanFormat = FORMAT_OPTION,
    state_dir: Path = STATE_DIR_OPTION,
) -> None:
    """Cluster endpoints and the Secrets Manager names of the API keys (never the secrets)."""
    from privnet.cli.engine_run import run_output

    raise typer.Exit(run_guarded(lambda: run_output(file, state_dir, fmt.value, name, raw)))
