"""Focused checks of the Confluent rules: names, connectivity defaults, connectors and regions."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.rules.confluent.connector_topic import RULE as CONNECTOR_TOPIC
from privnet.rules.confluent.private_cluster_connectivity import RULE as CLUSTER_CONNECTIVITY
from privnet.rules.confluent.region_mismatch import RULE as REGION_MISMATCH
from privnet.rules.confluent.resource_names import connector_name_problem, topic_name_problem
from privnet.rules.confluent.unknown_region import RULE as UNKNOWN_REGION
from tests.rules.helpers_confluent import run, three_subnet_vpc, topology


@pytest.mark.parametrize("name", ["a", "dev-stock_trades", "x.y-z_1", "a" * 249, "..."])
def test_valid_topic_names(name: str) -> None:
    assert topic_name_problem(name) is None


@pytest.mark.parametrize("name", ["", ".", "..", "a" * 250, "with space", "ünï", "a/b"])
def test_invalid_topic_names(name: str) -> None:
    assert topic_name_problem(name) is not None


@pytest.mark.parametrize(("name", "ok"), [
    ("DataGen_stock_trades", True), ("my connector", True), ("a/b", False),
    (" padded", False), ("q?x", False), ("tab\there", False),
])
def test_connector_names(name: str, ok: bool) -> None:
    assert (connector_name_problem(name) is None) is ok


def _platt_cluster(options: dict[str, Any], **cluster: Any) -> Any:
    return topology({"connectivity": options, "clusters": [{"name": "c", **cluster}]})


def test_single_connectivity_is_the_default_and_public_clusters_need_none() -> None:
    assert run(CLUSTER_CONNECTIVITY, _platt_cluster(
        {"privatelink_attachments": [{"name": "platt"}]})) == []
    assert run(CLUSTER_CONNECTIVITY, _platt_cluster({}, access="public")) == []
    found = run(CLUSTER_CONNECTIVITY, _platt_cluster({}))
    assert len(found) == 1 and "declares no" in found[0].message


def test_cluster_naming_an_undeclared_connectivity() -> None:
    found = run(CLUSTER_CONNECTIVITY, _platt_cluster(
        {"privatelink_attachments": [{"name": "platt"}]}, connectivity="plat"))
    assert [v.path[-1] for v in found] == ["connectivity"]


def test_default_connectivity_region_is_compared_too() -> None:
    found = run(REGION_MISMATCH, _platt_cluster(
        {"privatelink_attachments": [{"name": "platt", "region": "us-west-2"}]}))
    assert len(found) == 1 and "us-east-1" in found[0].message


def test_vpc_endpoint_to_a_platt_of_another_region() -> None:
    topo = topology(
        {"connectivity": {"privatelink_attachments": [{"name": "platt"}]}},
        {"vpcs": [three_subnet_vpc("far", "usw2", region="us-west-2",
                                   endpoint={"connectivity": "platt"})]},
    )
    found = run(REGION_MISMATCH, topo)
    assert [v.path for v in found] == [("aws", "vpcs", 0, "region")]


def test_connector_writing_to_a_mirror_topic_is_refused() -> None:
    topo = topology({
        "connectivity": {"privatelink_attachments": [{"name": "platt"}]},
        "clusters": [{"name": "a", "topics": [{"name": "t"}]}, {"name": "b"}],
        "service_accounts": [{"name": "sa"}],
        "cluster_links": [{"name": "l", "source": "a", "destination": "b",
                           "mirrors": [{"source_topic": "t"}]}],
        "connectors": [{"name": "gen", "cluster": "b", "service_account": "sa",
                        "config": {"kafka.topic": "t"}}],
    })
    found = run(CONNECTOR_TOPIC, topo)
    assert len(found) == 1 and "read-only mirror" in found[0].message


def test_unknown_region_is_reported_at_the_topology_and_pool() -> None:
    topo = topology({"flink": {"compute_pools": [{"name": "p", "region": "mars-1"}]}},
                    region="us-east-7")
    paths = [v.path for v in run(UNKNOWN_REGION, topo)]
    assert paths == [("region",), ("confluent", "flink", "compute_pools", 0, "region")]
