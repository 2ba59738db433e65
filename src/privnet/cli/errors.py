"""The one place where errors become messages and exit codes (never a traceback)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from privnet.errors import PrivnetError, SpecError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


def run_guarded(action: Callable[[], int]) -> int:
    """Run a command body; map privnet errors to messages and exit codes."""
    try:
        return action()
    except SpecError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"error: {problem.render()}\n")
        return EXIT_INPUT
    except PrivnetError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
