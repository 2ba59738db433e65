"""``privnet ... > /dev/full``: a write the machine refuses (full disk, quota, read-only or
failing device) is not a bug in privnet (it was reported as one, exit 3 with a bug hint): one
line saying which write failed, exit 2 as for any unusable environment, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("argv", [
    ["--version"], ["rules"], ["validate", str(EXAMPLES / "pni.yaml")],
    ["validate", str(EXAMPLES / "pni.yaml"), "--format", "json"], ["completion", "bash"]])
def test_a_full_stdout_is_exit_2_with_one_line(argv: list[str]) -> None:
    with FULL.open("w") as full:
        done = subprocess.run([sys.executable, "-m", "privnet.cli.main", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120, check=False,
                              env={**os.environ, "PRIVNET_DEBUG": "0"})
    assert done.returncode == 2, done.stderr
    assert done.stderr == ("error: cannot write standard output: No space left on device; "
                           "free space or write elsewhere\n")
