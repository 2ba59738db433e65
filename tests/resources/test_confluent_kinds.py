"""compile_confluent on the reference example and on link variants."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from privnet.resources.compile_confluent import compile_confluent
from privnet.resources.model import Ref, ResourceGraph
from privnet.topology.loader import load_spec
from privnet.topology.model import Topology
from tests.conftest import EXAMPLES

TODAY = date(2026, 3, 1)


def example() -> Topology:
    return load_spec(EXAMPLES / "privatelink-cluster-linking.yaml").topology


def compiled(topology: Topology) -> ResourceGraph:
    graph = ResourceGraph()
    compile_confluent(topology, graph, today=TODAY)
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
            "confluent.api_key", "confluent.api_key_sync", "confluent.role_binding"} <= kinds
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


def test_data_plane_calls_use_a_synced_admin_key() -> None:
    graph = compiled(example())
    topic = graph.resources["confluent.topic.sandbox.dev-stock_trades"]
    sync = "confluent.api_key_sync.sandbox_app_manager.sandbox"
    assert topic.properties["key_id"] == Ref(sync, "key_id")
    assert "confluent.role_binding.sandbox_app_manager.0" in topic.dependencies


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
    sr = graph.resources["confluent.api_key.schema_registry_app.schema_registry"]
    assert sr.properties["secret_name"].endswith("/schema_registry_cluster")
    assert not any("secret" in k and k != "secret_name" for k in key.properties)


def test_rotation_period_moves_once_per_day_count() -> None:
    topology = example()
    periods = set()
    for offset in range(30):
        graph = ResourceGraph()
        compile_confluent(topology, graph, today=date(2026, 1, 1).fromordinal(
            (date(2026, 1, 1).toordinal() // 30) * 30 + offset))
        periods.add(graph.resources["confluent.api_key.sandbox_app_producer.sandbox"]
                    .properties["rotation_period"])
    assert len(periods) == 1


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
