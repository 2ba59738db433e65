"""compile_confluent on the reference example and on link variants."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.keys.clock import NOW_ENV
from privnet.resources.compile_confluent import compile_confluent
from privnet.resources.kinds.confluent_control import API_KEY
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.loader import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES


def example() -> Topology:
    return load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology


def compiled(topology: Topology) -> ResourceGraph:
    graph = ResourceGraph()
    compile_confluent(topology, graph)
    return graph


def with_links(**link: Any) -> Topology:
    data = example().model_dump(mode="json")
    data["confluent"]["cluster_links"] = [{
        "name": "l1", "source": "sandbox", "destination": "shared",
        "source_manager": "sandbox_cluster_linking_app_manager",
        "destination_manager": "shared_cluster_linking_app_manager",
        "mirrors": [{"source_topic": "dev-stock_trades"}], **link}]
    return Topology.model_validate(data)


def test_reference_example_addresses() -> None:
    graph = compiled(example())
    kinds = {r.kind for r in graph.resources.values()}
    assert {"confluent.environment", "confluent.schema_registry", "confluent.platt",
            "confluent.platt_connection", "confluent.cluster", "confluent.topic",
            "confluent.acl", "confluent.connector", "confluent.link", "confluent.mirror",
            "confluent.api_key", "confluent.role_binding"} <= kinds
    assert "confluent.api_key_sync" not in kinds  # retired: the key waits for its own sync
    assert "confluent.platt_connection.sandbox" in graph.resources
    assert "confluent.platt_connection.shared" in graph.resources
    assert graph.resources["confluent.platt_connection.shared"].properties["vpc_endpoint_id"] \
        == Ref("aws.vpc_endpoint.shared", "id")
    assert "confluent.api_key.schema_registry_app.schema_registry" in graph.resources


def test_bidirectional_link_creates_one_side_then_the_other_with_its_id() -> None:
    graph = compiled(example())
    first = graph.resources["confluent.link.bidirectional_between_sandbox_and_shared.source"]
    second = graph.resources[
        "confluent.link.bidirectional_between_sandbox_and_shared.destination"]
    assert first.properties["link_mode"] == "BIDIRECTIONAL"
    assert second.properties["link_mode"] == "BIDIRECTIONAL"
    assert first.address in second.dependencies
    assert second.properties["cluster_link_id"] == Ref(first.address, "cluster_link_id")
    assert second.address not in first.dependencies


def test_source_initiated_link_starts_at_the_destination() -> None:
    graph = compiled(with_links(mode="source_initiated"))
    dest = graph.resources["confluent.link.l1.destination"]
    source = graph.resources["confluent.link.l1.source"]
    assert (dest.properties["link_mode"], dest.properties["connection_mode"]) == (
        "DESTINATION", "INBOUND")
    assert dest.properties["remote_key"] is None
    assert (source.properties["link_mode"], source.properties["connection_mode"]) == (
        "SOURCE", "OUTBOUND")
    assert source.properties["rest_endpoint"] == Ref("confluent.cluster.sandbox", "rest_endpoint")
    assert source.properties["local_link_key"] is not None
    assert dest.address in source.dependencies


def test_destination_initiated_link_has_only_the_destination_side() -> None:
    graph = compiled(with_links(mode="destination_initiated"))
    assert "confluent.link.l1.destination" in graph.resources
    assert "confluent.link.l1.source" not in graph.resources
    mirror = graph.resources["confluent.mirror.l1.dev-stock_trades"]
    assert mirror.properties["cluster_id"] == Ref("confluent.cluster.shared", "id")
    assert "confluent.topic.sandbox.dev-stock_trades" in mirror.dependencies


def test_data_plane_calls_use_the_admin_client_secret_not_a_key_id() -> None:
    """The active key is read from the client secret at call time, so a rotation changes
    nothing a topic (or ACL, mirror) records."""
    graph = compiled(example())
    topic = graph.resources["confluent.topic.sandbox.dev-stock_trades"]
    key = "confluent.api_key.sandbox_app_manager.sandbox"
    assert topic.properties["secret_name"] == Ref(key, "secret_name")
    assert "key_id" not in topic.properties
    assert key in topic.dependencies
    assert "confluent.role_binding.sandbox_app_manager.0" in topic.dependencies
    for resource in graph.resources.values():
        if resource.kind in ("confluent.topic", "confluent.acl", "confluent.mirror",
                             "confluent.link"):
            assert "key_id" not in resource.properties, resource.address


def test_links_store_the_active_key_of_the_remote_manager() -> None:
    graph = compiled(with_links(mode="source_initiated"))
    source = graph.resources["confluent.link.l1.source"]
    remote = "confluent.api_key.shared_cluster_linking_app_manager.shared"
    local = "confluent.api_key.sandbox_cluster_linking_app_manager.sandbox"
    assert source.properties["remote_key"] == {
        "key_id": Ref(remote, "active_key_id"), "secret_name": Ref(remote, "secret_name")}
    assert source.properties["local_link_key"] == {
        "key_id": Ref(local, "active_key_id"), "secret_name": Ref(local, "secret_name")}


def test_an_api_key_is_data_plane_and_waits_for_its_account_roles() -> None:
    graph = compiled(example())
    key = graph.resources["confluent.api_key.sandbox_app_manager.sandbox"]
    assert API_KEY.traits.data_plane
    assert "confluent.role_binding.sandbox_app_manager.0" in key.dependencies
    assert (key.properties["keep"], key.properties["day_count"]) == (
        example().confluent.key_rotation.keep, example().confluent.key_rotation.day_count)


def test_shared_consumer_gets_read_on_the_mirror_topic() -> None:
    graph = compiled(example())
    acls = [r.properties for a, r in graph.resources.items()
            if a.startswith("confluent.acl.shared_app_consumer.shared.")]
    assert {(p["resource_type"], p["resource_name"], p["operation"]) for p in acls} == {
        ("TOPIC", "dev-stock_trades", "READ"), ("GROUP", "dev-stock_trades-consumer", "READ")}


def test_api_key_secret_name_follows_the_layout_and_no_secret_in_properties() -> None:
    graph = compiled(example())
    key = graph.resources["confluent.api_key.sandbox_app_producer.sandbox"]
    assert key.properties["secret_name"] == (
        "/confluent_cloud_resource/privatelink-cluster-linking/sandbox/sandbox_app_producer"
        "/java_client")
    assert key.properties["client_secret_names"] == {
        "java_client": key.properties["secret_name"],
        "librdkafka": key.properties["secret_name"].removesuffix("java_client") + "librdkafka"}
    sr = graph.resources["confluent.api_key.schema_registry_app.schema_registry"]
    assert sr.properties["secret_name"] == (
        "/confluent_cloud_resource/privatelink-cluster-linking/schema_registry_cluster"
        "/schema_registry_app")
    assert sr.properties["client_secret_names"] == {
        "schema_registry_client": sr.properties["secret_name"]}
    for resource in (key, sr):
        assert not any("secret" in k and k not in ("secret_name", "client_secret_names")
                       for k in resource.properties)


def test_two_accounts_with_schema_registry_keys_get_two_secrets() -> None:
    data = example().model_dump(mode="json")
    accounts = data["confluent"]["service_accounts"]
    sr_account = next(a for a in accounts if "schema_registry" in a["api_keys"])
    accounts.append({**sr_account, "name": "second_sr_app"})
    graph = compiled(Topology.model_validate(data))
    names = {r.properties["secret_name"] for r in graph.resources.values()
             if r.kind == "confluent.api_key" and r.properties["resource"] == "schema_registry"}
    assert len(names) == 2


@pytest.mark.parametrize("now", ["2026-12-30", "2027-01-15T10:00:00Z", "2030-06-01"])
def test_the_graph_does_not_depend_on_the_clock(now: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rotation is the key's own read (by key age): no calendar period in the properties, so
    a plan shows no property change on any day."""
    baseline = {a: r.properties for a, r in compiled(example()).resources.items()}
    monkeypatch.setenv(NOW_ENV, now)
    moved = {a: r.properties for a, r in compiled(example()).resources.items()}
    assert moved == baseline
    assert not any("rotation_period" in p for p in moved.values())


def test_graph_is_acyclic_and_only_refers_to_confluent_or_aws() -> None:
    graph = compiled(example())
    graph.topological_order()
    for resource in graph.resources.values():
        for dep in resource.dependencies:
            assert dep in graph.resources or dep.startswith("aws."), (resource.address, dep)


def test_private_cluster_without_named_connectivity_is_refused_when_ambiguous() -> None:
    data = example().model_dump(mode="json")
    data["confluent"]["connectivity"]["privatelink_attachments"].append({"name": "second"})
    data["confluent"]["clusters"][0]["connectivity"] = None
    with pytest.raises(ValueError, match="name its connectivity"):
        compiled(Topology.model_validate(data))
