"""Apply and destroy an example while both local clouds fail a share of all calls, and report
how many runs each needed and whether anything was duplicated or left behind.

Usage: python scripts/soak_faults.py [--example NAME] [--rate 0.5] [--seeds 5]
       [--max-runs 3] [--first-seed 1]

For each seed, a fresh in-process local cloud (moto + the Confluent emulator, network-faithful
data plane on) fails each call at ``--rate`` with the clouds' own throttling and 5xx answers
(seeded, so a seed repeats its faults). ``apply`` is run again until it succeeds, at most
``--max-runs`` times, as a user would; then the stack's objects are counted and compared with
a fault-free apply of the same example (a duplicate shows as a higher count); then ``destroy``
is run the same way and whatever of the stack is left in either cloud is counted. Exit code 1
when a seed did not converge, duplicated or left something.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from botocore.exceptions import ClientError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from soak_inventory import aws_leftovers, emulator_leftovers  # noqa: E402

from privnet.engine.backoff import RetryPolicy  # noqa: E402
from privnet.engine.operations import Engine  # noqa: E402
from privnet.engine.state import StateStore  # noqa: E402
from privnet.errors import PrivnetError  # noqa: E402
from privnet.local.aws import AwsBehaviour  # noqa: E402
from privnet.local.ccloud import EmulatorSettings  # noqa: E402
from privnet.providers.registry import all_handlers  # noqa: E402
from privnet.targets.context import CloudContext  # noqa: E402
from privnet.targets.inprocess import InProcessCloud  # noqa: E402
from privnet.topology import load_spec  # noqa: E402
from privnet.topology.model import Topology  # noqa: E402

COUNT_ATTEMPTS = 200
POLICY = RetryPolicy(base_delay=0.001, max_delay=0.01, ready_timeout=300.0)
"""Fast retries: the faults are drawn per call, so waiting longer changes nothing locally."""


@dataclass
class SeedResult:
    """What one seed needed and what it left."""

    seed: int
    apply_runs: int = 0
    applied: bool = False
    destroy_runs: int = 0
    destroyed: bool = False
    extra: dict[str, int] = field(default_factory=dict)
    left: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.applied and self.destroyed and not self.extra and not self.left


def inventory(cloud: InProcessCloud, ctx: CloudContext, stack: str) -> dict[str, int]:
    """The stack's live objects in both clouds, by type. The counting calls meet the same
    faults, so a throttled count is simply taken again."""
    emulator = emulator_leftovers(cloud.app.state.emulator)
    for _ in range(COUNT_ATTEMPTS):
        try:
            aws = aws_leftovers(ctx, stack)
        except ClientError:
            continue
        return {**aws, **{f"confluent {k}": v for k, v in emulator.items()}}
    raise SystemExit(f"could not count the stack's AWS objects in {COUNT_ATTEMPTS} attempts")


def engine_for(topology: Topology, ctx: CloudContext, folder: Path) -> Engine:
    return Engine(topology=topology, store=StateStore(topology.stack, folder), ctx=ctx,
                  handlers=all_handlers(), policy=POLICY)


def reference(topology: Topology) -> dict[str, int]:
    """The objects a fault-free apply makes."""
    with InProcessCloud(EmulatorSettings.instant()) as cloud, \
            tempfile.TemporaryDirectory() as tmp:
        ctx = cloud.context(topology.stack, topology.region, topology)
        _, result = engine_for(topology, ctx, Path(tmp)).apply()
        if not result.ok:
            raise SystemExit(f"the fault-free apply failed: {result.problems()[:3]}")
        return inventory(cloud, ctx, topology.stack)


def attempt(run: Callable[[], bool]) -> bool:
    """One run as the CLI makes it: an error that ends it early (a refresh read still
    throttled after every retry) is a failed run, and the user runs the command again."""
    try:
        return run()
    except PrivnetError as exc:
        print(f"    run ended early: {exc}"[:200], flush=True)
        return False


def one_seed(topology: Topology, seed: int, rate: float, max_runs: int,
             expected: dict[str, int]) -> SeedResult:
    outcome = SeedResult(seed)
    started = time.monotonic()
    settings = EmulatorSettings.instant(fault_rate=rate, seed=seed)
    aws = AwsBehaviour(fault_rate=rate, fault_seed=seed)
    with InProcessCloud(settings, aws) as cloud, tempfile.TemporaryDirectory() as tmp:
        ctx = cloud.context(topology.stack, topology.region, topology)
        while outcome.apply_runs < max_runs and not outcome.applied:
            outcome.apply_runs += 1
            outcome.applied = attempt(lambda: engine_for(topology, ctx, Path(tmp)).apply()[1].ok)
        made = inventory(cloud, ctx, topology.stack)
        outcome.extra = {k: made[k] - expected.get(k, 0) for k in made
                         if made[k] > expected.get(k, 0)}
        while outcome.destroy_runs < max_runs and not outcome.destroyed:
            outcome.destroy_runs += 1
            outcome.destroyed = attempt(
                lambda: engine_for(topology, ctx, Path(tmp)).destroy()[1].ok)
        outcome.left = inventory(cloud, ctx, topology.stack)
    outcome.seconds = time.monotonic() - started
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="privatelink-cluster-linking")
    parser.add_argument("--rate", type=float, default=0.5)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--max-runs", type=int, default=3)
    args = parser.parse_args(argv)
    path = ROOT / "examples" / f"{args.example}.yaml"
    if not path.is_file():
        parser.error(f"no example {path}")
    if not 0.0 <= args.rate < 1.0 or args.seeds < 1 or args.max_runs < 1:
        parser.error("--rate must be in [0, 1), --seeds and --max-runs at least 1")
    topology = load_spec(path).topology
    expected = reference(topology)
    print(f"{args.example}: {sum(expected.values())} objects when applied without faults; "
          f"fault rate {args.rate:.0%} on both clouds, at most {args.max_runs} runs each")
    results = []
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        result = one_seed(topology, seed, args.rate, args.max_runs, expected)
        results.append(result)
        print(f"seed {seed}: apply {'converged' if result.applied else 'did NOT converge'} "
              f"in {result.apply_runs} run(s), destroy "
              f"{'done' if result.destroyed else 'NOT done'} in {result.destroy_runs} run(s), "
              f"duplicates {result.extra or 'none'}, left {result.left or 'nothing'} "
              f"({result.seconds:.0f} s)", flush=True)
    good = sum(r.ok for r in results)
    print(f"{good}/{len(results)} seeds converged, with no duplicate and nothing left")
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
