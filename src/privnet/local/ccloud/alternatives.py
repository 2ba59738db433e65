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
SERVICE_ACCOUNT_WAIVES = frozenset({("config", "kafka.api.key"), ("config", "kafka.api.secret")})


def waived_requirements(method: str, template: str, body: Any) -> frozenset[tuple[str, ...]]:
    """Field paths (as tuples) the schema requires but ``body`` may omit."""
    if (method, template) != ("POST", CONNECTORS) or not isinstance(body, dict):
        return frozenset()
    config = body.get("config")
    if not isinstance(config, dict) or config.get("kafka.auth.mode") != "SERVICE_ACCOUNT":
        return frozenset()
    account = config.get("kafka.service.account.id")
    return SERVICE_ACCOUNT_WAIVES if isinstance(account, str) and account else frozenset()
