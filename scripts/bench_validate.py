"""Whole-process wall time of `privnet --help` and `privnet validate` (seed and generated).

Usage: python scripts/bench_validate.py [--runs 5]
Prints one line per case: median and min seconds over the runs.
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


def _time(command: list[str], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    privnet = str(Path(sys.executable).parent / "privnet")
    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "generated-500x100.yaml"
        big.write_text(yaml.safe_dump(generate(500, 100), sort_keys=False))
        cases = [
            ("privnet --help", [privnet, "--help"]),
            ("validate seed example",
             [privnet, "validate", str(ROOT / "examples" / "privatelink-cluster-linking.yaml")]),
            ("validate generated 500 VPCs x 100 clusters", [privnet, "validate", str(big)]),
        ]
        for label, command in cases:
            median, best = _time(command, args.runs)
            print(f"{label:<45} median {median:6.3f} s   min {best:6.3f} s   ({args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
