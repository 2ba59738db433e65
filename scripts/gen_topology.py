"""Write a large, valid topology (N workload VPCs, M private clusters) for benchmarks.

Usage: python scripts/gen_topology.py --vpcs 500 --clusters 100 [--out /tmp/big.yaml] [--count]

The workload VPCs take consecutive /20 blocks of 10.0.0.0/8 and the hub VPCs consecutive
/24 blocks of 172.16.0.0/16, so the compiler merges each VPC's routes and the hub endpoint's
security group sources into a handful of blocks: the design fits AWS's 50 routes per table
and 60 rules per group at any size up to 4,096 workload VPCs. From 238 workload VPCs the
private hosted zone nears its default 300 VPC associations, and past 16 clusters the
environment nears its 20 Kafka clusters: the design then declares a raised quota
(``aws.quotas``, ``confluent.quotas``), as the QUOTA rules' fixes say. ``--count`` prints how many
resources the design compiles to (after that merging), the figure benchmarks are sized by.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from privnet.resources.compile import compile_resources
from privnet.topology import load_spec_text
from privnet.topology.model import Topology
from privnet.topology.quotas import AWS_QUOTAS, CONFLUENT_QUOTAS, QuotaDefault

AZ_IDS = ("use1-az1", "use1-az2", "use1-az4")


MAX_VPCS = 4096
"""Consecutive /20 blocks in 10.0.0.0/8."""


def _vpc(name: str, index: int, with_endpoint: bool) -> dict[str, Any]:
    second, third = divmod(index, 16)
    base = f"10.{second}.{third * 16}"
    vpc: dict[str, Any] = {
        "name": name,
        "cidr": f"{base}.0/20",
        "subnets": [
            {"az_id": az, "cidr": f"10.{second}.{third * 16 + n}.0/24"}
            for n, az in enumerate(AZ_IDS)
        ],
    }
    if with_endpoint:
        vpc["endpoint"] = {"connectivity": "platt"}
    return vpc


def generate(vpcs: int, clusters: int) -> dict[str, Any]:
    """A centralized-DNS PrivateLink topology; the first VPC hosts the hub endpoint."""
    if not 1 <= vpcs <= MAX_VPCS:
        raise ValueError(f"--vpcs must be between 1 and {MAX_VPCS} (one /20 of 10.0.0.0/8 each)")
    if clusters < 0:
        raise ValueError("--clusters must be 0 or more")
    cluster_specs = []
    accounts = []
    acls = []
    for c in range(clusters):
        name = f"cluster-{c:03d}"
        cluster_specs.append({
            "name": name,
            "connectivity": "platt",
            "topics": [{"name": f"orders-{c:03d}"}, {"name": f"payments-{c:03d}"}],
        })
        producer, consumer = f"producer-{c:03d}", f"consumer-{c:03d}"
        manager = f"manager-{c:03d}"
        accounts += [{"name": manager, "api_keys": [name],
                      "roles": [{"role": "CloudClusterAdmin", "cluster": name}]},
                     {"name": producer, "api_keys": [name]}, {"name": consumer, "api_keys": [name]}]
        acls += [
            {"principal": producer, "cluster": name, "profile": "producer",
             "topics": [f"orders-{c:03d}"]},
            {"principal": consumer, "cluster": name, "profile": "consumer",
             "topics": [f"orders-{c:03d}"], "group": f"group-{c:03d}"},
        ]
    hub_subnets = [{"az_id": "use1-az1", "cidr": "172.16.{}.0/26"}]
    return {
        "version": 1,
        "stack": f"generated-{vpcs}x{clusters}",
        "region": "us-east-1",
        "runner": {"location": "runner"},
        "confluent": {
            "environment": {"name": "generated"},
            "connectivity": {"privatelink_attachments": [{"name": "platt"}]},
            "clusters": cluster_specs,
            "service_accounts": accounts,
            "acls": acls,
            **_raised(CONFLUENT_QUOTAS, {"kafka_clusters_per_environment": clusters}),
        },
        "aws": {
            "hub": {
                "dns_vpc": {"name": "dns", "cidr": "172.16.0.0/24", "subnets": [
                    {**s, "cidr": s["cidr"].format(0)} for s in hub_subnets]},
                "vpn_vpc": {"name": "vpn", "cidr": "172.16.1.0/24",
                            "client_cidr": "172.20.0.0/22", "subnets": [
                                {**s, "cidr": s["cidr"].format(1)} for s in hub_subnets]},
                "runner_vpc": {"name": "runner", "cidr": "172.16.2.0/24", "subnets": [
                    {**s, "cidr": s["cidr"].format(2)} for s in hub_subnets]},
            },
            "vpcs": [_vpc(f"vpc-{i:04d}", i, with_endpoint=(i == 0)) for i in range(vpcs)],
            "dns": {"strategy": "centralized", "hub_endpoint": "vpc-0000"},
            **_raised(AWS_QUOTAS, {"vpcs_per_private_hosted_zone": vpcs + HUB_VPCS,
                                   "resolver_rule_associations_per_region": vpcs + HUB_VPCS}),
        },
    }


HUB_VPCS = 3
"""dns, vpn and runner: each is associated with the zone and the forwarding rule too."""


def _raised(known: Mapping[str, QuotaDefault], counts: Mapping[str, int]) -> dict[str, Any]:
    """The adjustable quotas a design this large needs raised, declared the way the QUOTA
    rules ask (an account running it has asked for them): every VPC joins the private hosted
    zone and the Resolver rule, every cluster lives in the one environment. Declared past 80 %
    of the default (above it the rules warn) with a quarter of headroom, rounded up to
    tens."""
    quotas = {name: -(-count * 5 // 40) * 10 for name, count in counts.items()
              if count * 5 > known[name].default * 4}
    return {"quotas": quotas} if quotas else {}


def generated_topology(vpcs: int, clusters: int) -> Topology:
    """The generated design loaded as ``privnet`` loads a file (benchmarks and tests)."""
    return load_spec_text(yaml.safe_dump(generate(vpcs, clusters), sort_keys=False),
                          f"generated-{vpcs}x{clusters}").topology


def resource_count(design: dict[str, Any]) -> int:
    """How many resources ``design`` compiles to, as apply would build them."""
    topology = load_spec_text(yaml.safe_dump(design, sort_keys=False)).topology
    return len(compile_resources(topology).resources)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--vpcs", type=int, default=500)
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--out", type=Path, default=None,
                        help="default: standard output (none with --count)")
    parser.add_argument("--count", action="store_true",
                        help="print the number of resources the design compiles to")
    args = parser.parse_args(argv)
    try:
        design = generate(args.vpcs, args.clusters)
    except ValueError as exc:
        parser.error(str(exc))  # exits 2, the code for unusable input
    if args.out is not None:
        args.out.write_text(yaml.safe_dump(design, sort_keys=False), encoding="utf-8")
    elif not args.count:
        sys.stdout.write(yaml.safe_dump(design, sort_keys=False))
    if args.count:
        sys.stdout.write(f"{args.vpcs} VPCs x {args.clusters} clusters: "
                         f"{resource_count(design)} resources\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
