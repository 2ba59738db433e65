"""Time a no-change ``plan`` of a generated stack on the in-process local cloud.

Usage: python scripts/bench_plan.py [--vpcs 40] [--clusters 8] [--parallelism 10] [--json]

Applies the stack ``scripts/gen_topology.py`` makes (every latency at zero), then plans it
twice without changes: once reading each object on its own (handlers' ``read``), once as
plan does (``read_many`` per kind where a handler batches its reads). Prints wall time and
API calls of each, the calls by kind for the batched one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_calls import CallCounter, counted_clients, counting  # noqa: E402
from gen_topology import generated_topology  # noqa: E402

from privnet.engine.backoff import RetryPolicy  # noqa: E402
from privnet.engine.operations import Engine  # noqa: E402
from privnet.engine.state import StateStore  # noqa: E402
from privnet.local.aws import AwsBehaviour  # noqa: E402
from privnet.local.ccloud import EmulatorSettings  # noqa: E402
from privnet.providers.registry import all_handlers  # noqa: E402
from privnet.targets.inprocess import InProcessCloud  # noqa: E402


class OneByOne:
    """A handler that says it does not batch its reads: refresh reads each object alone."""

    reads_in_batches = False

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.kind = inner.kind

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def timed_plan(engine: Engine, counter: CallCounter) -> tuple[float, dict[str, int], bool]:
    counter.reset()
    started = time.perf_counter()
    plan = engine.plan()
    seconds = time.perf_counter() - started
    return seconds, dict(counter.reset()), not plan.has_changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vpcs", type=int, default=40)
    parser.add_argument("--clusters", type=int, default=8)
    parser.add_argument("--parallelism", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        topology = generated_topology(args.vpcs, args.clusters)
        counter = CallCounter()
        handlers = counting(all_handlers(), counter)
        with InProcessCloud(EmulatorSettings.instant(), AwsBehaviour()) as cloud, \
                counted_clients(counter):
            engine = Engine(topology=topology, store=StateStore(topology.stack, Path(tmp)),
                            ctx=cloud.context(topology.stack, topology.region),
                            handlers=handlers,
                            policy=RetryPolicy(base_delay=0.01, max_delay=0.1),
                            parallelism=args.parallelism)
            started = time.perf_counter()
            _, applied = engine.apply()
            apply_seconds = time.perf_counter() - started
            resources = len(engine.store.load().resources)
            engine.handlers = {k: OneByOne(h) for k, h in handlers.items()}
            single_seconds, single_calls, single_clean = timed_plan(engine, counter)
            engine.handlers = handlers
            batch_seconds, batch_calls, batch_clean = timed_plan(engine, counter)
    report = {
        "resources": resources,
        "apply_ok": applied.ok,
        "apply_seconds": round(apply_seconds, 1),
        "plan_one_by_one_seconds": round(single_seconds, 2),
        "plan_one_by_one_api_calls": sum(single_calls.values()),
        "plan_one_by_one_no_changes": single_clean,
        "plan_batched_seconds": round(batch_seconds, 2),
        "plan_batched_api_calls": sum(batch_calls.values()),
        "plan_batched_no_changes": batch_clean,
        "plan_batched_api_calls_by_kind": dict(sorted(batch_calls.items())),
    }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        by_kind = cast(dict[str, int], report.pop("plan_batched_api_calls_by_kind"))
        for key, value in report.items():
            sys.stdout.write(f"{key:<30} {value}\n")
        sys.stdout.write("\nbatched plan, API calls by kind:\n")
        for kind, calls in by_kind.items():
            sys.stdout.write(f"  {kind:<40} {calls}\n")
    return 0 if applied.ok and single_clean and batch_clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
