"""Schema Registry's data plane answers by host name, and only to a synced key scoped to it."""

from __future__ import annotations

from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient


def _registry(client: ContractClient, env: str) -> dict[str, str]:
    listing = s.ok(client.call("GET", "/srcm/v3/clusters", params={"environment": env}), 200)
    return dict(listing["data"][0]["spec"], id=listing["data"][0]["id"])


def test_subjects_need_a_key_scoped_to_that_registry(client: ContractClient) -> None:
    env = s.environment(client)
    registry = _registry(client, env)
    host = registry["private_http_endpoint"].removeprefix("https://")
    owner = s.service_account(client, "sr")
    sr_key = s.api_key(client, owner, registry["id"])
    lkc = s.cluster(client, env, "sandbox")
    cluster_key = s.cluster_admin_key(client, lkc, "admin")

    good = client.http.get(f"https://{host}/subjects", auth=sr_key)
    assert good.status_code == 200 and good.json() == []
    wrong_scope = client.http.get(f"https://{host}/subjects", auth=cluster_key)
    assert wrong_scope.status_code == 401
    assert wrong_scope.json()["error_code"] == 40101


def test_unknown_registry_host_is_not_found(client: ContractClient) -> None:
    s.environment(client)
    response = client.http.get("https://psrc-nothere.example/subjects", auth=("k", "s"))
    assert response.status_code == 404
    assert "message" in response.json()
