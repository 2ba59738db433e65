"""Apply and destroy the seed example on the in-process local cloud with modelled latencies.

Usage: python scripts/bench_engine.py [--scale 0.5] [--parallelism 10] [--json]
       python scripts/bench_engine.py --vpcs 42 --clusters 8 [--parallelism 10] [--json]
       python scripts/bench_engine.py --sizes [--parallelism 10] [--json]

The emulator and the local AWS hold each slow resource in its transitional phase for a
modelled time (clusters, PrivateLink, endpoints, Route 53 changes...). No schedule can beat
the longest chain of those latencies through the dependency graph (the critical path), so
the figure of merit is apply wall time / critical path: close to 1 means the engine waits
on nothing but real readiness. The zero-latency apply time is printed too: it is the cost of
the calls themselves (moto and the emulator run in this process, on the same CPUs), which
the latency-bound run pays on top of the critical path.

``--vpcs N --clusters M`` measures scale instead: a stack from ``scripts/gen_topology.py``
applied, planned again with nothing to change, and destroyed, every latency at zero
(``EmulatorSettings.instant()``, the local AWS without delays), so what is timed is the
engine and the in-process clouds. ``--sizes`` runs the three sizes of the benchmark page
(about 300, 1,000 and 3,000 resources after route merging), each in a fresh process so
that its peak memory is its own: peak memory is the process's maximum resident set size
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``), which includes the in-process clouds.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_calls import ENGINE, CallCounter, counted_clients, counting  # noqa: E402
from gen_topology import generate, generated_topology  # noqa: E402

from privnet.engine.backoff import RetryPolicy  # noqa: E402
from privnet.engine.operations import Engine  # noqa: E402
from privnet.engine.state import StateStore  # noqa: E402
from privnet.local.aws import AwsBehaviour  # noqa: E402
from privnet.local.ccloud import EmulatorSettings  # noqa: E402
from privnet.providers.registry import all_handlers  # noqa: E402
from privnet.resources.kinds import aws_names as names  # noqa: E402
from privnet.resources.kinds import confluent_control as cc  # noqa: E402
from privnet.resources.kinds import confluent_data as cd  # noqa: E402
from privnet.resources.kinds import confluent_network as cn  # noqa: E402
from privnet.resources.kinds.aws_network import VPC_ENDPOINT  # noqa: E402
from privnet.resources.model import ResourceGraph  # noqa: E402
from privnet.targets.inprocess import InProcessCloud  # noqa: E402
from privnet.topology import load_spec  # noqa: E402
from privnet.topology.model import Topology  # noqa: E402

EXAMPLE = ROOT / "examples" / "privatelink-cluster-linking.yaml"
SIZES = ((12, 3), (42, 8), (130, 16))
"""(workload VPCs, clusters) compiling to about 300, 1,000 and 3,000 resources."""

EMULATOR_LATENCY_KEY = {
    cc.CLUSTER.name: "cluster",
    cn.PLATT.name: "platt",
    cn.PLATT_CONNECTION.name: "platt_connection",
    cn.INGRESS_GATEWAY.name: "gateway",
    cn.PNI_GATEWAY.name: "gateway",
    cn.INGRESS_ACCESS_POINT.name: "access_point",
    cn.PNI_ACCESS_POINT.name: "access_point",
    cc.API_KEY.name: "api_key_sync",  # a key is ready once it has synced
    cc.CONNECTOR.name: "connector",
    cc.COMPUTE_POOL.name: "compute_pool",
    cd.MIRROR.name: "mirror",
}
ROUTE53_CHANGE_KINDS = {names.ZONE.name, names.ZONE_ASSOCIATION.name, names.RECORD.name}


def node_latency(kind: str, settings: EmulatorSettings, aws: AwsBehaviour) -> float:
    """The modelled time a resource of ``kind`` takes to become ready after its create."""
    if kind in EMULATOR_LATENCY_KEY:
        return settings.latency(EMULATOR_LATENCY_KEY[kind])
    if kind == VPC_ENDPOINT.name:
        return aws.vpc_endpoint_ready_seconds
    if kind in ROUTE53_CHANGE_KINDS:
        return aws.route53_change_seconds
    return 0.0


def critical_path(graph: ResourceGraph, settings: EmulatorSettings,
                  aws: AwsBehaviour) -> tuple[float, list[str]]:
    """Longest latency-weighted chain through the graph, and its addresses."""
    finish: dict[str, float] = {}
    via: dict[str, str | None] = {}
    for address in graph.topological_order():
        deps = graph.dependencies(address)
        before = max(deps, key=lambda d: finish[d], default=None)
        start = finish[before] if before else 0.0
        finish[address] = start + node_latency(graph.resources[address].kind, settings, aws)
        via[address] = before
    end = max(finish, key=lambda a: finish[a])
    chain: list[str] = []
    cursor: str | None = end
    while cursor is not None:
        chain.append(cursor)
        cursor = via[cursor]
    return finish[end], list(reversed(chain))


def timed_apply(topology: Topology, settings: EmulatorSettings, aws: AwsBehaviour,
                parallelism: int) -> float:
    """Apply wall time with every latency at zero: the cost of the calls themselves."""
    with InProcessCloud(settings, aws) as cloud, tempfile.TemporaryDirectory() as tmp:
        engine = Engine(topology=topology, store=StateStore(topology.stack, Path(tmp)),
                        ctx=cloud.context(topology.stack, topology.region),
                        handlers=all_handlers(), policy=RetryPolicy(base_delay=0.01, max_delay=0.1),
                        parallelism=parallelism)
        started = time.perf_counter()
        engine.apply()
        return time.perf_counter() - started


def measure_generated(vpcs: int, clusters: int, parallelism: int) -> dict[str, object]:
    """Apply, no-change plan and destroy of a generated stack at zero latency."""
    topology = generated_topology(vpcs, clusters)
    counter = CallCounter()
    times: dict[str, float] = {}
    calls: dict[str, int] = {}
    with InProcessCloud(EmulatorSettings.instant(), AwsBehaviour()) as cloud, \
            tempfile.TemporaryDirectory() as tmp, counted_clients(counter):
        engine = Engine(topology=topology, store=StateStore(topology.stack, Path(tmp)),
                        ctx=cloud.context(topology.stack, topology.region),
                        handlers=counting(all_handlers(), counter),
                        policy=RetryPolicy(base_delay=0.01, max_delay=0.1),
                        parallelism=parallelism)
        resources = len(engine.graph().resources)
        counter.reset()
        started = time.perf_counter()
        _, applied = engine.apply()
        times["apply"], calls["apply"] = time.perf_counter() - started, _taken(counter)
        started = time.perf_counter()
        plan = engine.plan()
        times["plan"], calls["plan"] = time.perf_counter() - started, _taken(counter)
        started = time.perf_counter()
        _, destroyed = engine.destroy()
        times["destroy"], calls["destroy"] = time.perf_counter() - started, _taken(counter)
    report: dict[str, object] = {"vpcs": vpcs, "clusters": clusters, "resources": resources,
                                 "parallelism": parallelism}
    for phase in ("apply", "plan", "destroy"):
        report[f"{phase}_seconds"] = round(times[phase], 2)
        report[f"{phase}_ms_per_resource"] = round(1000 * times[phase] / resources, 1)
        report[f"{phase}_api_calls_per_resource"] = round(calls[phase] / resources, 2)
    report.update({
        "plan_changes": len(plan.actionable),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "apply_ok": applied.ok, "destroy_ok": destroyed.ok,
        "problems": [*applied.problems()[:5], *destroyed.problems()[:5]],
    })
    return report


def _taken(counter: CallCounter) -> int:
    """API calls counted since the last reset (all kinds and the engine's own reads)."""
    return sum(counter.reset().values())


def _sizes(parallelism: int) -> list[dict[str, object]]:
    """Each size in its own process: a fresh peak memory and no warm caches carried over."""
    rows = []
    for vpcs, clusters in SIZES:
        done = subprocess.run(
            [sys.executable, __file__, "--vpcs", str(vpcs), "--clusters", str(clusters),
             "--parallelism", str(parallelism), "--json"],
            capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1) or not done.stdout.strip():
            sys.stderr.write(done.stderr)
            raise SystemExit(f"the {vpcs} x {clusters} run failed (exit {done.returncode})")
        rows.append(json.loads(done.stdout))
    return rows


def _print_rows(rows: list[dict[str, object]]) -> None:
    columns = ("resources", "apply s", "plan s", "destroy s", "apply ms/r", "plan ms/r",
               "destroy ms/r", "apply calls/r", "plan calls/r", "destroy calls/r",
               "peak RSS MiB")
    keys = ("resources", "apply_seconds", "plan_seconds", "destroy_seconds",
            "apply_ms_per_resource", "plan_ms_per_resource", "destroy_ms_per_resource",
            "apply_api_calls_per_resource", "plan_api_calls_per_resource",
            "destroy_api_calls_per_resource", "peak_rss_mib")
    sys.stdout.write("VPCs x clusters  " + "  ".join(f"{c:>13}" for c in columns) + "\n")
    for row in rows:
        size = f"{row['vpcs']} x {row['clusters']}"
        sys.stdout.write(f"{size:<16} " + "  ".join(f"{row[k]!s:>13}" for k in keys) + "\n")
    failed = [r for r in rows if not (r["apply_ok"] and r["destroy_ok"]) or r["plan_changes"]]
    for row in failed:
        sys.stdout.write(f"{row['vpcs']} x {row['clusters']}: apply ok {row['apply_ok']}, "
                         f"destroy ok {row['destroy_ok']}, no-change plan showed "
                         f"{row['plan_changes']} changes\n")
        for line in row.get("problems") or []:  # type: ignore[attr-defined]
            sys.stdout.write(f"  {line}\n")


def _scale(args: argparse.Namespace) -> int:
    if args.sizes:
        rows = _sizes(args.parallelism)
    else:
        rows = [measure_generated(args.vpcs, args.clusters, args.parallelism)]
    if args.json:
        sys.stdout.write(json.dumps(rows if args.sizes else rows[0], indent=2) + "\n")
    else:
        _print_rows(rows)
    ok = all(r["apply_ok"] and r["destroy_ok"] and not r["plan_changes"] for r in rows)
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.5,
                        help="multiplier of the emulator's default latencies")
    parser.add_argument("--parallelism", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--vpcs", type=int, default=None,
                        help="measure a generated stack of this many workload VPCs instead")
    parser.add_argument("--clusters", type=int, default=None,
                        help="private clusters of the generated stack (default 2)")
    parser.add_argument("--sizes", action="store_true",
                        help=f"the three benchmark sizes {SIZES} (VPCs, clusters)")
    args = parser.parse_args()
    if args.sizes and args.vpcs is not None:
        parser.error("give --sizes or --vpcs, not both")
    if args.clusters is not None and args.vpcs is None:
        parser.error("--clusters needs --vpcs")
    if args.vpcs is not None:
        if args.clusters is None:
            args.clusters = 2
        try:
            generate(args.vpcs, args.clusters)
        except ValueError as exc:
            parser.error(str(exc))
    if args.sizes or args.vpcs is not None:
        return _scale(args)
    return _seed(args)


def _seed(args: argparse.Namespace) -> int:
    """The seed example with modelled latencies, against its critical path."""
    topology = load_spec(EXAMPLE).topology
    baseline = timed_apply(topology, EmulatorSettings.instant(), AwsBehaviour(), args.parallelism)
    settings = EmulatorSettings(scale=args.scale)
    aws = AwsBehaviour(vpc_endpoint_ready_seconds=2.0 * args.scale,
                       route53_change_seconds=1.0 * args.scale)
    policy = RetryPolicy(base_delay=0.05, max_delay=0.5)
    counter = CallCounter()
    with InProcessCloud(settings, aws) as cloud, tempfile.TemporaryDirectory() as tmp, \
            counted_clients(counter):
        engine = Engine(topology=topology, store=StateStore(topology.stack, Path(tmp)),
                        ctx=cloud.context(topology.stack, topology.region),
                        handlers=counting(all_handlers(), counter), policy=policy,
                        parallelism=args.parallelism)
        graph = engine.graph()
        path_seconds, chain = critical_path(graph, settings, aws)
        counter.reset()
        started = time.perf_counter()
        _, applied = engine.apply()
        apply_seconds = time.perf_counter() - started
        apply_calls = counter.reset()
        started = time.perf_counter()
        _, destroyed = engine.destroy()
        destroy_seconds = time.perf_counter() - started
        destroy_calls = counter.reset()
    kinds = Counter(r.kind for r in graph.resources.values())
    report = {
        "resources": len(graph.resources),
        "parallelism": args.parallelism,
        "latency_scale": args.scale,
        "critical_path_seconds": round(path_seconds, 2),
        "critical_path": [a for a in chain
                          if node_latency(graph.resources[a].kind, settings, aws) > 0],
        "apply_seconds": round(apply_seconds, 2),
        "apply_over_critical_path": (round(apply_seconds / path_seconds, 2)
                                     if path_seconds else None),
        "zero_latency_apply_seconds": round(baseline, 2),
        "destroy_seconds": round(destroy_seconds, 2),
        "apply_ok": applied.ok,
        "destroy_ok": destroyed.ok,
        "apply_api_calls": sum(apply_calls.values()),
        "apply_api_calls_per_resource": round(sum(apply_calls.values()) / len(graph.resources), 2),
        "destroy_api_calls": sum(destroy_calls.values()),
        "destroy_api_calls_per_resource": round(
            sum(destroy_calls.values()) / len(graph.resources), 2),
        "api_calls_per_resource_by_kind": {
            kind: {"resources": kinds[kind],
                   "apply": round(apply_calls[kind] / kinds[kind], 1),
                   "destroy": round(destroy_calls[kind] / kinds[kind], 1)}
            for kind in sorted(kinds)},
        "engine_reads_outside_handlers": {"apply": apply_calls[ENGINE],
                                          "destroy": destroy_calls[ENGINE]},
    }
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        by_kind = report.pop("api_calls_per_resource_by_kind")
        for key, value in report.items():
            sys.stdout.write(f"{key:<32} {value}\n")
        sys.stdout.write("\nAPI calls per resource (apply / destroy), by kind:\n")
        for kind, row in by_kind.items():
            sys.stdout.write(f"  {kind:<34} x{row['resources']:<3} "
                             f"{row['apply']:>5} / {row['destroy']:<5}\n")
    return 0 if applied.ok and destroyed.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
