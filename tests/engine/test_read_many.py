"""Batched refresh: a handler's ``read_many`` answers exactly what its ``read`` answers for
each object (also for objects deleted by hand), and a no-change plan reads each kind in a
few calls however many objects it has."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest

from privnet.engine.backoff import RetryPolicy
from privnet.engine.operations import Engine
from privnet.engine.planner import refresh
from privnet.engine.state import ResourceState, State
from privnet.local.aws import AwsBehaviour
from privnet.local.ccloud import EmulatorSettings
from privnet.providers.aws import batch_reads
from privnet.providers.base import (
    OBSERVED,
    REPLACE_REASON,
    AnyHandler,
    Attributes,
    HandlerBase,
    TransientError,
    UnreachableError,
)
from privnet.providers.registry import all_handlers
from privnet.resources.kinds.confluent_data import ACL
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from api_calls import CallCounter, counted_clients, counting  # noqa: E402
from bench_plan import OneByOne  # noqa: E402
from gen_topology import generated_topology  # noqa: E402

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
    handlers: Mapping[str, AnyHandler]

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


def test_chunks_of_a_few_ids_answer_the_same(applied: Applied,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples have fewer than 100 objects of a kind: with chunks of 2 ids, every
    describe-by-id kind crosses chunk boundaries, one chunk meeting an object gone by hand."""
    monkeypatch.setattr(batch_reads, "IDS_PER_CALL", 2)
    recorded = applied.recorded()
    crossed = 0
    for kind in sorted(BATCHED & set(recorded)):
        if not kind.startswith("aws.") or len(recorded[kind]) < 3:
            continue
        objects = recorded[kind]
        assert applied.handlers[kind].read_many(applied.ctx, objects) == \
            _one_by_one(applied, kind, objects), kind
        address = sorted(objects)[1]
        ident = str(objects[address].get("id", ""))
        if ident.startswith(EC2_ID_PREFIXES):
            objects[address] = _gone_by_hand(applied, kind, address, objects[address])
            batch = applied.handlers[kind].read_many(applied.ctx, objects)
            assert batch == _one_by_one(applied, kind, objects), kind
            assert batch[address] is None, kind
            crossed += 1
    assert crossed >= 1


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


class _Batching(HandlerBase[Any]):
    """Reads ``a`` fine and ``b`` not at all; its batch fails as a whole, or leaves ``b``
    out, or (``flaky``) is throttled once."""

    kind = ACL
    reads_in_batches = True

    def __init__(self, batch: str) -> None:
        self.batch = batch
        self.calls = 0

    def read(self, ctx: Any, address: str, attributes: Attributes) -> Attributes | None:
        if address == "b":
            raise UnreachableError("cluster lkc-1 cannot be reached")
        return {**attributes, "seen": True}

    def read_many(self, ctx: Any, recorded: Mapping[str, Attributes],
                  ) -> dict[str, Attributes | None]:
        self.calls += 1
        if self.batch == "unreachable":
            raise UnreachableError("cluster lkc-1 cannot be reached")
        if self.batch == "flaky" and self.calls == 1:
            raise TransientError("slow down")
        return {a: {**attrs, "seen": True} for a, attrs in recorded.items() if a != "b"}


@pytest.mark.parametrize("batch", ["unreachable", "leaves-out", "flaky"])
def test_a_batch_keeps_per_object_outcomes(batch: str) -> None:
    """Whatever the batch does, each object ends as its own read would have it: ``b`` keeps
    its recorded attributes with a note, ``a`` is refreshed, ``c`` (pending) is not read."""
    state = State(stack="s", lineage="l", resources={
        "a": ResourceState("confluent.acl", {"id": "1"}),
        "b": ResourceState("confluent.acl", {"id": "2"}),
        "c": ResourceState("confluent.acl", {"id": "3"}, pending=True)})
    handler = _Batching(batch)
    observed, notes = refresh(state, lambda kind: cast(AnyHandler, handler), cast(Any, None),
                              policy=RetryPolicy(base_delay=0.0, max_delay=0.0))
    assert observed == {"a": {"id": "1", "seen": True}, "b": {"id": "2"}}
    assert notes == {"b": "not refreshed: cluster lkc-1 cannot be reached"}
    assert handler.calls == (2 if batch == "flaky" else 1)


def test_a_no_change_plan_reads_each_kind_in_a_few_calls(tmp_path: Path) -> None:
    topology = generated_topology(8, 2)
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


class _OneBadCluster(HandlerBase[Any]):
    """Objects of cluster ``lkc-bad`` cannot be read; a batch holding one of them fails."""

    kind = ACL
    reads_in_batches = True

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.singles = 0

    def read(self, ctx: Any, address: str, attributes: Attributes) -> Attributes | None:
        self.singles += 1
        if attributes["cluster"] == "lkc-bad":
            raise UnreachableError("cluster lkc-bad cannot be reached")
        return {**attributes, "seen": True}

    def read_many(self, ctx: Any, recorded: Mapping[str, Attributes],
                  ) -> dict[str, Attributes | None]:
        self.batches.append(len(recorded))
        if any(a["cluster"] == "lkc-bad" for a in recorded.values()):
            raise UnreachableError("cluster lkc-bad cannot be reached")
        return {a: {**attrs, "seen": True} for a, attrs in recorded.items()}


def test_one_unreachable_cluster_costs_a_few_batches_not_a_read_per_object() -> None:
    """120 ACLs on 8 clusters, one cluster unreachable: its 15 objects keep their recorded
    attributes with a note; the other 105 are still read in batches."""
    resources = {f"confluent.acl.c{c}.a{n:02d}": ResourceState(
        "confluent.acl", {"id": f"{c}-{n}", "cluster": "lkc-bad" if c == 3 else f"lkc-{c}"})
        for c in range(8) for n in range(15)}
    state = State(stack="s", lineage="l", resources=resources)
    handler = _OneBadCluster()
    observed, notes = refresh(state, lambda kind: cast(AnyHandler, handler), cast(Any, None),
                              policy=RetryPolicy(base_delay=0.0, max_delay=0.0))
    bad = {a for a, r in resources.items() if r.attributes["cluster"] == "lkc-bad"}
    assert set(notes) == bad
    assert all(observed[a] == resources[a].attributes for a in bad)
    assert all(observed[a] == {**resources[a].attributes, "seen": True}
               for a in resources if a not in bad)
    assert handler.singles == len(bad)  # only the bad cluster's objects, one by one
    assert len(handler.batches) <= 25, handler.batches  # not one call per object (120)
