"""A project folder with one stack file and the local cloud servers running for it, driven
through the real ``privnet`` command line."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRIVNET = [sys.executable, "-m", "privnet.cli.main"]


def run_privnet(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """One ``privnet`` process in ``cwd``; its output is captured, its exit code returned."""
    return subprocess.run([*PRIVNET, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False)


@contextmanager
def local_project(folder: Path, stack: str) -> Iterator[Path]:
    """``folder`` with ``stack.yaml`` and ``privnet local up --instant``; down on exit."""
    (folder / "stack.yaml").write_text(stack)
    started = run_privnet(["local", "up", "--instant"], folder)
    assert started.returncode == 0, started.stderr
    try:
        yield folder
    finally:
        run_privnet(["local", "down"], folder)
