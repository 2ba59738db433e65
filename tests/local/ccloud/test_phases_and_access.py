"""Time-driven phases, API key sync, PNI rules, endpoints and the data-plane gate."""

from __future__ import annotations

from privnet.local.ccloud import EmulatorSettings, create_app
from tests.local.ccloud import scenario as s
from tests.local.ccloud.client import ContractClient
from tests.local.ccloud.fake_clock import FakeClock

PLATTS = "/networking/v1/private-link-attachments/{id}"


def _slow(clock: FakeClock, **latency: float) -> ContractClient:
    settings = EmulatorSettings(latency_seconds=latency, clock=clock)
    return ContractClient(create_app(settings))


def _platt_phase(client: ContractClient, env: str, platt: str) -> str:
    answer = client.call("GET", PLATTS, {"id": platt}, params={"environment": env})
    return str(s.ok(answer, 200)["status"]["phase"])


def test_platt_is_ready_only_once_a_connection_is_ready() -> None:
    clock = FakeClock()
    client = _slow(clock, platt=60, platt_connection=30)
    env = s.environment(client)
    platt = s.platt(client, env)
    assert _platt_phase(client, env, platt) == "PROVISIONING"
    clock.advance(60)
    assert _platt_phase(client, env, platt) == "WAITING_FOR_CONNECTIONS"
    clock.advance(3600)
    assert _platt_phase(client, env, platt) == "WAITING_FOR_CONNECTIONS", "no connection yet"
    connection = s.platt_connection(client, env, platt, "vpce-0abc")
    assert connection["status"]["phase"] == "PROVISIONING"
    assert _platt_phase(client, env, platt) == "WAITING_FOR_CONNECTIONS"
    clock.advance(30)
    assert _platt_phase(client, env, platt) == "READY"
    body = s.ok(client.call("GET", PLATTS, {"id": platt}, params={"environment": env}), 200)
    assert body["status"]["dns_domain"] == "us-east-1.aws.private.confluent.cloud"
    assert body["status"]["cloud"]["vpc_endpoint_service"]["vpc_endpoint_service_name"].startswith(
        "com.amazonaws.vpce.us-east-1.vpce-svc-"
    )


def test_cluster_provisions_after_its_latency() -> None:
    clock = FakeClock()
    client = _slow(clock, cluster=120)
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    get = ("GET", "/cmk/v2/clusters/{id}")
    assert (
        s.ok(client.call(*get, {"id": lkc}, params={"environment": env}), 200)["status"]["phase"]
        == "PROVISIONING"
    )
    clock.advance(120)
    assert (
        s.ok(client.call(*get, {"id": lkc}, params={"environment": env}), 200)["status"]["phase"]
        == "PROVISIONED"
    )


def test_api_key_is_not_usable_before_it_has_synced() -> None:
    clock = FakeClock()
    client = _slow(clock, api_key_sync=90)
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    key = s.cluster_admin_key(client, lkc, "app-manager")
    topics = ("GET", s.KAFKA + "/topics", {"cluster_id": lkc})
    assert client.call(*topics, auth=key).status_code == 401
    clock.advance(89)
    assert client.call(*topics, auth=key).status_code == 401
    clock.advance(1)
    assert client.call(*topics, auth=key).status_code == 200


def test_api_key_secret_is_shown_only_at_creation(client: ContractClient) -> None:
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    key_id, secret = s.cluster_admin_key(client, lkc, "app-manager")
    again = s.ok(client.call("GET", "/iam/v2/api-keys/{id}", {"id": key_id}), 200)
    assert "secret" not in again["spec"]
    assert again["spec"]["resource"]["id"] == lkc
    assert secret not in str(client.http.app.state.emulator.all("api_keys"))  # type: ignore[attr-defined]


def test_key_of_another_cluster_is_refused_on_the_data_plane(client: ContractClient) -> None:
    env = s.environment(client)
    first, second = s.cluster(client, env, "a"), s.cluster(client, env, "b")
    key = s.cluster_admin_key(client, first, "a-admin")
    answer = client.call("GET", s.KAFKA + "/topics", {"cluster_id": second}, auth=key)
    assert answer.status_code == 401
    assert answer.json() == {"error_code": 401, "message": "Unauthorized"}


def _pni(client: ContractClient) -> tuple[str, str, str]:
    env = s.environment(client)
    body = {
        "spec": {
            "config": {
                "kind": "AwsPrivateNetworkInterfaceGatewaySpec",
                "region": s.REGION,
                "zones": ["use1-az1"],
            },
            "environment": {"id": env},
        }
    }
    gateway = s.ok(client.call("POST", "/networking/v1/gateways", json=body), 202)
    return env, gateway["id"], gateway["status"]["cloud_gateway"]["account"]


def _access_point(
    client: ContractClient, env: str, gateway: str, enis: list[str], account: str
) -> object:
    body = {
        "spec": {
            "config": {
                "kind": "AwsPrivateNetworkInterface",
                "network_interfaces": enis,
                "account": account,
            },
            "environment": {"id": env},
            "gateway": {"id": gateway},
        }
    }
    return client.call("POST", "/networking/v1/access-points", json=body)


def test_pni_access_point_needs_51_unique_enis_and_the_gateway_account(
    client: ContractClient,
) -> None:
    env, gateway, account = _pni(client)
    enis = [f"eni-{i:017x}" for i in range(51)]
    assert _access_point(client, env, gateway, enis[:50], account).status_code == 400  # type: ignore[attr-defined]
    assert _access_point(client, env, gateway, enis[:50] + enis[:1], account).status_code == 400  # type: ignore[attr-defined]
    assert _access_point(client, env, gateway, enis, "999999999999").status_code == 400  # type: ignore[attr-defined]
    assert _access_point(client, env, gateway, enis, account).status_code == 202  # type: ignore[attr-defined]
    assert _access_point(client, env, gateway, enis, account).status_code == 409, "ENIs reused"  # type: ignore[attr-defined]


def test_at_most_two_pni_gateways_per_environment(client: ContractClient) -> None:
    env, _, _ = _pni(client)
    body = {
        "spec": {
            "config": {
                "kind": "AwsPrivateNetworkInterfaceGatewaySpec",
                "region": s.REGION,
                "zones": ["use1-az1"],
            },
            "environment": {"id": env},
        }
    }
    assert client.call("POST", "/networking/v1/gateways", json=body).status_code == 202
    assert client.call("POST", "/networking/v1/gateways", json=body).status_code == 400


def test_private_and_public_cluster_endpoints(client: ContractClient) -> None:
    env = s.environment(client)
    s.platt(client, env)
    lkc = s.cluster(client, env, "sandbox")
    dedicated = s.cluster(client, s.environment(client, "public"), "dr", kind="Dedicated")
    private = s.ok(
        client.call("GET", "/cmk/v2/clusters/{id}", {"id": lkc}, params={"environment": env}), 200
    )["spec"]
    domain = "us-east-1.aws.private.confluent.cloud"
    assert private["kafka_bootstrap_endpoint"] == f"{lkc}.{domain}:9092"
    assert private["http_endpoint"] == f"https://{lkc}.{domain}:443"
    assert private["endpoints"]["PRIVATE_LINK"]["connection_type"] == "PRIVATE_LINK"
    public_env = client.http.app.state.emulator.get("clusters", dedicated).fields["environment"]  # type: ignore[attr-defined]
    public = s.ok(
        client.call(
            "GET", "/cmk/v2/clusters/{id}", {"id": dedicated}, params={"environment": public_env}
        ),
        200,
    )["spec"]
    assert public["kafka_bootstrap_endpoint"].endswith(".us-east-1.aws.confluent.cloud:9092")
    assert list(public["endpoints"]) == ["PUBLIC"]


def test_ingress_access_points_get_unique_dns_domains(client: ContractClient) -> None:
    env = s.environment(client)
    body = {
        "spec": {
            "config": {"kind": "AwsIngressPrivateLinkGatewaySpec", "region": s.REGION},
            "environment": {"id": env},
        }
    }
    gateway = s.ok(client.call("POST", "/networking/v1/gateways", json=body), 202)
    service = gateway["status"]["cloud_gateway"]["vpc_endpoint_service_name"]
    domains = set()
    for vpce in ("vpce-01", "vpce-02"):
        ap = {
            "spec": {
                "config": {"kind": "AwsIngressPrivateLinkEndpoint", "vpc_endpoint_id": vpce},
                "environment": {"id": env},
                "gateway": {"id": gateway["id"]},
            }
        }
        status = s.ok(client.call("POST", "/networking/v1/access-points", json=ap), 202)["status"][
            "config"
        ]
        assert status["vpc_endpoint_service_name"] == service
        domains.add(status["dns_domain"])
    assert len(domains) == 2
    lkc = s.cluster(client, env, "sandbox")
    spec = s.ok(
        client.call("GET", "/cmk/v2/clusters/{id}", {"id": lkc}, params={"environment": env}), 200
    )["spec"]
    assert {
        e["kafka_bootstrap_endpoint"].split(".", 1)[1].removesuffix(":9092")
        for e in spec["endpoints"].values()
    } == domains


def test_data_plane_gate_turns_into_503_with_its_reason() -> None:
    blocked: set[str] = set()
    settings = EmulatorSettings.instant(
        data_plane_gate=lambda cid: "no such host" if cid in blocked else None
    )
    client = ContractClient(create_app(settings))
    env = s.environment(client)
    lkc = s.cluster(client, env, "sandbox")
    key = s.cluster_admin_key(client, lkc, "admin")
    topics = ("GET", s.KAFKA + "/topics", {"cluster_id": lkc})
    assert client.call(*topics, auth=key).status_code == 200
    blocked.add(lkc)
    answer = client.call(*topics, auth=key)
    assert answer.status_code == 503
    assert "no such host" in answer.json()["message"]


def test_lists_paginate_with_page_tokens(client: ContractClient) -> None:
    names = {f"env-{i}" for i in range(5)}
    for name in names:
        s.environment(client, name, None)
    seen: list[str] = []
    answer = s.ok(client.call("GET", "/org/v2/environments", params={"page_size": 2}), 200)
    while True:
        seen += [e["display_name"] for e in answer["data"]]
        if not answer["metadata"].get("next"):
            break
        answer = s.ok(
            client.http.get(
                answer["metadata"]["next"], auth=("local-cloud-key", "local-cloud-secret")
            ),
            200,
        )
    assert sorted(seen) == sorted(names)
    assert answer["metadata"]["total_size"] == 5
