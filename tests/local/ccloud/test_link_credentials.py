"""A link's stored credentials are checked when it is read: a deleted or misplaced key shows as
UNAVAILABLE / AUTHENTICATION_ERROR until the link's configs name a usable key again."""

from __future__ import annotations

from typing import Any

from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient

Key = tuple[str, str]


def _linker_key(client: ContractClient, cluster_id: str, label: str = "linker") -> Key:
    """A key of its own for the link, so the REST calls' admin key is not the one deleted."""
    return s.api_key(client, s.service_account(client, f"{label}-{cluster_id}"), cluster_id)


def _clusters(client: ContractClient) -> tuple[str, str, Key, Key]:
    env = s.environment(client)
    s.platt(client, env)
    sandbox, shared = s.cluster(client, env, "sandbox"), s.cluster(client, env, "shared")
    return (sandbox, shared, s.cluster_admin_key(client, sandbox, "sandbox-admin"),
            s.cluster_admin_key(client, shared, "shared-admin"))


def _read(client: ContractClient, cluster_id: str, name: str, key: Key) -> dict[str, Any]:
    return s.ok(client.call("GET", s.LINK, {"cluster_id": cluster_id, "link_name": name},
                            auth=key), 200)


def _listed(client: ContractClient, cluster_id: str, name: str, key: Key) -> dict[str, Any]:
    data = s.ok(client.call("GET", s.KAFKA + "/links", {"cluster_id": cluster_id}, auth=key),
                200)["data"]
    return next(link for link in data if link["link_name"] == name)


def _delete_key(client: ContractClient, key: Key) -> None:
    s.ok(client.call("DELETE", "/iam/v2/api-keys/{id}", {"id": key[0]}), 204)


def _set_config(client: ContractClient, cluster_id: str, key: Key, name: str, value: str
                ) -> None:
    path = {"cluster_id": cluster_id, "link_name": "dr", "config_name": name}
    answer = client.call("PUT", s.LINK + "/configs/{config_name}", path, auth=key,
                         json={"value": value})
    assert answer.status_code == 204, answer.text


def _alter(client: ContractClient, cluster_id: str, key: Key, name: str, value: str) -> None:
    answer = client.call("PUT", s.LINK + "/configs:alter",
                         {"cluster_id": cluster_id, "link_name": "dr"}, auth=key,
                         json={"data": [{"name": name, "value": value}]})
    assert answer.status_code == 204, answer.text


def _outbound_link(client: ContractClient) -> tuple[str, str, Key, Key, Key]:
    sandbox, shared, sandbox_admin, shared_admin = _clusters(client)
    stored = _linker_key(client, shared)
    body = {"source_cluster_id": shared, "configs": s.configs(
        bootstrap_servers=f"{shared}:9092", sasl_jaas_config=s.jaas(stored))}
    s.ok(s.link(client, sandbox, sandbox_admin, "dr", body), 204)
    return sandbox, shared, sandbox_admin, shared_admin, stored


def test_deleting_the_stored_key_makes_the_link_unavailable_until_it_is_replaced(
    client: ContractClient,
) -> None:
    sandbox, shared, admin, _, stored = _outbound_link(client)
    assert _read(client, sandbox, "dr", admin)["link_state"] == "ACTIVE"
    assert _read(client, sandbox, "dr", admin)["link_error"] == "NO_ERROR"

    _delete_key(client, stored)
    for seen in (_read(client, sandbox, "dr", admin), _listed(client, sandbox, "dr", admin)):
        assert seen["link_state"] == "UNAVAILABLE"
        assert seen["link_error"] == "AUTHENTICATION_ERROR"
        assert shared in seen["link_error_message"]
        assert "sasl.jaas.config" in seen["link_error_message"]
        assert stored[1] not in str(seen)

    replacement = _linker_key(client, shared, "replacement")
    _set_config(client, sandbox, admin, "sasl.jaas.config", s.jaas(replacement))
    back = _read(client, sandbox, "dr", admin)
    assert (back["link_state"], back["link_error"], back["link_error_message"]) == (
        "ACTIVE", "NO_ERROR", None)


def test_altering_to_a_key_of_another_cluster_or_a_wrong_secret_is_an_authentication_error(
    client: ContractClient,
) -> None:
    sandbox, _, admin, _, stored = _outbound_link(client)
    _alter(client, sandbox, admin, "sasl.jaas.config", s.jaas(_linker_key(client, sandbox)))
    assert _read(client, sandbox, "dr", admin)["link_error"] == "AUTHENTICATION_ERROR"
    _alter(client, sandbox, admin, "sasl.jaas.config", s.jaas((stored[0], "not-the-secret")))
    assert _read(client, sandbox, "dr", admin)["link_state"] == "UNAVAILABLE"
    _alter(client, sandbox, admin, "sasl.jaas.config", s.jaas(stored))
    assert _read(client, sandbox, "dr", admin)["link_state"] == "ACTIVE"


def test_resetting_the_credentials_leaves_the_link_unable_to_authenticate(
    client: ContractClient,
) -> None:
    sandbox, _, admin, _, _ = _outbound_link(client)
    path = {"cluster_id": sandbox, "link_name": "dr", "config_name": "sasl.jaas.config"}
    answer = client.call("DELETE", s.LINK + "/configs/{config_name}", path, auth=admin)
    assert answer.status_code == 204
    assert _read(client, sandbox, "dr", admin)["link_error"] == "AUTHENTICATION_ERROR"


def test_a_source_side_checks_its_local_credentials_and_the_inbound_side_has_none(
    client: ContractClient,
) -> None:
    source, destination, source_admin, destination_admin = _clusters(client)
    local, remote = _linker_key(client, source), _linker_key(client, destination)
    inbound = {"source_cluster_id": source,
               "configs": s.configs(link_mode="DESTINATION", connection_mode="INBOUND")}
    outbound = {"destination_cluster_id": destination, "configs": s.configs(
        link_mode="SOURCE", connection_mode="OUTBOUND",
        bootstrap_servers=f"{destination}:9092", sasl_jaas_config=s.jaas(remote),
        local_sasl_jaas_config=s.jaas(local))}
    s.ok(s.link(client, destination, destination_admin, "dr", inbound), 204)
    s.ok(s.link(client, source, source_admin, "dr", outbound), 204)

    _delete_key(client, local)
    failed = _read(client, source, "dr", source_admin)
    assert failed["link_state"] == "UNAVAILABLE"
    assert "local.sasl.jaas.config" in failed["link_error_message"]
    assert source in failed["link_error_message"]
    assert _read(client, destination, "dr", destination_admin)["link_state"] == "ACTIVE"

    _alter(client, source, source_admin, "local.sasl.jaas.config",
           s.jaas(_linker_key(client, source, "replacement")))
    assert _read(client, source, "dr", source_admin)["link_state"] == "ACTIVE"
