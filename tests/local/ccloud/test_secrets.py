"""Secrets given to the emulator are neither echoed back nor kept in its store."""

from __future__ import annotations

from privnet.local.ccloud.store import EmulatorState
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient

CONNECTORS = "/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors"


def _store_text(client: ContractClient) -> str:
    state: EmulatorState = client.http.app.state.emulator  # type: ignore[attr-defined]
    tables = ("api_keys", "connectors", "links")
    return repr([r.fields for t in tables for r in state.all(t)])


def test_connector_secrets_are_masked_and_not_stored(client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    key = s.cluster_admin_key(client, lkc, "connector")
    path = {"environment_id": env, "kafka_cluster_id": lkc}
    config = {"connector.class": "DatagenSource", "name": "dg", "kafka.api.key": key[0]}
    wrong = {**config, "kafka.api.secret": "wrong"}
    assert (
        client.call("POST", CONNECTORS, path, json={"name": "dg", "config": wrong}).status_code
        == 400
    )
    right = {**config, "kafka.api.secret": key[1]}
    created = s.ok(client.call("POST", CONNECTORS, path, json={"name": "dg", "config": right}), 201)
    shown = s.ok(
        client.call("GET", CONNECTORS + "/{connector_name}", {**path, "connector_name": "dg"}), 200
    )
    assert key[1] not in str(created) and key[1] not in str(shown)
    assert key[1] not in _store_text(client)


def test_link_credentials_are_not_stored(client: ContractClient) -> None:
    env = s.environment(client)
    a, b = s.cluster(client, env, "a"), s.cluster(client, env, "b")
    key_a, key_b = s.cluster_admin_key(client, a, "a"), s.cluster_admin_key(client, b, "b")
    body = {
        "remote_cluster_id": b,
        "configs": s.configs(
            link_mode="BIDIRECTIONAL", bootstrap_servers="b:9092", sasl_jaas_config=s.jaas(key_b)
        ),
    }
    s.ok(s.link(client, a, key_a, "ab", body), 204)
    assert key_b[1] not in _store_text(client)
    config = s.ok(
        client.call(
            "GET",
            s.LINK + "/configs/{config_name}",
            {"cluster_id": a, "link_name": "ab", "config_name": "sasl.jaas.config"},
            auth=key_a,
        ),
        200,
    )
    assert config["is_sensitive"] is True and key_b[1] not in config["value"]


def test_a_config_put_masks_and_drops_secrets_like_create(client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    key = s.cluster_admin_key(client, lkc, "connector")
    named = {"environment_id": env, "kafka_cluster_id": lkc, "connector_name": "dg"}
    config = {"connector.class": "DatagenSource", "name": "dg", "kafka.api.key": key[0],
              "kafka.api.secret": key[1], "sasl.password": "hunter2"}
    put = s.ok(client.call("PUT", CONNECTORS + "/{connector_name}/config", named, json=config),
               200)
    assert put["config"]["sasl.password"] != "hunter2"
    assert key[1] not in str(put) and key[1] not in _store_text(client)
    assert "hunter2" not in _store_text(client)
