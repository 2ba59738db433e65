"""Whole-process wall time of `privnet --help` and `privnet validate` (seed and generated).

Usage: python scripts/bench_validate.py [--runs 5]
Prints one line per case: median and min seconds over the runs.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_timing import PRIVNET, runs_argument, time_command, write_generated  # noqa: E402


def main() -> int:
    runs = runs_argument()
    privnet = PRIVNET
    with tempfile.TemporaryDirectory() as tmp:
        big = write_generated(tmp, 500, 100)
        cases = [
            ("privnet --help", [privnet, "--help"]),
            ("validate seed example",
             [privnet, "validate", str(ROOT / "examples" / "privatelink-cluster-linking.yaml")]),
            ("validate generated 500 VPCs x 100 clusters", [privnet, "validate", str(big)]),
        ]
        for label, command in cases:
            median, best, _ = time_command(command, runs)
            print(f"{label:<45} median {median:6.3f} s   min {best:6.3f} s   ({runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
