"""The one place where errors become messages and exit codes.

Every command runs its body through :func:`run_guarded`. A deliberate error
(:class:`~privnet.errors.PrivnetError`) is a one-line message; anything else is a bug in privnet:
a one-line message, a hint to report it, and the traceback only with ``privnet --debug`` (or
``PRIVNET_DEBUG=1``). The
tree the table below maps is drawn in :mod:`privnet.errors`.
"""

from __future__ import annotations

import errno
import os
import sys
import traceback
from collections.abc import Callable, Mapping

import click
import typer
from typer import _click as typer_click

from privnet.errors import (
    CancelledError,
    EngineError,
    PrivnetError,
    ResourceError,
    SpecError,
    TransientError,
    UnreachableError,
)

EXIT_OK = 0
EXIT_FINDINGS = 1
"""Findings or failures: validate findings, verify not as expected, a run that failed."""
EXIT_INPUT = 2
"""Unusable input or environment: a bad file, a stale plan, a locked stack, no credentials."""
EXIT_INTERNAL = 3
"""A bug in privnet: an exception outside the tree."""
EXIT_INTERRUPTED = 130
"""Ctrl-C, as a shell reports SIGINT."""

EXIT_CODES: Mapping[type[BaseException], int] = {
    PrivnetError: EXIT_INPUT,
    SpecError: EXIT_INPUT,
    EngineError: EXIT_INPUT,
    UnreachableError: EXIT_INPUT,
    TransientError: EXIT_FINDINGS,
    ResourceError: EXIT_FINDINGS,
    CancelledError: EXIT_INTERRUPTED,
    KeyboardInterrupt: EXIT_INTERRUPTED,
    Exception: EXIT_INTERNAL,
}
"""Error class -> exit code; an error takes the code of its nearest class in this table."""

DEBUG_VARIABLE = "PRIVNET_DEBUG"
BUG_HINT = ("this is a bug in privnet: please report it with the command, the output of "
            f"`privnet --version` and the traceback (`privnet --debug ...` or {DEBUG_VARIABLE}=1 "
            "shows it)")

_debug = False


def set_debug(enabled: bool) -> None:
    """``privnet --debug``: print the full traceback of an unexpected error."""
    global _debug
    _debug = enabled


def debug_enabled() -> bool:
    """True with ``--debug`` or ``PRIVNET_DEBUG=1``."""
    return _debug or os.environ.get(DEBUG_VARIABLE) == "1"


def exit_code(error: BaseException) -> int:
    """The exit code of ``error``: that of the nearest class of its MRO in :data:`EXIT_CODES`."""
    table = EXIT_CODES
    for cls in type(error).__mro__:
        if cls in table:
            return table[cls]
    return EXIT_INTERNAL


def report(error: BaseException) -> int:
    """Say what went wrong on stderr; return the exit code."""
    code = exit_code(error)
    if isinstance(error, SpecError):
        for problem in error.problems:
            sys.stderr.write(f"error: {problem.render()}\n")
    elif code == EXIT_INTERRUPTED:
        sys.stderr.write(f"interrupted{f': {error}' if str(error) else ''}\n")
    elif code == EXIT_INTERNAL:
        if debug_enabled():
            traceback.print_exception(error, file=sys.stderr)
        first_line = (str(error).splitlines() or [""])[0]
        sys.stderr.write(f"error: unexpected {type(error).__name__}: {first_line}\n"
                         f"{BUG_HINT}\n")
    else:
        sys.stderr.write(f"error: {error}\n")
    return code


EXIT_CLOSED_PIPE = 141
"""stdout was closed by its reader (``privnet rules | head``): 128 + SIGPIPE, as a shell
reports a command that the pipe stopped."""


def run_guarded(action: Callable[[], int]) -> int:
    """Run a command body; every error becomes a message and its exit code."""
    try:
        return action()
    except (typer.Exit, typer.Abort, typer_click.ClickException,
            click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
        raise  # typer's own exits and usage errors keep their codes
    except BrokenPipeError:
        return closed_pipe()
    except OSError as exc:
        if exc.errno not in FULL_OR_BROKEN_DEVICE:
            return report(exc)
        return device_failed(exc)
    except (Exception, KeyboardInterrupt) as exc:
        return report(exc)


FULL_OR_BROKEN_DEVICE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO,
                                   errno.EROFS})
"""Write failures that are the machine's, not privnet's: a full disk (``> /dev/full``), a
quota, a read-only or failing device."""


def device_failed(error: OSError) -> int:
    """Say which write failed and why, as unusable environment (exit 2). stdout goes to
    /dev/null first: the interpreter's last flush of a full stdout would fail again."""
    where = error.filename or "standard output"
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    sys.stderr.write(f"error: cannot write {where}: {error.strerror or error}; free space "
                     "or write elsewhere\n")
    return EXIT_INPUT


def closed_pipe() -> int:
    """The reader of stdout went away: nothing is wrong and nothing more can be said there.
    stdout is pointed at /dev/null so that the interpreter's last flush does not fail too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_CLOSED_PIPE
