"""Every command's ``--help`` reads as plain help: no typer type labels (``<bool>``,
``<list[Path]>``), no braces around arguments (``{file}``), and a one-line description."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import typer.main
from typer import _click as click
from typer.core import TyperGroup
from typer.testing import CliRunner

from privnet.cli.main import app

ARTEFACTS = re.compile(
    r"<(?:bool|int|float|str|path|file|dir|list\[[^\]]*\]|[a-z]+ range|[\w-]+(?:\|[\w-]+)+)>"
    r"(?!/)|\{[a-z_]+\}")
"""Typer's annotation labels and its braces around required arguments (a ``<dir>/`` in a
help sentence is a path template, not a label)."""


def _commands(command: click.Command, path: tuple[str, ...] = ()
              ) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in sorted(command.commands.items()):
            if not sub.hidden:
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


def test_the_walk_finds_every_command() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"", "plan", "apply", "validate", "verify", "diagram", "local", "local up",
            "completion", "version"} <= names


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(p) or "privnet" for p, _ in COMMANDS])
def test_help_has_no_placeholder_artefacts(path: tuple[str, ...], command: click.Command,
                                           columns: str) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    assert "Usage: privnet" in result.output
    found = ARTEFACTS.findall(result.output)
    assert not found, f"privnet {' '.join(path)} --help shows {found}:\n{result.output}"


@pytest.mark.parametrize(("path", "command"), COMMANDS[1:],
                         ids=[" ".join(p) for p, _ in COMMANDS[1:]])
def test_every_command_has_a_one_line_description(path: tuple[str, ...],
                                                  command: click.Command) -> None:
    summary = command.get_short_help_str(limit=200)
    assert summary and "\n" not in summary, path
    parent = CliRunner().invoke(app, [*path[:-1], "--help"], env={"COLUMNS": "200"})
    listed = [line for line in parent.output.splitlines()
              if line.strip("│ ").startswith(f"{path[-1]} ")]
    assert listed and summary.split()[0] in listed[0], parent.output


def test_the_artefact_pattern_catches_what_typer_prints() -> None:
    """The check is not vacuous: typer's own labels match it."""
    for sample in ("--help <bool>", "files... <list[Path]>", "Usage: x {file}", "<text|json>",
                   "<float range>", "<path>", "--dir <dir>  Project"):
        assert ARTEFACTS.search(sample), sample
    for clean in ("FILE...", "[text|json]", "INTEGER", "STACK/state.json", "[FILE]",
                  "(<dir>/<stack>/state.json)"):
        assert not ARTEFACTS.search(clean), clean
