"""Batched refresh: a handler's ``read_many`` answers exactly what its ``read`` answers for
each object (also for objects deleted by hand), and a no-change plan reads each kind in a
few calls however many objects it has."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.operations import Engine
from privnet.engine.planner import refresh
from privnet.local.aws import AwsBehaviour
from privnet.local.ccloud import EmulatorSettings
from privnet.providers.base import OBSERVED, REPLACE_REASON, AnyHandler, Attributes
from privnet.providers.registry import all_handlers
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from api_calls import CallCounter, counted_clients, counting  # noqa: E402

BATCHED = {
    "aws.vpc", "aws.subnet", "aws.route_table", "aws.route", "aws.tgw_attachment",
    "aws.tgw_association", "aws.tgw_propagation", "aws.zone_association",
    "aws.resolver_rule_association", "aws.record", "confluent.acl", "confluent.topic",
    "confluent.api_key", "confluent.service_account", "confluent.role_binding",
}
"""The kinds numerous at scale, which must read in batches."""

EXAMPLE_FILES = [EXAMPLES / "privatelink-cluster-linking.yaml", EXAMPLES / "pni.yaml"]

EC2_ID_PREFIXES = ("vpc-", "subnet-", "rtb-", "tgw-attach-", "tgw-rtb-", "tgw-")
"""Objects that cannot be deleted before their dependents: made "gone" by recording an id
that does not exist (a describe call then refuses the whole list)."""


@dataclass
class Applied:
    engine: Engine
    ctx: CloudContext
    handlers: dict[str, AnyHandler]

    def recorded(self) -> dict[str, dict[str, Attributes]]:
        """Recorded attributes by kind, then address."""
        by_kind: dict[str, dict[str, Attributes]] = {}
        for address, resource in self.engine.store.load().resources.items():
            by_kind.setdefault(resource.kind, {})[address] = dict(resource.attributes)
        return by_kind


@pytest.fixture(params=EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def applied(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Applied]:
    topology = load_spec(request.param).topology
    with InProcessCloud() as cloud:
        ctx = cloud.context(topology.stack, topology.region, topology)
        engine = seed_engine(topology, ctx, tmp_path / ".privnet")
        _, result = engine.apply()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items() if o.status != "done"}
        yield Applied(engine, ctx, engine.handlers)


def _one_by_one(applied: Applied, kind: str,
                recorded: dict[str, Attributes]) -> dict[str, Attributes | None]:
    handler = applied.handlers[kind]
    return {a: handler.read(applied.ctx, a, attrs) for a, attrs in recorded.items()}


def test_every_numerous_kind_reads_in_batches() -> None:
    handlers = all_handlers()
    assert {k for k, h in handlers.items() if h.reads_in_batches} >= BATCHED


def test_read_many_answers_what_read_answers(applied: Applied) -> None:
    recorded = applied.recorded()
    compared = 0
    for kind, objects in recorded.items():
        handler = applied.handlers[kind]
        if not handler.reads_in_batches:
            continue
        assert handler.read_many(applied.ctx, objects) == _one_by_one(applied, kind, objects)
        compared += len(objects)
    assert len(BATCHED & set(recorded)) >= 5, sorted(recorded)
    assert compared > 10


def _gone_by_hand(applied: Applied, kind: str, address: str,
                  attributes: Attributes) -> Attributes:
    """Delete the object outside the state; the attributes to read it with."""
    ident = str(attributes.get("id", ""))
    if ident.startswith(EC2_ID_PREFIXES):
        prefix = ident.rsplit("-", 1)[0]
        return {**attributes, "id": f"{prefix}-0000000000000ffff"}
    applied.handlers[kind].delete(applied.ctx, address, attributes)
    return attributes


def test_read_many_says_gone_for_what_was_deleted_by_hand(applied: Applied) -> None:
    """Kind by kind, Confluent's first (deleting a DNS record cuts the way to a cluster)."""
    recorded = applied.recorded()
    kinds = sorted(BATCHED & set(recorded) - {"confluent.api_key", "confluent.service_account"},
                   key=lambda k: (not k.startswith("confluent."), k))
    assert len(kinds) >= 5
    for kind in kinds:  # keys and accounts: data-plane reads need them (test below)
        address = sorted(recorded[kind])[0]
        recorded[kind][address] = _gone_by_hand(applied, kind, address,
                                                recorded[kind][address])
        batch = applied.handlers[kind].read_many(applied.ctx, recorded[kind])
        assert batch == _one_by_one(applied, kind, recorded[kind]), kind
        assert batch[address] is None, kind
        assert sum(found is not None for found in batch.values()) == len(batch) - 1, kind


def test_keys_and_accounts_deleted_by_hand(applied: Applied) -> None:
    """A ring whose keys were deleted is replaced, as its read says; an account deleted by
    hand is gone."""
    recorded = applied.recorded()
    for kind in ("confluent.api_key", "confluent.service_account"):
        objects = recorded.get(kind, {})
        if not objects:
            continue
        address = sorted(objects)[-1]
        applied.handlers[kind].delete(applied.ctx, address, objects[address])
        batch = applied.handlers[kind].read_many(applied.ctx, objects)
        assert batch == _one_by_one(applied, kind, objects), kind
        gone = batch[address]
        if kind == "confluent.api_key":
            assert gone is not None and REPLACE_REASON in gone[OBSERVED]
        else:
            assert gone is None


def test_refresh_keeps_per_object_semantics(applied: Applied) -> None:
    """The refresh plan runs equals reading every object on its own."""
    state = applied.engine.store.load()
    observed, notes = refresh(state, applied.engine.handler_for, applied.ctx)
    expected = {a: applied.handlers[r.kind].read(applied.ctx, a, r.attributes)
                for a, r in state.resources.items() if not r.pending}
    assert observed == expected
    assert notes == {}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "generated.yaml"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_topology.py"), "--vpcs", "8",
                    "--clusters", "2", "--out", str(out)], check=True)
    return out


class OneByOne:
    """A handler that does not say it batches its reads: refresh reads each object alone."""

    reads_in_batches = False

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.kind = inner.kind

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_no_change_plan_reads_each_kind_in_a_few_calls(generated: Path,
                                                         tmp_path: Path) -> None:
    topology = load_spec(generated).topology
    counter = CallCounter()
    with InProcessCloud(EmulatorSettings.instant(), AwsBehaviour()) as cloud, \
            counted_clients(counter):
        ctx = cloud.context(topology.stack, topology.region)
        handlers = counting(all_handlers(), counter)
        engine = seed_engine(topology, ctx, tmp_path / ".privnet", handlers=handlers)
        _, result = engine.apply()
        assert result.ok
        kinds = Counter(r.kind for r in engine.store.load().resources.values())
        counter.reset()
        batched_plan = engine.plan()
        calls = counter.reset()
        engine.handlers = {k: OneByOne(h) for k, h in handlers.items()}
        alone_plan = engine.plan()
        alone = counter.reset()
    assert not batched_plan.has_changes and not alone_plan.has_changes
    assert batched_plan.changes == alone_plan.changes
    per_object = {"confluent.topic", "confluent.api_key"}  # configs, secrets: a call each
    for kind in sorted(BATCHED & set(kinds) - per_object):
        assert calls[kind] <= 4, (kind, kinds[kind], calls[kind])
    assert len([k for k in BATCHED - per_object if kinds[k] >= 8]) >= 5, kinds
    for kind in sorted(BATCHED & set(kinds)):
        assert calls[kind] <= alone[kind], (kind, calls[kind], alone[kind])
    # a key ring's list call is per owner (here one ring each); a topic's is per cluster
    assert calls["confluent.topic"] < alone["confluent.topic"]
    assert sum(calls.values()) * 2 < sum(alone.values())
