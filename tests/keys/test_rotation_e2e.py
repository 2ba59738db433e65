"""Rotation by age on the local cloud, with the clock moved on (issue 13, must show).

The seed example (three service accounts, keys on two clusters, a bidirectional link that
stores keys) is applied, then the clock is set 0, 1, 5 and 40 rotation periods after the
newest key. Each time: one apply settles everything (the next plan is empty); a ring gets at
most one new key; while the apply runs, a client that reads every client secret's
``AWSCURRENT`` (and ``AWSPREVIOUS``) and calls the cluster with the key it found is never
refused (the emulator refuses unsynced and deleted keys: key sync takes 1.5 s here), and no
ring ever lists more than ``keep + 1`` keys.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.operations import Engine
from privnet.engine.plan import Action
from privnet.keys.clock import NOW_ENV
from privnet.keys.layout import credentials_in
from privnet.local.ccloud import EmulatorSettings
from privnet.providers.confluent.errors import AuthenticationError
from privnet.targets.context import CloudContext
from privnet.targets.inprocess import InProcessCloud
from privnet.topology import load_spec
from tests.conftest import EXAMPLES
from tests.engine.local_cloud import seed_engine

KEEP = 2
DAY_COUNT = 30
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KEY_KIND = "confluent.api_key"


def rings(engine: Engine) -> dict[str, dict[str, Any]]:
    return {a: dict(r.attributes) for a, r in engine.store.load().resources.items()
            if r.kind == KEY_KIND}


def set_clock(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    monkeypatch.setenv(NOW_ENV, when.isoformat())


class Client(threading.Thread):
    """Reads every client secret again and again, and uses the key it finds."""

    def __init__(self, ctx: CloudContext, engine: Engine) -> None:
        super().__init__(daemon=True)
        self.ctx, self.engine = ctx, engine
        self.stop = threading.Event()
        self.calls = 0
        self.refused: list[str] = []
        self.most_keys: dict[str, int] = {}

    def targets(self) -> Iterator[tuple[str, str, str, str]]:
        """(ring, secret name, resource id, REST endpoint) of every Kafka client secret."""
        for address, ring in rings(self.engine).items():
            if ring["resource"] == "schema_registry":
                continue
            names = list(ring["client_secret_names"].values())
            names += list((ring.get("per_vpc_secret_name") or {}).values())
            for name in names:
                yield address, name, str(ring["resource_id"]), str(ring["rest_endpoint"])

    def use(self, address: str, name: str, cluster: str, rest: str, stage: str) -> None:
        sm = self.ctx.aws("secretsmanager")
        try:
            value = sm.get_secret_value(SecretId=name, VersionStage=stage)
        except sm.exceptions.ResourceNotFoundException:
            return
        creds = credentials_in(json.loads(value["SecretString"]))
        assert creds is not None, name
        client = self.ctx.kafka_rest(rest, creds.key, creds.secret)
        try:
            client.get(f"/kafka/v3/clusters/{cluster}/topics")
        except AuthenticationError as exc:
            self.refused.append(f"{name} {stage} {creds.key}: {exc}")
        self.calls += 1

    def count_keys(self) -> None:
        for address, ring in rings(self.engine).items():
            listed = self.ctx.confluent().list_all("/iam/v2/api-keys", {
                "spec.owner": ring["owner_id"], "spec.resource": ring["resource_id"]})
            self.most_keys[address] = max(self.most_keys.get(address, 0), len(listed))

    def run(self) -> None:
        while not self.stop.is_set():
            self.count_keys()
            for target in list(self.targets()):
                self.use(*target, "AWSCURRENT")
                self.use(*target, "AWSPREVIOUS")


@pytest.fixture
def cloud() -> Iterator[InProcessCloud]:
    settings = EmulatorSettings(latency_seconds={"api_key_sync": 1.5}, order_seed=3)
    with InProcessCloud(settings) as started:
        yield started


def test_rotation_by_age_settles_in_one_apply_and_never_leaves_clients_without_a_key(
        cloud: InProcessCloud, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    topology = load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology
    assert topology.confluent.key_rotation.keep == KEEP
    assert topology.confluent.key_rotation.day_count == DAY_COUNT
    set_clock(monkeypatch, START)
    ctx = cloud.context(topology.stack, topology.region, topology)
    engine = seed_engine(topology, ctx, tmp_path)
    _, result = engine.apply()
    assert result.ok
    first = rings(engine)
    assert first and all(len(r["keys"]) == 1 and r["active_key_id"] == r["id"]
                         for r in first.values())

    now = START
    for periods in (0, 1, 5, 40):
        before = rings(engine)
        newest = max(datetime.fromisoformat(k["created_at"])
                     for r in before.values() for k in r["keys"])
        now = newest + timedelta(days=periods * DAY_COUNT, hours=1)
        set_clock(monkeypatch, now)
        plan = engine.plan()
        due = {c.address for c in plan.actionable}
        if periods == 0:
            assert not due, [(c.address, c.reason) for c in plan.actionable]
            continue
        rotating = {c.address for c in plan.actionable if c.kind == KEY_KIND}
        following = {c.address for c in plan.actionable if c.kind != KEY_KIND}
        assert rotating == set(before), [(c.address, c.reason) for c in plan.actionable]
        assert all(c.action is Action.UPDATE for c in plan.actionable)
        assert all("rotation due" in c.reason for c in plan.actionable if c.kind == KEY_KIND)
        # the bidirectional link stores keys: both its sides follow the rotation, in place
        assert following and all(a.startswith("confluent.link.") for a in following)
        assert all(c.reason.startswith("follows confluent.api_key.")
                   for c in plan.actionable if c.kind != KEY_KIND)

        client = Client(ctx, engine)
        client.start()
        try:
            _, result = engine.apply()
        finally:
            client.stop.set()
            client.join()
        assert result.ok, {a: o.detail for a, o in result.outcomes.items()
                           if o.status != "done"}
        assert client.calls > 0
        assert client.refused == []
        assert max(client.most_keys.values()) <= KEEP + 1

        after = rings(engine)
        for address, ring in after.items():
            old_ids = {k["id"] for k in before[address]["keys"]}
            new_ids = [k["id"] for k in ring["keys"] if k["id"] not in old_ids]
            assert len(new_ids) == 1, (address, ring["keys"])  # a long gap rotates once
            assert ring["active_key_id"] == new_ids[0]
            assert len(ring["keys"]) <= KEEP
            assert all(k["synced"] for k in ring["keys"])
        assert engine.plan().actionable == [], "one apply settles a rotation"
