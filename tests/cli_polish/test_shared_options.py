"""Every command that reads a stack's state names its directory with the same ``--state-dir``
help; ``verify --source`` is a choice shown as one."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from privnet.cli.main import app
from privnet.cli.options import STATE_DIR_HELP


def _commands() -> dict[str, Any]:
    root: Any = typer.main.get_command(app)
    found: dict[str, Any] = {}
    stack: list[tuple[str, Any]] = [("", root)]
    while stack:
        prefix, command = stack.pop()
        for name, sub in getattr(command, "commands", {}).items():
            stack.append((f"{prefix}{name} ", sub))
        if not hasattr(command, "commands"):
            found[prefix.strip()] = command
    return found


def test_every_state_dir_option_has_the_same_help() -> None:
    helps = {name: param.help for name, command in _commands().items()
             for param in command.params if "--state-dir" in getattr(param, "opts", ())}
    assert {"plan", "apply", "destroy", "output", "verify", "diagram", "state list",
            "import", "refresh"} <= set(helps)
    assert set(helps.values()) == {STATE_DIR_HELP}, helps


def test_verify_source_is_shown_as_a_choice() -> None:
    result = CliRunner().invoke(app, ["verify", "--help"], env={"COLUMNS": "200"})
    assert "--source" in result.stdout and "[auto|plan|aws]" in result.stdout, result.stdout
