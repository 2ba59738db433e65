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


def write_one_cidr(directory: str, vpcs: int) -> Path:
    """A generated topology of ``vpcs`` VPCs all on 10.0.0.0/20 (every pair overlaps): the
    worst case of the overlap rule, which once reported one finding per pair."""
    import yaml

    data = generate(vpcs, 1)
    for vpc in data["aws"]["vpcs"]:
        vpc["cidr"] = "10.0.0.0/20"
        for number, subnet in enumerate(vpc["subnets"]):
            subnet["cidr"] = f"10.0.{number}.0/24"
    path = Path(directory) / f"one-cidr-{vpcs}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


PEAK_REPORTER = """
import atexit, sys
def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    sys.stderr.write(f"\\nVmHWM {peak}\\n")
atexit.register(report)
sys.argv[0] = "privnet"
from privnet.cli.main import main
main()
"""
"""Runs privnet and, at exit, writes its own peak resident size (VmHWM, kB) on stderr: the
rusage of a child keeps the figure of the parent it was forked from across exec, so the
child has to say it."""


def measure_once(command: list[str], python: str = sys.executable,
                 source: str | None = None) -> tuple[float, float, int]:
    """Seconds, peak resident memory (MiB) and stdout bytes of one ``privnet`` run with the
    arguments ``command[1:]`` (``source``: another tree's ``src`` to import privnet from)."""
    prelude = f"import sys; sys.path.insert(0, {source!r})\n" if source else ""
    start = time.perf_counter()
    done = subprocess.run([python, "-c", prelude + PEAK_REPORTER, *command[1:]],
                          capture_output=True, check=False)
    seconds = time.perf_counter() - start
    peak_kib = int(done.stderr.decode().rsplit("VmHWM ", 1)[1].split()[0])
    return seconds, peak_kib / 1024, len(done.stdout)


def time_command(command: list[str], runs: int) -> tuple[float, float, int]:
    """Median and best seconds of ``runs`` whole-process runs, and the last exit code."""
    samples = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), code
