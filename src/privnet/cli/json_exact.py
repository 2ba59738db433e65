"""``--format json`` stays one JSON document on stdout even when the command fails.

A command body that raises (a missing or unreadable file, a topology the rules refuse, a bug)
prints, instead of its result, ``{"error": {type, message, exit_code}, "findings": [...]}``
(:func:`privnet.render.error_document.error_document`); the message also goes to stderr as
in text mode, and the exit code is the one :mod:`privnet.cli.errors` gives the error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import click
import typer
from typer import _click as typer_click

from privnet.cli.errors import EXIT_FINDINGS, report
from privnet.errors import PrivnetError

JSON = "json"


def json_exact(body: Callable[[], int], output: str, detailed_exitcode: bool = False) -> int:
    """Run ``body``; with ``output == "json"`` an error becomes the one document on stdout.
    ``detailed_exitcode`` (``plan``): a deliberate error exits 1, as 2 means "changes"."""
    if output != JSON:
        return body()
    try:
        return body()
    except (typer.Exit, typer.Abort, typer_click.ClickException,
            click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
        raise
    except (Exception, KeyboardInterrupt) as exc:
        from privnet.cli.checked_topology import TopologyRejected
        from privnet.render.error_document import error_document

        code = report(exc)
        if detailed_exitcode and isinstance(exc, PrivnetError):
            code = EXIT_FINDINGS
        findings = exc.findings if isinstance(exc, TopologyRejected) else ()
        sys.stdout.write(json.dumps(error_document(exc, code, findings), indent=2) + "\n")
        sys.stdout.flush()
        return code
