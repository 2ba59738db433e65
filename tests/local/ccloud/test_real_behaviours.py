"""Behaviours of the real service the emulator reproduces (docs/local-cloud.md), each answer
validated against its OpenAPI file by the contract client."""

from __future__ import annotations

from typing import Any, cast

import pytest

from privnet.local.ccloud import EmulatorSettings, create_app
from privnet.local.ccloud.phase_control import force_phase
from privnet.local.ccloud.store import EmulatorState
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient
from tests.local.ccloud.fake_clock import FakeClock

GATEWAYS = "/networking/v1/gateways"
ACCESS_POINTS = "/networking/v1/access-points"


def _ingress(client: ContractClient, env: str, vpce: str = "vpce-0a1") -> tuple[str, str]:
    gateway = s.ok(client.call("POST", GATEWAYS, json={"spec": {
        "display_name": "ingress", "environment": {"id": env},
        "config": {"kind": "AwsIngressPrivateLinkGatewaySpec", "region": s.REGION}}}), 202)["id"]
    point = s.ok(client.call("POST", ACCESS_POINTS, json={"spec": {
        "display_name": f"ap-{vpce}", "environment": {"id": env}, "gateway": {"id": gateway},
        "config": {"kind": "AwsIngressPrivateLinkEndpoint", "vpc_endpoint_id": vpce}}}), 202)["id"]
    return str(gateway), str(point)


def _store(client: ContractClient) -> EmulatorState:
    store: EmulatorState = cast(Any, client.http.app).state.emulator
    return store


def _error(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()["errors"][0]
    return body


def test_a_deleted_cluster_answers_403_forbidden_access_an_unknown_one_404(
        client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    q = {"environment": env}
    s.ok(client.call("DELETE", "/cmk/v2/clusters/{id}", {"id": lkc}, params=q), 204)

    read = client.call("GET", "/cmk/v2/clusters/{id}", {"id": lkc}, params=q)
    again = client.call("DELETE", "/cmk/v2/clusters/{id}", {"id": lkc}, params=q)
    never = client.call("GET", "/cmk/v2/clusters/{id}", {"id": "lkc-never"}, params=q)

    assert (read.status_code, _error(read)["code"]) == (403, "forbidden_access")
    assert again.status_code == 403
    assert never.status_code == 404


def test_a_deleted_role_binding_and_a_deleted_api_key_answer_403(client: ContractClient) -> None:
    env = s.environment(client)
    sa = s.service_account(client, "app")
    crn = f"crn://confluent.cloud/organization=o/environment={env}"
    rb = s.ok(client.call("POST", "/iam/v2/role-bindings", json={
        "principal": f"User:{sa}", "role_name": "EnvironmentAdmin", "crn_pattern": crn}), 201)["id"]
    key, _ = s.api_key(client, sa, None)
    s.ok(client.call("DELETE", "/iam/v2/role-bindings/{id}", {"id": rb}), 200)
    s.ok(client.call("DELETE", "/iam/v2/api-keys/{id}", {"id": key}), 204)

    binding = client.call("GET", "/iam/v2/role-bindings/{id}", {"id": rb})
    key_again = client.call("DELETE", "/iam/v2/api-keys/{id}", {"id": key})

    assert (binding.status_code, _error(binding)["code"]) == (403, "40301")
    assert key_again.status_code == 403
    assert client.call("GET", "/iam/v2/api-keys/{id}", {"id": key}).status_code == 404


def test_keys_deleted_with_their_service_account_answer_403_too(client: ContractClient) -> None:
    sa = s.service_account(client, "app")
    key, _ = s.api_key(client, sa, None)
    s.ok(client.call("DELETE", "/iam/v2/service-accounts/{id}", {"id": sa}), 204)

    assert client.call("DELETE", "/iam/v2/api-keys/{id}", {"id": key}).status_code == 403


def _names(seed: int | None) -> list[str]:
    other = ContractClient(create_app(EmulatorSettings.instant(order_seed=seed)))
    for name in ("a", "b", "c", "d", "e", "f"):
        s.environment(other, name, package=None)
    listed = s.ok(other.call("GET", "/org/v2/environments", params={"page_size": 100}), 200)
    return [e["display_name"] for e in listed["data"]]


def test_lists_come_back_in_a_seeded_order_unrelated_to_creation() -> None:
    orders = {seed: _names(seed) for seed in range(6)}

    assert _names(None) == ["a", "b", "c", "d", "e", "f"]
    assert len({tuple(o) for o in orders.values()}) > 1
    assert any(o != ["a", "b", "c", "d", "e", "f"] for o in orders.values())
    assert _names(3) == orders[3]  # the same seed, the same order


def test_pages_stay_consistent_under_a_seeded_order() -> None:
    client = ContractClient(create_app(EmulatorSettings.instant(order_seed=11)))
    for name in "abcdefg":
        s.environment(client, name, package=None)
    first = s.ok(client.call("GET", "/org/v2/environments", params={"page_size": 4}), 200)
    token = first["metadata"]["next"].split("page_token=")[1]
    second = s.ok(client.call("GET", "/org/v2/environments",
                              params={"page_size": 4, "page_token": token}), 200)

    names = [e["display_name"] for e in first["data"] + second["data"]]
    assert sorted(names) == list("abcdefg")


def test_cluster_endpoint_maps_are_keyed_by_access_point_in_a_seeded_order() -> None:
    keys: set[tuple[str, ...]] = set()
    for seed in range(6):
        client = ContractClient(create_app(EmulatorSettings.instant(order_seed=seed)))
        env = s.environment(client)
        points = [_ingress(client, env, f"vpce-{n}")[1] for n in range(3)]
        lkc = s.cluster(client, env, "events")
        cluster = s.ok(client.call("GET", "/cmk/v2/clusters/{id}", {"id": lkc},
                                   params={"environment": env}), 200)
        endpoints = cluster["spec"]["endpoints"]
        assert set(endpoints) == set(points)
        for point, entry in endpoints.items():
            assert entry["kafka_bootstrap_endpoint"].startswith(f"{lkc}.{point}.")
        keys.add(tuple(point[-6:] for point in endpoints))
    assert len(keys) > 1


def test_an_access_point_reports_its_dns_domain_only_once_ready() -> None:
    clock = FakeClock()
    client = ContractClient(create_app(EmulatorSettings(clock=clock)))
    env = s.environment(client)
    clock.advance(60)  # the gateway is ready
    _, point = _ingress(client, env)
    q = {"environment": env}

    early = s.ok(client.call("GET", ACCESS_POINTS + "/{id}", {"id": point}, params=q), 200)
    clock.advance(60)
    late = s.ok(client.call("GET", ACCESS_POINTS + "/{id}", {"id": point}, params=q), 200)

    assert early["status"]["phase"] == "PROVISIONING"
    assert "dns_domain" not in early["status"]["config"]
    assert late["status"]["config"]["dns_domain"].startswith(point)


def test_a_platt_has_no_dns_domain_or_service_while_provisioning_or_failed(
        client: ContractClient) -> None:
    env = s.environment(client)
    platt = s.platt(client, env)
    force_phase(_store(client), platt, "FAILED", "quota exceeded")

    body = s.ok(client.call("GET", "/networking/v1/private-link-attachments/{id}", {"id": platt},
                            params={"environment": env}), 200)

    assert body["status"]["phase"] == "FAILED"
    assert body["status"]["error_message"] == "quota exceeded"
    assert "dns_domain" not in body["status"] and "cloud" not in body["status"]


@pytest.mark.parametrize("phase", ["ERROR", "DISCONNECTED", "FAILED"])
def test_the_control_endpoint_drives_an_access_point_into_a_failure_phase(
        client: ContractClient, phase: str) -> None:
    env = s.environment(client)
    _, point = _ingress(client, env)
    answer = client.call("POST", "/_emulator/v1/phase", json={
        "id": point, "phase": phase, "message": "endpoint vpce-0a1 was rejected"})
    body = s.ok(client.call("GET", ACCESS_POINTS + "/{id}", {"id": point},
                            params={"environment": env}), 200)

    assert s.ok(answer, 200)["table"] == "access_points"
    assert body["status"]["phase"] == phase
    assert body["status"]["error_message"] == "endpoint vpce-0a1 was rejected"
    assert "dns_domain" not in body["status"]["config"]


def test_the_control_endpoint_refuses_a_phase_the_spec_does_not_list(
        client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")

    wrong = client.call("POST", "/_emulator/v1/phase", json={"id": lkc, "phase": "ERROR"})
    unknown = client.call("POST", "/_emulator/v1/phase", json={"id": "lkc-x", "phase": "FAILED"})
    anonymous = client.call("POST", "/_emulator/v1/phase", auth=None,
                            json={"id": lkc, "phase": "FAILED"})

    assert (wrong.status_code, unknown.status_code, anonymous.status_code) == (400, 404, 401)


def test_links_and_mirrors_are_driven_into_failed_and_paused(client: ContractClient) -> None:
    env = s.environment(client)
    source, destination = s.cluster(client, env, "src"), s.cluster(client, env, "dst")
    source_key = s.cluster_admin_key(client, source, "src-admin")
    destination_key = s.cluster_admin_key(client, destination, "dst-admin")
    s.topic(client, source, source_key, "orders")
    s.ok(s.link(client, destination, destination_key, "l1", {
        "source_cluster_id": source,
        "configs": s.configs(bootstrap_servers=f"{source}:9092",
                             sasl_jaas_config=s.jaas(source_key)),
    }), 204)
    mirrors = "/kafka/v3/clusters/{cluster_id}/links/{link_name}/mirrors"
    where = {"cluster_id": destination, "link_name": "l1"}
    s.ok(client.call("POST", mirrors, where, auth=destination_key,
                     json={"source_topic_name": "orders"}), 204)

    force_phase(_store(client), f"{destination}/l1", "FAILED",
                "remote cluster unreachable", kind="link")
    force_phase(_store(client), f"{destination}/orders", "PAUSED",
                "paused by an operator", kind="mirror")
    link = s.ok(client.call("GET", "/kafka/v3/clusters/{cluster_id}/links/{link_name}", where,
                            auth=destination_key), 200)
    mirror_at = {**where, "mirror_topic_name": "orders"}
    quiet = s.ok(client.call("GET", mirrors + "/{mirror_topic_name}", mirror_at,
                             auth=destination_key), 200)
    assert "mirror_state_transition_errors" not in quiet  # only when asked, as kafkarest-v3
    mirror = s.ok(client.call("GET", mirrors + "/{mirror_topic_name}", mirror_at,
                              params={"include_state_transition_errors": "true"},
                              auth=destination_key), 200)

    assert (link["link_state"], link["link_error_message"]) == (
        "FAILED", "remote cluster unreachable")
    assert mirror["mirror_status"] == "PAUSED"
    assert mirror["mirror_state_transition_errors"][0]["error_message"] == "paused by an operator"


def test_a_schema_registry_in_provisioning_reports_no_endpoints(client: ContractClient) -> None:
    env = s.environment(client)
    registries = s.ok(client.call("GET", "/srcm/v3/clusters", params={"environment": env}), 200)
    lsrc = registries["data"][0]["id"]
    force_phase(_store(client), lsrc, "PROVISIONING")

    body = s.ok(client.call("GET", "/srcm/v3/clusters/{id}", {"id": lsrc},
                            params={"environment": env}), 200)

    assert body["status"]["phase"] == "PROVISIONING"
    assert "private_http_endpoint" not in body["spec"] and "http_endpoint" not in body["spec"]


def test_objects_and_lists_in_a_deleted_environment_answer_403_an_unknown_one_stays_open(
        client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    platt = s.platt(client, env)
    gateway, point = _ingress(client, env)
    s.ok(client.call("DELETE", "/org/v2/environments/{id}", {"id": env}), 204)
    q = {"environment": env}

    answers = {
        "cluster": client.call("GET", "/cmk/v2/clusters/{id}", {"id": lkc}, params=q),
        "clusters": client.call("GET", "/cmk/v2/clusters", params=q),
        "platts": client.call("GET", "/networking/v1/private-link-attachments", params=q),
        "platt": client.call("GET", "/networking/v1/private-link-attachments/{id}",
                             {"id": platt}, params=q),
        "connections": client.call(
            "GET", "/networking/v1/private-link-attachment-connections", params=q),
        "gateways": client.call("GET", GATEWAYS, params=q),
        "gateway": client.call("GET", GATEWAYS + "/{id}", {"id": gateway}, params=q),
        "access points": client.call("GET", ACCESS_POINTS, params=q),
        "access point": client.call("GET", ACCESS_POINTS + "/{id}", {"id": point}, params=q),
        "compute pools": client.call("GET", "/fcpm/v2/compute-pools", params=q),
        "registries": client.call("GET", "/srcm/v3/clusters", params=q),
        "new cluster": client.call("POST", "/cmk/v2/clusters", json={"spec": {
            "display_name": "again", "availability": "SINGLE_ZONE", "cloud": "AWS",
            "region": s.REGION, "config": {"kind": "Basic"}, "environment": {"id": env}}}),
    }
    never = client.call("GET", "/cmk/v2/clusters", params={"environment": "env-never"})

    assert {what: (r.status_code, _error(r)["code"]) for what, r in answers.items()} == {
        what: (403, "forbidden_access") for what in answers}
    assert (never.status_code, never.json()["data"]) == (200, [])
    # the environment itself answers 404, as before
    assert client.call("GET", "/org/v2/environments/{id}", {"id": env}).status_code == 404
