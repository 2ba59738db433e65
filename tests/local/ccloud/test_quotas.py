"""The emulator refuses a create past a service quota with the real API's 402
``quota_exceeded`` (cmk-v2.yaml's example), and its defaults are the ones the QUOTA rules cite."""

from __future__ import annotations

from typing import Any

from privnet.local.ccloud import EmulatorSettings, create_app
from privnet.local.ccloud.quotas import DEFAULT_QUOTAS
from privnet.topology.quotas import CONFLUENT_QUOTAS
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient


def _error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()["errors"][0]
    return body


def test_defaults_are_the_quotas_the_rules_cite() -> None:
    for name, value in DEFAULT_QUOTAS.items():
        assert CONFLUENT_QUOTAS[name].default == value, name


def test_the_cluster_past_the_environment_quota_is_refused_with_402() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant(
        quotas={"kafka_clusters_per_environment": 2})))
    env, other = s.environment(client), s.environment(client, "other")
    s.cluster(client, env, "a")
    s.cluster(client, env, "b")
    s.cluster(client, other, "c")  # the quota is per environment

    refused = client.call("POST", "/cmk/v2/clusters", json={"spec": {
        "display_name": "d", "availability": "HIGH", "cloud": "AWS", "region": s.REGION,
        "config": {"kind": "Enterprise"}, "environment": {"id": env}}})

    assert refused.status_code == 402
    assert _error(refused)["code"] == "quota_exceeded"
    assert "kafka_clusters_per_environment" in _error(refused)["detail"]
    listed = s.ok(client.call("GET", "/cmk/v2/clusters", params={"environment": env}), 200)
    assert len(listed["data"]) == 2  # nothing half-made


def test_the_default_cluster_quota_is_20() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant()))
    env = s.environment(client)
    for n in range(20):
        s.cluster(client, env, f"c{n}")
    body = {"spec": {"display_name": "one-more", "availability": "HIGH", "cloud": "AWS",
                     "region": s.REGION, "config": {"kind": "Enterprise"},
                     "environment": {"id": env}}}
    assert client.call("POST", "/cmk/v2/clusters", json=body).status_code == 402


def test_cluster_keys_past_the_service_account_quota_are_refused() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant(
        quotas={"api_keys_per_service_account": 2})))
    env = s.environment(client)
    lkc = s.cluster(client, env, "a")
    sa = s.service_account(client, "app")
    first, _ = s.api_key(client, sa, lkc)
    s.api_key(client, sa, lkc)
    s.api_key(client, sa, None)  # a Cloud API key is not a cluster key
    spec = {"display_name": "third", "owner": {"id": sa}, "resource": {"id": lkc}}

    refused = client.call("POST", "/iam/v2/api-keys", json={"spec": spec})
    assert (refused.status_code, _error(refused)["code"]) == (402, "quota_exceeded")

    s.ok(client.call("DELETE", "/iam/v2/api-keys/{id}", {"id": first}), 204)
    assert client.call("POST", "/iam/v2/api-keys", json={"spec": spec}).status_code == 202
