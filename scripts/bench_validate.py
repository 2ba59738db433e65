"""Whole-process wall time of `privnet --help` and `privnet validate` (seed and generated),
and the cost of the worst case for findings (1,000 VPCs on one CIDR).

Usage: python scripts/bench_validate.py [--runs 5]
Prints one line per case: median and min seconds over the runs; for the worst case, the
seconds, peak memory and JSON output size of one run.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_timing import (  # noqa: E402
    PRIVNET,
    measure_once,
    runs_argument,
    time_command,
    write_generated,
    write_one_cidr,
)


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
        crowded = write_one_cidr(tmp, 1000)
        seconds, peak, size = measure_once([privnet, "validate", "--format", "json",
                                            str(crowded)])
        print(f"{'validate --format json 1,000 VPCs on one CIDR':<45} {seconds:6.3f} s   "
              f"peak {peak:6.0f} MiB   output {size / 1024:8.1f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
