"""Whole stacks on the in-process local cloud while it behaves as the real service does: 403
for deleted objects, no set order, failure phases (docs/local-cloud.md)."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.plan import Action
from privnet.local.ccloud import EmulatorSettings
from privnet.local.ccloud.phase_control import force_phase
from privnet.local.ccloud.store import EmulatorState
from privnet.providers.base import AnyHandler, Attributes, ProviderContext
from privnet.providers.registry import all_handlers
from privnet.render.outputs import stack_outputs
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import aws_inventory, confluent_inventory, seed_engine

FAILS_WITHIN = 20.0
"""Seconds: a failure phase must end the apply this fast (not after a 4-hour timeout)."""


def store(cloud: InProcessCloud) -> EmulatorState:
    state: EmulatorState = cloud.app.state.emulator
    return state


class FailsAfterCreate:
    """Wraps a handler: right after its create, the emulator drives the object into a phase."""

    def __init__(self, inner: AnyHandler, cloud: InProcessCloud, phase: str, message: str,
                 kind: str | None = None) -> None:
        self.inner, self.kind = inner, inner.kind
        self.cloud, self.phase, self.message, self.emulator_kind = cloud, phase, message, kind

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def create(self, ctx: ProviderContext, address: str,
               properties: Mapping[str, Any]) -> Attributes:
        made = self.inner.create(ctx, address, properties)
        force_phase(store(self.cloud), str(made["id"]), self.phase, self.message,
                    self.emulator_kind)
        return made


def failures(outcomes: Mapping[str, Any]) -> dict[str, str]:
    return {a: o.detail for a, o in outcomes.items() if o.status != "done"}


def ingress() -> Topology:
    return load_spec(EXAMPLES / "ingress-privatelink.yaml").topology


def test_destroy_completes_while_deleted_clusters_bindings_and_keys_answer_403(
        topology: Topology, tmp_path: Path) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path)
        assert engine.apply()[1].ok
        state = engine.store.load().resources
        key = next(r.attributes for a, r in state.items() if a.startswith("confluent.api_key."))
        ctx.confluent().delete(f"/iam/v2/api-keys/{key['id']}")  # gone before destroy

        _, destroyed = engine.destroy()

        assert destroyed.ok, failures(destroyed.outcomes)
        emulator = store(cloud)
        assert all(emulator.was_deleted("clusters", str(r.attributes["id"]))
                   for a, r in state.items() if a.startswith("confluent.cluster."))
        assert set(confluent_inventory(ctx).values()) == {0}


def test_a_hand_deleted_cluster_is_seen_as_gone_by_plan(topology: Topology,
                                                        tmp_path: Path) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path)
        assert engine.apply()[1].ok
        recorded = engine.store.load().resources["confluent.cluster.shared"].attributes
        ctx.confluent().delete(f"/cmk/v2/clusters/{recorded['id']}",
                               {"environment": str(recorded["environment_id"])})

        plan = engine.plan()

        change = next(c for c in plan.changes if c.address == "confluent.cluster.shared")
        assert change.action is Action.CREATE and "deleted outside privnet" in change.reason
        assert engine.destroy()[1].ok


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_ingress_example_each_vpc_gets_its_own_access_point_under_any_order(
        seed: int, tmp_path: Path) -> None:
    topology = ingress()
    with InProcessCloud(EmulatorSettings.instant(order_seed=seed)) as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)  # network-faithful
        engine = seed_engine(topology, ctx, tmp_path)

        _, result = engine.apply()

        assert result.ok, failures(result.outcomes)
        state = engine.store.load().resources
        domains = {vpc: state[f"confluent.ingress_access_point.ap-{vpc}"].attributes["dns_domain"]
                   for vpc in ("platform", "payments")}
        events = stack_outputs(engine.store.load())["clusters"]["events"]
        for vpc, domain in domains.items():
            assert events["by_vpc"][vpc]["bootstrap_endpoint"].endswith(f".{domain}:9092")
        assert events["bootstrap_endpoint"].endswith(f".{domains['platform']}:9092")  # runner
        sm = ctx.aws("secretsmanager")
        layout = state["confluent.api_key.payments_producer.events"].attributes["secret_name"]
        for vpc, domain in domains.items():
            text = sm.get_secret_value(SecretId=f"{layout}/vpcs/{vpc}")["SecretString"]
            assert json.loads(text)["bootstrap.servers"].endswith(f".{domain}:9092")

        _, destroyed = engine.destroy()
        assert destroyed.ok, failures(destroyed.outcomes)
        assert set(aws_inventory(ctx, topology.stack).values()) == {0}
        assert set(confluent_inventory(ctx).values()) == {0}


def test_a_failed_access_point_fails_apply_within_seconds(tmp_path: Path) -> None:
    topology = ingress()
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        handlers = all_handlers()
        kind = "confluent.ingress_access_point"
        handlers[kind] = FailsAfterCreate(handlers[kind], cloud, "ERROR",
                                          "VPC endpoint vpce-x is in another region")
        engine = seed_engine(topology, ctx, tmp_path, handlers=handlers)

        started = time.monotonic()
        _, result = engine.apply()
        took = time.monotonic() - started

        failed = failures(result.outcomes)
        point = "confluent.ingress_access_point.ap-payments"
        assert took < FAILS_WITHIN
        assert point in failed and "ERROR" in failed[point]
        assert "VPC endpoint vpce-x is in another region" in failed[point]
        assert all(d.startswith("upstream failed") for a, d in failed.items()
                   if not a.startswith("confluent.ingress_access_point."))
        assert engine.destroy()[1].ok


@pytest.mark.parametrize(("kind", "phase", "message", "emulator_kind"), [
    ("confluent.link", "FAILED", "remote cluster unreachable", "link"),
    ("confluent.mirror", "PAUSED", "paused by an operator", "mirror"),
])
def test_a_failed_link_or_paused_mirror_fails_apply_within_seconds(
        topology: Topology, tmp_path: Path, kind: str, phase: str, message: str,
        emulator_kind: str) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        handlers = all_handlers()
        handlers[kind] = FailsAfterCreate(handlers[kind], cloud, phase, message,
                                          emulator_kind)
        engine = seed_engine(topology, ctx, tmp_path, handlers=handlers)

        started = time.monotonic()
        _, result = engine.apply()
        took = time.monotonic() - started

        failed = {a: d for a, d in failures(result.outcomes).items() if a.startswith(kind)}
        assert took < FAILS_WITHIN + 15  # the seed example itself takes a few seconds
        own = [d for d in failed.values() if not d.startswith("upstream failed")]
        assert own and all(f"is {phase}: {message}" in d for d in own)
        assert engine.destroy()[1].ok


def test_a_hand_deleted_environment_takes_its_objects_with_it_for_plan_and_destroy(
        topology: Topology, tmp_path: Path) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path)
        assert engine.apply()[1].ok
        env = engine.store.load().resources["confluent.environment.main"].attributes
        ctx.confluent().delete(f"/org/v2/environments/{env['id']}")

        plan = engine.plan()

        recreated = {c.address for c in plan.changes if c.action is Action.CREATE}
        assert {"confluent.environment.main", "confluent.cluster.shared"} <= recreated
        _, destroyed = engine.destroy()
        assert destroyed.ok, failures(destroyed.outcomes)
        assert set(confluent_inventory(ctx).values()) == {0}


def test_a_mirror_paused_on_purpose_later_is_left_as_it_is(topology: Topology,
                                                           tmp_path: Path) -> None:
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region)
        engine = seed_engine(topology, ctx, tmp_path)
        assert engine.apply()[1].ok
        address, mirror = next((a, r.attributes) for a, r in engine.store.load().resources.items()
                               if a.startswith("confluent.mirror."))
        force_phase(store(cloud), str(mirror["id"]), "PAUSED", "paused for a failover drill",
                    "mirror")
        handler = all_handlers()["confluent.mirror"]

        updated = handler.update(ctx, address, mirror, mirror)
        readiness = handler.check_ready(ctx, address, updated)

        assert readiness.ready and not readiness.failed and "PAUSED" in readiness.detail
        assert engine.plan().has_changes is False
        assert engine.apply()[1].ok
        assert engine.destroy()[1].ok
