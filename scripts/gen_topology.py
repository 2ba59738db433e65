"""Write a large, valid topology (N workload VPCs, M private clusters) for benchmarks.

Usage: python scripts/gen_topology.py --vpcs 500 --clusters 100 --out /tmp/big.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

AZ_IDS = ("use1-az1", "use1-az2", "use1-az4")


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
    if not 1 <= vpcs <= 4000:
        raise ValueError("--vpcs must be between 1 and 4000")
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
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vpcs", type=int, default=500)
    parser.add_argument("--clusters", type=int, default=100)
    parser.add_argument("--out", type=Path, default=None, help="default: standard output")
    args = parser.parse_args(argv)
    text = yaml.safe_dump(generate(args.vpcs, args.clusters), sort_keys=False)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
