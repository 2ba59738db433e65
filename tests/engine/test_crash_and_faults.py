"""Interrupted and throttled runs on the in-process local cloud converge without duplicates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from privnet.engine.walk import Status
from privnet.local.aws import AwsBehaviour
from privnet.local.ccloud import EmulatorSettings
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Topology
from tests.engine.local_cloud import (
    aws_inventory,
    confluent_inventory,
    crashing_handlers,
    seed_engine,
    settle,
)

EXPECTED_AWS = {"vpcs": 5, "subnets": 10, "transit_gateways": 1, "tgw_attachments": 5,
                "vpc_endpoints": 2, "hosted_zones": 1, "resolver_rules": 1}
EXPECTED_CONFLUENT = {"environments": 1, "clusters": 2, "service_accounts": 9, "api_keys": 9,
                      "private_link_attachments": 1}


def failures(outcomes: dict[str, object]) -> dict[str, str]:
    return {a: getattr(o, "detail", "") for a, o in outcomes.items()
            if getattr(o, "status", None) is not Status.DONE}


@pytest.mark.parametrize("crash_after", [7, 61])
def test_crash_right_after_a_create_converges_on_rerun(topology: Topology, tmp_path: Path,
                                                       crash_after: int) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        crashed = seed_engine(topology, ctx, tmp_path, handlers=crashing_handlers(crash_after))
        _, partial = crashed.apply()
        assert not partial.ok  # the run died part-way
        engine = seed_engine(topology, ctx, tmp_path)
        _, result = engine.apply()
        assert result.ok, failures(dict(result.outcomes))
        aws = aws_inventory(ctx, topology.stack)
        confluent = confluent_inventory(ctx)
        assert {k: aws[k] for k in EXPECTED_AWS} == EXPECTED_AWS  # no duplicates
        assert confluent == EXPECTED_CONFLUENT
        assert not engine.plan().has_changes
        _, destroyed = engine.destroy()
        assert destroyed.ok, failures(dict(destroyed.outcomes))
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}  # no orphans
        assert set(confluent_inventory(ctx).values()) == {0}


@pytest.fixture
def faulty_cloud() -> Iterator[InProcessCloud]:
    settings = EmulatorSettings.instant(fault_rate=0.1, seed=11)
    with InProcessCloud(settings, AwsBehaviour(fault_rate=0.1, fault_seed=11)) as cloud:
        yield cloud


def test_ten_percent_faults_converge(faulty_cloud: InProcessCloud, topology: Topology,
                                     tmp_path: Path) -> None:
    ctx = faulty_cloud.context(topology.stack, topology.region)
    engine = seed_engine(topology, ctx, tmp_path)
    _, result = engine.apply()
    assert result.ok, failures(dict(result.outcomes))
    assert not engine.plan().has_changes
    assert settle(lambda: confluent_inventory(ctx)) == EXPECTED_CONFLUENT
    _, destroyed = engine.destroy()
    assert destroyed.ok, failures(dict(destroyed.outcomes))
    assert set(settle(lambda: aws_inventory(ctx, topology.stack)).values()) == {0}
    assert set(settle(lambda: confluent_inventory(ctx)).values()) == {0}
