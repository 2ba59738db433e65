"""Apply and destroy the seed example on the in-process local cloud with modelled latencies.

Usage: python scripts/bench_engine.py [--scale 0.5] [--parallelism 10] [--json]

The emulator and the local AWS hold each slow resource in its transitional phase for a
modelled time (clusters, PrivateLink, endpoints, Route 53 changes...). No schedule can beat
the longest chain of those latencies through the dependency graph (the critical path), so
the figure of merit is apply wall time / critical path: close to 1 means the engine waits
on nothing but real readiness. The zero-latency apply time is printed too: it is the cost of
the calls themselves (moto and the emulator run in this process, on the same CPUs), which
the latency-bound run pays on top of the critical path.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_calls import ENGINE, CallCounter, counted_clients, counting  # noqa: E402

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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.5,
                        help="multiplier of the emulator's default latencies")
    parser.add_argument("--parallelism", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

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
        for kind, row in by_kind.items():  # type: ignore[union-attr]
            sys.stdout.write(f"  {kind:<34} x{row['resources']:<3} "
                             f"{row['apply']:>5} / {row['destroy']:<5}\n")
    return 0 if applied.ok and destroyed.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
