"""Whole-process wall time of `privnet verify` in plan mode (seed example and generated).

Usage: python scripts/bench_verify.py [--runs 5]
Prints one line per case: median and min seconds over the runs, and the exit code (0 means
every path was reachable as expected). Targets: seed under 1 s, 200 VPCs x 20 clusters
under 5 s.
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
        big = write_generated(tmp, 200, 20)
        cases = [
            ("verify seed example (plan)",
             [privnet, "verify", str(ROOT / "examples" / "privatelink-cluster-linking.yaml")]),
            ("verify generated 200 VPCs x 20 clusters (plan)", [privnet, "verify", str(big)]),
        ]
        for label, command in cases:
            median, best, code = time_command(command, runs)
            print(f"{label:<48} median {median:6.3f} s   min {best:6.3f} s   "
                  f"exit {code}   ({runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
