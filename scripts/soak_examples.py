"""Apply and destroy every example many times on the in-process local cloud, each run under
another emulator ordering seed, and report how often each one succeeds.

Usage: python scripts/soak_examples.py --runs N [--examples NAME ...] [--latency-scale X]
       [--seed S] [--parallelism P]

A run is one apply then one destroy of one example on a fresh local cloud (moto + the
Confluent emulator in process, network-faithful data plane on). The emulator answers lists
and endpoint maps in the order of the run's seed (``order_seed = S + run``) and holds slow
objects in their transitional phases for the default latency model scaled by X (default
0.05, so a run takes seconds). A run succeeds when apply and destroy both succeed and nothing
of the stack is left in moto or the emulator. Exit code 1 if any run failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from soak_inventory import aws_leftovers, emulator_leftovers  # noqa: E402

from privnet.engine.backoff import RetryPolicy  # noqa: E402
from privnet.engine.operations import Engine  # noqa: E402
from privnet.engine.state import StateStore  # noqa: E402
from privnet.local.aws import AwsBehaviour  # noqa: E402
from privnet.local.ccloud import EmulatorSettings  # noqa: E402
from privnet.providers.registry import all_handlers  # noqa: E402
from privnet.targets.inprocess import InProcessCloud  # noqa: E402
from privnet.topology import load_spec  # noqa: E402
from privnet.topology.model import Topology  # noqa: E402

EXAMPLES = ROOT / "examples"
POLICY = RetryPolicy(base_delay=0.01, max_delay=0.2, ready_timeout=300.0)
"""Fast polling; a five-minute readiness limit stands in for the real four hours, so a run
stuck on a phase that never ends fails instead of hanging the soak."""


@dataclass
class Tally:
    """Outcomes of one example's runs."""

    runs: int = 0
    successes: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def _failed(outcomes: dict[str, object]) -> list[str]:
    return [f"{address}: {getattr(outcome, 'detail', '')}"
            for address, outcome in sorted(outcomes.items())
            if getattr(outcome, "status", None) != "done"
            and not str(getattr(outcome, "detail", "")).startswith("upstream failed")]


def one_run(topology: Topology, seed: int, scale: float, parallelism: int) -> list[str]:
    """Apply and destroy once; the reasons it failed (empty: it succeeded)."""
    settings = EmulatorSettings(scale=scale, order_seed=seed)
    aws = AwsBehaviour(vpc_endpoint_ready_seconds=2.0 * scale,
                       route53_change_seconds=1.0 * scale)
    with InProcessCloud(settings, aws) as cloud, tempfile.TemporaryDirectory() as tmp:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = Engine(topology=topology, store=StateStore(topology.stack, Path(tmp)),
                        ctx=ctx, handlers=all_handlers(), policy=POLICY,
                        parallelism=parallelism)
        _, applied = engine.apply()
        reasons = [f"apply: {r}" for r in _failed(dict(applied.outcomes))]
        _, destroyed = engine.destroy()
        reasons += [f"destroy: {r}" for r in _failed(dict(destroyed.outcomes))]
        left = {**aws_leftovers(ctx, topology.stack),
                **{f"confluent {k}": v for k, v in emulator_leftovers(cloud.app.state.emulator)
                   .items()}}
        if left:
            reasons.append("left after destroy: " + ", ".join(f"{k}={v}"
                                                              for k, v in sorted(left.items())))
        if engine.store.load().resources:
            reasons.append(f"state not empty: {sorted(engine.store.load().resources)[:3]}")
        return reasons


def soak(paths: list[Path], runs: int, base_seed: int, scale: float,
         parallelism: int) -> dict[str, Tally]:
    tallies = {path.stem: Tally() for path in paths}
    for run in range(runs):
        seed = base_seed + run
        for path in paths:
            tally = tallies[path.stem]
            started = time.monotonic()
            try:
                reasons = one_run(load_spec(path).topology, seed, scale, parallelism)
            except Exception as exc:  # a crash is a failed run with its reason, not the end
                reasons = [f"crashed: {type(exc).__name__}: {exc}"]
            tally.seconds += time.monotonic() - started
            tally.runs += 1
            if reasons:
                tally.reasons.update(f"[seed {seed}] {r}"[:300] for r in reasons)
            else:
                tally.successes += 1
            status = "ok" if not reasons else f"FAILED ({len(reasons)} reasons)"
            print(f"run {run + 1}/{runs} seed {seed} {path.stem}: {status}", flush=True)
    return tallies


def report(tallies: dict[str, Tally]) -> bool:
    """Print per example successes/runs and failure reasons; True when all succeeded."""
    print()
    width = max(len(name) for name in tallies)
    for name, tally in tallies.items():
        average = tally.seconds / tally.runs if tally.runs else 0.0
        print(f"{name:<{width}}  {tally.successes}/{tally.runs}  ({average:.1f} s per run)")
        for reason, count in tally.reasons.most_common():
            print(f"    {count}x {reason}")
    return all(t.successes == t.runs for t in tallies.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, required=True)
    parser.add_argument("--examples", nargs="*", default=None,
                        help="example names or files (default: every examples/*.yaml)")
    parser.add_argument("--latency-scale", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1, help="ordering seed of the first run")
    parser.add_argument("--parallelism", type=int, default=10)
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    paths = sorted(EXAMPLES.glob("*.yaml"))
    if args.examples:
        wanted = {Path(name).stem for name in args.examples}
        paths = [p for p in paths if p.stem in wanted]
        unknown = wanted - {p.stem for p in paths}
        if unknown:
            parser.error(f"unknown examples: {', '.join(sorted(unknown))}")
    return 0 if report(soak(paths, args.runs, args.seed, args.latency_scale,
                            args.parallelism)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
