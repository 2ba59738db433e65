"""``privnet ... | head``: a reader that closes stdout early is not a bug in privnet (it was
reported as one, exit 3 with a bug hint); the command stops quietly with 141, as a shell
reports a command stopped by SIGPIPE."""

from __future__ import annotations

import subprocess
import sys

from privnet.cli.errors import EXIT_CLOSED_PIPE

WRITES_A_LOT = """
import sys
from privnet.cli.errors import run_guarded

def action() -> int:
    for _ in range(100_000):
        sys.stdout.write("x" * 99 + "\\n")
    return 0

sys.exit(run_guarded(action))
"""


def test_a_closed_stdout_is_a_quiet_exit_141() -> None:
    process = subprocess.Popen([sys.executable, "-c", WRITES_A_LOT], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100) == b"x" * 99 + b"\n"
    process.stdout.close()  # what `| head -1` does once it has its line
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) == EXIT_CLOSED_PIPE
    assert error == ""  # no "bug in privnet", no "Exception ignored" at shutdown
