"""Whole-process wall time of `privnet verify` in plan mode (seed example and generated).

Usage: python scripts/bench_verify.py [--runs 5]
Prints one line per case: median and min seconds over the runs, and the exit code (0 means
every path was reachable as expected). Targets: seed under 1 s, 200 VPCs x 20 clusters
under 5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from gen_topology import generate  # noqa: E402


def _time(command: list[str], runs: int) -> tuple[float, float, int]:
    samples = []
    code = 0
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(command, capture_output=True, check=False).returncode
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples), code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    privnet = str(Path(sys.executable).parent / "privnet")
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "generated-200x20.yaml"
        big.write_text(yaml.safe_dump(generate(200, 20), sort_keys=False))
        cases = [
            ("verify seed example (plan)",
             [privnet, "verify", str(ROOT / "examples" / "privatelink-cluster-linking.yaml")]),
            ("verify generated 200 VPCs x 20 clusters (plan)", [privnet, "verify", str(big)]),
        ]
        for label, command in cases:
            median, best, code = _time(command, args.runs)
            print(f"{label:<48} median {median:6.3f} s   min {best:6.3f} s   "
                  f"exit {code}   ({args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
