"""Building blocks that create Confluent objects through the emulator's public API."""

from __future__ import annotations

from typing import Any

from tests.local.ccloud.client import ContractClient

REGION = "us-east-1"
KAFKA = "/kafka/v3/clusters/{cluster_id}"
LINK = KAFKA + "/links/{link_name}"


def ok(response: Any, status: int) -> dict[str, Any]:
    """The JSON body of an answer that must have ``status``."""
    assert response.status_code == status, f"{response.status_code}: {response.text}"
    body: dict[str, Any] = response.json() if response.content else {}
    return body


def environment(
    client: ContractClient, name: str = "non-prod", package: str | None = "ESSENTIALS"
) -> str:
    body: dict[str, Any] = {"display_name": name}
    if package:
        body["stream_governance_config"] = {"package": package}
    return str(ok(client.call("POST", "/org/v2/environments", json=body), 201)["id"])


def platt(client: ContractClient, env: str) -> str:
    body = {
        "spec": {
            "display_name": "platt",
            "cloud": "AWS",
            "region": REGION,
            "environment": {"id": env},
        }
    }
    return str(
        ok(client.call("POST", "/networking/v1/private-link-attachments", json=body), 202)["id"]
    )


def platt_connection(client: ContractClient, env: str, platt_id: str, vpce: str) -> dict[str, Any]:
    body = {
        "spec": {
            "display_name": f"conn-{vpce}",
            "cloud": {"kind": "AwsPrivateLinkAttachmentConnection", "vpc_endpoint_id": vpce},
            "environment": {"id": env},
            "private_link_attachment": {"id": platt_id},
        }
    }
    return ok(
        client.call("POST", "/networking/v1/private-link-attachment-connections", json=body), 202
    )


def cluster(client: ContractClient, env: str, name: str, kind: str = "Enterprise") -> str:
    config: dict[str, Any] = {"kind": kind}
    if kind == "Dedicated":
        config["cku"] = 1
    body = {
        "spec": {
            "display_name": name,
            "availability": "HIGH" if kind == "Enterprise" else "SINGLE_ZONE",
            "cloud": "AWS",
            "region": REGION,
            "config": config,
            "environment": {"id": env},
        }
    }
    return str(ok(client.call("POST", "/cmk/v2/clusters", json=body), 202)["id"])


def service_account(client: ContractClient, name: str) -> str:
    body = {"display_name": name, "description": f"{name} account"}
    return str(ok(client.call("POST", "/iam/v2/service-accounts", json=body), 201)["id"])


def api_key(client: ContractClient, owner: str, resource: str | None) -> tuple[str, str]:
    spec: dict[str, Any] = {"display_name": f"{owner}-key", "owner": {"id": owner}}
    if resource:
        spec["resource"] = {"id": resource}
    body = ok(client.call("POST", "/iam/v2/api-keys", json={"spec": spec}), 202)
    return str(body["id"]), str(body["spec"]["secret"])


def cluster_admin_key(client: ContractClient, cluster_id: str, name: str) -> tuple[str, str]:
    """A service account and a key for ``cluster_id``."""
    return api_key(client, service_account(client, name), cluster_id)


def topic(client: ContractClient, cluster_id: str, key: tuple[str, str], name: str) -> Any:
    body = {"topic_name": name, "partitions_count": 3}
    return client.call("POST", KAFKA + "/topics", {"cluster_id": cluster_id}, auth=key, json=body)


def jaas(key: tuple[str, str]) -> str:
    return (
        "org.apache.kafka.common.security.plain.PlainLoginModule required "
        f"username='{key[0]}' password='{key[1]}';"
    )


def link(
    client: ContractClient,
    cluster_id: str,
    key: tuple[str, str],
    name: str,
    body: dict[str, Any],
) -> Any:
    return client.call(
        "POST",
        KAFKA + "/links",
        {"cluster_id": cluster_id},
        auth=key,
        params={"link_name": name},
        json=body,
    )


def configs(**values: str) -> list[dict[str, str]]:
    return [{"name": k.replace("_", "."), "value": v} for k, v in values.items()]
