"""What the benchmark scripts share: their one option, a generated topology, and the timing
of whole `privnet` processes (interpreter start-up and imports included, as a user sees it)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gen_topology import generate

PRIVNET = str(Path(sys.executable).parent / "privnet")
"""The `privnet` entry point of the running virtualenv."""


def runs_argument() -> int:
    """How many times to run each case (``--runs``, default 5)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs: int = parser.parse_args().runs
    return runs


def write_generated(directory: str, vpcs: int, clusters: int) -> Path:
    """A generated topology of ``vpcs`` VPCs and ``clusters`` clusters, saved in ``directory``."""
    import yaml

    path = Path(directory) / f"generated-{vpcs}x{clusters}.yaml"
    path.write_text(yaml.safe_dump(generate(vpcs, clusters), sort_keys=False))
    return path


def time_command(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median and best seconds of ``runs`` whole-process runs, and the last exit code."""
    samples = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), code
