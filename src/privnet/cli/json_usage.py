"""A usage error (an unknown option, ``--parallelism abc``) stays one JSON document on stdout
when the command line asks for ``--format json``.

click reports such errors itself, before any command body (and so before
:func:`~privnet.cli.json_exact.json_exact`) runs: on stderr only, leaving a tool that parses
stdout with nothing. The group below lets click parse without exiting, prints click's message
on stderr as usual and, when JSON was asked for, the error document on stdout too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import ClickException, UsageError
from typer.core import TyperGroup

USAGE_ERROR_TYPE = "UsageError"


def asks_for_json(argv: Sequence[str]) -> bool:
    """Whether ``argv`` carries ``--format json`` or ``--format=json`` (before a ``--``)."""
    for index, arg in enumerate(argv):
        if arg == "--":
            return False
        if arg == "--format=json" or (arg == "--format" and argv[index + 1:index + 2] == ["json"]):
            return True
    return False


def usage_error_document(error: UsageError) -> dict[str, Any]:
    """The document of ``json_exact``'s errors, for a command line click refused."""
    return {"error": {"type": USAGE_ERROR_TYPE, "message": error.format_message(),
                      "exit_code": error.exit_code},
            "findings": []}


class JsonUsageErrorsGroup(TyperGroup):
    """A group that reports click's usage errors itself: plainly (typer words a bad choice as
    pydantic does, "Value error, ..."), and also as the JSON error document when the command
    line asks for JSON."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:  # a caller that handles click's errors itself
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        try:
            code = super().main(argv, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except UsageError as exc:
            plain_message(exc)
            self._show(exc)
            if asks_for_json(argv):
                sys.stdout.write(json.dumps(usage_error_document(exc), indent=2) + "\n")
                sys.stdout.flush()
            sys.exit(exc.exit_code)
        except ClickException as exc:
            self._show(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def _show(self, error: ClickException) -> None:
        """On stderr, as typer shows it in standalone mode."""
        from typer import core

        if core.HAS_RICH and self.rich_markup_mode is not None:
            from typer import rich_utils

            rich_utils.rich_format_error(error)
        else:
            error.show()


PYDANTIC_PREFIX = "Value error, "


def plain_message(error: UsageError) -> None:
    """``'powershell' is not one of 'bash', 'zsh', 'fish'.``, as click words it, without the
    prefix of the pydantic validator typer checks choices with."""
    if error.message.startswith(PYDANTIC_PREFIX):
        error.message = error.message[len(PYDANTIC_PREFIX):]
