"""``read_confluent`` with several environments serving one account: it never mixes them."""

from __future__ import annotations

from typing import Any

import pytest

from privnet.reach.discover import DiscoveredNetwork, FoundAttachment, FoundCluster, FoundVpc
from privnet.reach.discover_confluent import (
    EnvironmentChoiceError,
    read_confluent,
    with_confluent,
)

REGION = "us-west-2"
SERVICES = {"env-a": "com.amazonaws.vpce.us-west-2.vpce-svc-aaa",
            "env-b": "com.amazonaws.vpce.us-west-2.vpce-svc-bbb"}


def _api(path: str, params: dict[str, str]) -> dict[str, Any]:
    """Two environments, each with one PrivateLink attachment and one private cluster."""
    env = params.get("environment", "")
    if path == "/org/v2/environments":
        return {"data": [{"id": e, "display_name": f"name-{e}"} for e in SERVICES]}
    if path == "/networking/v1/private-link-attachments":
        return {"data": [{"id": f"platt-{env}", "spec": {"region": REGION, "display_name": env},
                          "status": {"cloud": {"vpc_endpoint_service": {
                              "vpc_endpoint_service_name": SERVICES[env]}}}}]}
    if path == "/cmk/v2/clusters":
        host = f"lkc-{env[-1]}1.{REGION}.aws.private.confluent.cloud:9092"
        return {"data": [{"id": f"lkc-{env[-1]}1", "spec": {
            "display_name": f"c-{env}", "region": REGION, "availability": "SINGLE_ZONE",
            "kafka_bootstrap_endpoint": host}}]}
    return {"data": []}


def _network() -> DiscoveredNetwork:
    return DiscoveredNetwork(
        region=REGION,
        vpcs=(FoundVpc("vpc-1", "one", "10.0.0.0/16", (), "platt-1"),
              FoundVpc("vpc-2", "two", "10.1.0.0/16", (), "platt-2")),
        attachments=(FoundAttachment("platt-1", SERVICES["env-a"], REGION),
                     FoundAttachment("platt-2", SERVICES["env-b"], REGION)),
        clusters=(FoundCluster("platt-1-cluster", "platt-1"),
                  FoundCluster("platt-2-cluster", "platt-2")),
        hub_endpoint="two")


def test_several_environments_without_a_choice_are_listed() -> None:
    with pytest.raises(EnvironmentChoiceError) as error:
        read_confluent(_api, _network())
    assert "env-a (name-env-a)" in str(error.value)
    assert "env-b (name-env-b)" in str(error.value)
    assert "--environment" in str(error.value)


@pytest.mark.parametrize("choice", ["env-b", "name-env-b"])
def test_the_chosen_environment_alone_is_written(choice: str) -> None:
    side = read_confluent(_api, _network(), choice)
    assert side is not None
    network = with_confluent(_network(), side)
    assert network.environment_id == "env-b"
    assert [a.service_name for a in network.attachments] == [SERVICES["env-b"]]
    assert [(c.name, c.id) for c in network.clusters] == [("c-env-b", "lkc-b1")]
    # the other environment's endpoint VPC stays a client location, without an endpoint
    assert {v.name: v.endpoint for v in network.vpcs} == {"one": "", "two": "env-b"}
    assert network.hub_endpoint == "two"


def test_an_unknown_choice_names_what_was_found() -> None:
    with pytest.raises(EnvironmentChoiceError, match=r"env-a.*env-b"):
        read_confluent(_api, _network(), "nope")
