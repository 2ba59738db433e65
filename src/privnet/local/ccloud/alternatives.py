"""Documented alternatives to fields an OpenAPI file marks required, accepted exactly.

connect-v1 lists ``kafka.api.key`` and ``kafka.api.secret`` as required connector config,
yet Confluent Cloud documents a second way for a managed connector to reach Kafka: a
service account. Source: Confluent Cloud documentation, "Manage Service Accounts for
Connectors in Confluent Cloud" (a connector configuration must include either an API key
and secret or a service account ID), and the Confluent Terraform provider's
``confluent_connector`` managed Datagen source example, which sets
``kafka.auth.mode = "SERVICE_ACCOUNT"`` and ``kafka.service.account.id`` with no key.
Only that exact pair waives the key and secret.
"""

from __future__ import annotations

from typing import Any

CONNECTORS = "/connect/v1/environments/{environment_id}/clusters/{kafka_cluster_id}/connectors"
CONFIG_AT: dict[tuple[str, str], tuple[str, ...]] = {
    ("POST", CONNECTORS): ("config",),
    ("PUT", CONNECTORS + "/{connector_name}/config"): (),
}
"""Where each connector operation carries the config: under ``config`` on create, the whole
body on a config PUT."""
KEY_AND_SECRET = ("kafka.api.key", "kafka.api.secret")


def waived_requirements(method: str, template: str, body: Any) -> frozenset[tuple[str, ...]]:
    """Field paths (as tuples) the schema requires but ``body`` may omit."""
    where = CONFIG_AT.get((method, template))
    if where is None or not _uses_service_account(_at(body, where)):
        return frozenset()
    return frozenset((*where, name) for name in KEY_AND_SECRET)


def _at(body: Any, where: tuple[str, ...]) -> Any:
    for step in where:
        body = body.get(step) if isinstance(body, dict) else None
    return body


def _uses_service_account(config: Any) -> bool:
    if not isinstance(config, dict) or config.get("kafka.auth.mode") != "SERVICE_ACCOUNT":
        return False
    account = config.get("kafka.service.account.id")
    return isinstance(account, str) and bool(account)
