"""A design on scattered ranges that follows QUOTA-001/003's fixes (routes to supernets that
cover the VPC itself, hub sources declared the same way) applies and plans empty: AWS takes a
route wider than the VPC, and its local route keeps the VPC's own traffic local."""

from __future__ import annotations

from pathlib import Path

import yaml

from privnet.local.aws import AwsBehaviour
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.loader import load_spec_text
from tests.engine.local_cloud import seed_engine
from tests.rules.test_quotas import supernetted


def test_supernet_routes_apply_and_plan_empty(tmp_path: Path) -> None:
    topology = load_spec_text(yaml.safe_dump(supernetted(12), sort_keys=False),
                              "scattered.yaml").topology
    with InProcessCloud(EmulatorSettings.instant(), AwsBehaviour()) as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path / ".privnet")
        _, result = engine.apply()
        assert result.ok, result.problems()
        assert not engine.plan().has_changes
        tables = ctx.aws("ec2").describe_route_tables()["RouteTables"]
    by_vpc: dict[str, set[str]] = {}
    for table in tables:
        by_vpc.setdefault(table["VpcId"], set()).update(
            r.get("DestinationCidrBlock", "") for r in table["Routes"]
            if r.get("TransitGatewayId"))
    routed = [destinations for destinations in by_vpc.values() if destinations]
    assert len(routed) == 12 + 3  # every workload and hub VPC
    assert all(destinations == {"10.0.0.0/8", "172.16.0.0/12"} for destinations in routed)
