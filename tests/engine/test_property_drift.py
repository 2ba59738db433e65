"""Property drift: changes made behind privnet's back show up in plan and apply puts them back.

One apply of the seed example, several hand changes (a revoked security group rule, a record's
TTL and target, a topic config, a topic's partition count), one plan, one apply, one plan.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from privnet.engine.drift import property_drifts
from privnet.engine.plan import Action, Plan
from privnet.engine.state import State
from privnet.providers.base import OBSERVED, Attributes
from privnet.providers.confluent.data_plane import cluster_path, rest_client
from privnet.targets.inprocess import InProcessCloud
from privnet.topology.model import Topology
from tests.engine.conftest import EngineFactory
from tests.engine.fakes import FakeHandler
from tests.engine.local_cloud import seed_engine

SG = "aws.security_group.sandbox"
WILDCARD = "aws.record.wildcard"
CONFIGURED = "confluent.topic.sandbox.drift-configured"
GROWN = "confluent.topic.sandbox.drift-grown"


@pytest.fixture
def local_cloud() -> Iterator[InProcessCloud]:
    with InProcessCloud() as cloud:
        yield cloud


def with_drift_topics(topology: Topology) -> Topology:
    """The seed example plus two topics to drift: one with a config, one to grow by hand."""
    data = topology.model_dump(mode="json")
    data["confluent"]["clusters"][0]["topics"] += [
        {"name": "drift-configured", "partitions": 2, "config": {"retention.ms": "86400000"}},
        {"name": "drift-grown", "partitions": 2},
    ]
    return Topology.model_validate(data)


def revoke_a_9092_rule(ctx: Any, state: State) -> dict[str, Any]:
    attributes = state.resources[SG].attributes
    rule = next(r for r in attributes["ingress"] if r["from_port"] == 9092)
    ctx.aws("ec2").revoke_security_group_ingress(GroupId=attributes["id"], IpPermissions=[{
        "IpProtocol": rule["protocol"], "FromPort": 9092, "ToPort": 9092,
        "IpRanges": [{"CidrIp": rule["cidr"]}]}])
    return dict(rule)


def repoint_wildcard(ctx: Any, state: State) -> str:
    """Give the wildcard record another target and a longer TTL; returns the old target."""
    attributes = state.resources[WILDCARD].attributes
    ctx.aws("route53").change_resource_record_sets(
        HostedZoneId=attributes["zone_id"],
        ChangeBatch={"Changes": [{"Action": "UPSERT", "ResourceRecordSet": {
            "Name": attributes["name"], "Type": "CNAME", "TTL": 300,
            "ResourceRecords": [{"Value": "elsewhere.example.com"}]}}]})
    return str(attributes["value"]).rstrip(".")


def alter_topics(ctx: Any, state: State) -> None:
    """Through Kafka REST, as someone with the cluster's key would."""
    configured = state.resources[CONFIGURED].attributes
    client = rest_client(ctx, configured)
    client.post(cluster_path(configured, "topics", "drift-configured", "configs:alter"),
                {"data": [{"name": "retention.ms", "value": "1000"}]})
    grown = state.resources[GROWN].attributes
    client.request("PATCH", cluster_path(grown, "topics", "drift-grown"),
                   body={"partitions_count": 5})


def test_hand_changes_are_planned_as_drift_and_apply_puts_them_back(
        local_cloud: InProcessCloud, topology: Topology, tmp_path: Path) -> None:
    drifting = with_drift_topics(topology)
    ctx = local_cloud.context(drifting.stack, drifting.region)
    engine = seed_engine(drifting, ctx, tmp_path / ".privnet")
    _, result = engine.apply()
    assert result.ok, {a: o.detail for a, o in result.outcomes.items() if o.status != "done"}
    state = engine.store.load()

    rule = revoke_a_9092_rule(ctx, state)
    endpoint_name = repoint_wildcard(ctx, state)
    alter_topics(ctx, state)

    plan = engine.plan()
    reasons = {c.address: (c.action, c.reason) for c in plan.actionable}
    assert set(reasons) == {SG, WILDCARD, CONFIGURED, GROWN}, reasons
    shared = len(state.resources[SG].attributes["ingress"]) - 1
    revoked = (f'{{"cidr":"{rule["cidr"]}","from_port":9092,"protocol":"{rule["protocol"]}",'
               '"to_port":9092}')
    assert reasons[SG] == (Action.UPDATE, (
        f"drift: ingress is [{shared} shared] in the cloud, "
        f"the topology says [{revoked}, {shared} shared]"))
    assert reasons[WILDCARD] == (Action.UPDATE, (
        "drift: target is elsewhere.example.com in the cloud, the topology says "
        f"{endpoint_name}; drift: ttl is 300 in the cloud, the topology says 60"))
    assert reasons[CONFIGURED] == (Action.UPDATE, (
        "drift: configs.retention.ms is 1000 in the cloud, the topology says 86400000"))
    assert reasons[GROWN] == (Action.REPLACE, (
        "drift: partitions_count is 5 in the cloud, the topology says 2 "
        "(partitions_count can only grow: replace)"))

    _, fixed = engine.apply()
    assert fixed.ok, {a: o.detail for a, o in fixed.outcomes.items() if o.status != "done"}
    assert "observed" not in engine.store.path.read_text()
    again = engine.plan()
    assert not again.has_changes, [(c.address, c.reason) for c in again.actionable]

    group = ctx.aws("ec2").describe_security_groups(
        GroupIds=[state.resources[SG].attributes["id"]])["SecurityGroups"][0]
    assert any(r.get("FromPort") == 9092 and {"CidrIp": rule["cidr"]} in r["IpRanges"]
               for r in group["IpPermissions"])


def test_only_the_keys_and_items_the_topology_sets_are_compared() -> None:
    desired = {"configs": {"retention.ms": "1000"}, "egress": None,
               "ingress": [{"port": 1}, {"port": 2}]}
    observed = {"configs": {"retention.ms": "1000", "cleanup.policy": "delete"},
                "egress": [{"port": 9}], "ingress": [{"port": 2}, {"port": 1}]}
    assert property_drifts(desired, observed) == []
    observed["ingress"] = [{"port": 2}, {"port": 3}]
    (drift,) = property_drifts(desired, observed)
    assert drift.reason == ('drift: ingress is [{"port":3}, 1 shared] in the cloud, '
                            'the topology says [{"port":1}, 1 shared]')


def test_sensitive_drift_is_reported_without_its_values() -> None:
    desired = {"configs": {"sasl.jaas.config": "wanted-secret"}}
    observed = {"configs": {"sasl.jaas.config": "cloud-secret"}}
    (drift,) = property_drifts(desired, observed)
    assert "wanted-secret" not in drift.reason and "cloud-secret" not in drift.reason
    assert drift.reason.startswith("drift: configs.sasl.jaas.config is (sensitive)")


class ObservingHandler(FakeHandler):
    """A fake whose ``read`` reports every property as the fake cloud holds it."""

    def read(self, ctx: Any, address: str, attributes: Attributes) -> Attributes | None:
        found = super().read(ctx, address, attributes)
        if found is None:
            return None
        return {**found, OBSERVED: dict(self.cloud.objects[attributes["id"]]["properties"])}

    def update(self, ctx: Any, address: str, properties: Mapping[str, Any],
               attributes: Attributes) -> Attributes:
        """Answers with a fresh read, observed values included: state must still not keep them."""
        super().update(ctx, address, properties, attributes)
        return self.read(ctx, address, attributes) or attributes


def observing(handlers: dict[str, FakeHandler], kind: str,
              replace_on: frozenset[str] = frozenset()) -> None:
    handlers[kind] = ObservingHandler(kind, handlers[kind].cloud, replace_on=replace_on)


def test_drift_update_survives_a_saved_plan_and_observed_values_stay_out_of_state(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler], tmp_path: Path) -> None:
    observing(handlers, "confluent.cluster")
    engine = make_engine()
    assert engine.apply()[1].ok
    cloud = handlers["confluent.cluster"].cloud
    cluster_id = engine.store.load().resources["confluent.cluster.main"].attributes["id"]
    cloud.objects[cluster_id]["properties"]["name"] = "renamed-by-hand"

    saved = Plan.from_json(engine.plan().to_json())
    (change,) = saved.actionable
    assert (change.address, change.action, change.drift) == (
        "confluent.cluster.main", Action.UPDATE, True)
    assert change.reason == ("drift: name is renamed-by-hand in the cloud, "
                             "the topology says main")
    assert make_engine().apply(saved)[1].ok
    assert cloud.objects[cluster_id]["properties"]["name"] == "main"
    assert "renamed-by-hand" not in engine.store.path.read_text()
    assert OBSERVED not in engine.store.load().resources["confluent.cluster.main"].attributes
    assert not make_engine().plan().has_changes


def test_drift_of_a_property_that_cannot_change_in_place_is_a_replace(
        make_engine: EngineFactory, handlers: dict[str, FakeHandler]) -> None:
    observing(handlers, "fake.network", replace_on=frozenset({"cidr"}))
    engine = make_engine()
    assert engine.apply()[1].ok
    network_id = engine.store.load().resources["fake.network.main"].attributes["id"]
    handlers["fake.network"].cloud.objects[network_id]["properties"]["cidr"] = "10.7.0.0/16"

    plan = engine.plan()
    change = next(c for c in plan.changes if c.address == "fake.network.main")
    assert change.action is Action.REPLACE
    assert change.reason == ("drift: cidr is 10.7.0.0/16 in the cloud, the topology says "
                             "10.0.0.0/16 (cidr cannot be changed in place: replace)")
