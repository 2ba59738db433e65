"""What recording one resource costs as the state grows: whole-state write vs journal put.

Usage: python scripts/bench_state.py [--sizes 100 1000 10000] [--dir DIR] [--json]

For each size N, a state of N realistic records is written once, then more records are
recorded on top of it, the old way (``StateStore.write``: serialise everything, copy the
backup, fsync) and the new way (``StateStore.put``: one synced journal line). A put also pays,
amortised, for the compactions the store makes (a whole-state write every so many appends,
see ``COMPACT_AFTER_LINES``): that share is measured from one timed compaction and the
policy's interval, and included in the figures. Bytes are those written to disk per record
(a whole-state write writes the state and its backup copy).

``--dir``: where the stack directory goes (default: a temporary directory; fsync costs what
the file system there makes it cost, so run it on the disk the state lives on).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from privnet.engine import state as state_module  # noqa: E402
from privnet.engine.state import ResourceState, State, StateStore  # noqa: E402


@dataclass
class Row:
    records: int
    state_bytes: int
    write_ms: float
    write_bytes: int
    put_ms: float
    put_bytes: int
    compaction_every: int


def _record(n: int) -> ResourceState:
    """A record the size of a typical route or subnet: ids, an ARN, a few properties."""
    return ResourceState(
        "aws.route",
        {"id": f"rtb-{n:017x}_10.{n % 256}.{n // 256 % 256}.0/24",
         "route_table_id": f"rtb-{n:017x}", "arn": f"arn:aws:ec2:us-east-1:123456789012:"
         f"route-table/rtb-{n:017x}"},
        properties_hash=f"{n:064x}",
        properties={"route_table": f"rtb-{n:017x}", "destination": f"10.{n % 256}.0.0/16",
                    "transit_gateway": "tgw-0123456789abcdef0", "tags": {"privnet:stack": "b"}},
        dependencies=[f"aws.route_table.vpc{n % 200}.main", "aws.tgw_attachment.hub"])


def _state(size: int) -> State:
    return State(stack="bench", lineage="bench-lineage",
                 resources={f"aws.route.r{n}": _record(n) for n in range(size)})


def _measure(size: int, directory: Path, repeats: int) -> Row:
    store = StateStore("bench", directory / f"n{size}")
    state = _state(size)
    store.write(state)
    state_bytes = store.path.stat().st_size

    writes = max(3, min(repeats, 50_000 // size))
    started = time.perf_counter()
    for n in range(writes):
        state.resources[f"aws.route.r{n}"] = _record(n + size)
        store.write(state)
    write_ms = (time.perf_counter() - started) * 1000 / writes

    puts = repeats
    store.compact(state)
    os.sync()  # the backup copies above are flushed now, not by the first timed fsync
    started = time.perf_counter()
    for n in range(puts):
        address = f"aws.route.r{n % size}"
        state.resources[address] = _record(n + 2 * size)
        store.put(state, address)
    append_ms = (time.perf_counter() - started) * 1000 / puts
    line_bytes = store.journal.size / max(1, store.journal.lines)
    started = time.perf_counter()
    store.compact(state)
    os.sync()  # its unsynced backup copy is its cost too
    compact_ms = (time.perf_counter() - started) * 1000
    every = max(state_module.COMPACT_AFTER_LINES, math.ceil(state_bytes / line_bytes))
    return Row(records=size, state_bytes=state_bytes, write_ms=write_ms,
               write_bytes=2 * state_bytes, put_ms=append_ms + compact_ms / every,
               put_bytes=round(line_bytes + 2 * state_bytes / every), compaction_every=every)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--repeats", type=int, default=300,
                        help="records recorded per measurement (whole-state writes: fewer "
                             "at large sizes)")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as root:
        rows = [_measure(size, Path(root), args.repeats) for size in args.sizes]
    if args.json:
        print(json.dumps([asdict(r) for r in rows], indent=2))
        return 0
    print(f"{'records':>8} {'state':>10} {'write() ms':>11} {'B/record':>10} "
          f"{'put() ms':>9} {'B/record':>9} {'compact every':>14}")
    for r in rows:
        print(f"{r.records:>8,} {r.state_bytes:>10,} {r.write_ms:>11.2f} {r.write_bytes:>10,} "
              f"{r.put_ms:>9.3f} {r.put_bytes:>9,} {r.compaction_every:>14,}")
    first, last = rows[0], rows[-1]
    print(f"\nfrom {first.records:,} to {last.records:,} records: write() "
          f"x{last.write_ms / first.write_ms:.1f} per record, put() "
          f"x{last.put_ms / first.put_ms:.1f} (amortised compaction included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
