"""Confluent control-plane kinds: environment, registry, clusters, accounts, keys, compute."""

from __future__ import annotations

from privnet.resources.kinds.base import UNTYPED, Kind, Traits

ENVIRONMENT = Kind("confluent.environment", UNTYPED)
SCHEMA_REGISTRY = Kind("confluent.schema_registry", UNTYPED)
CLUSTER = Kind("confluent.cluster", UNTYPED, Traits(network=True))
SERVICE_ACCOUNT = Kind("confluent.service_account", UNTYPED)
ROLE_BINDING = Kind("confluent.role_binding", UNTYPED)
API_KEY = Kind("confluent.api_key", UNTYPED)
COMPUTE_POOL = Kind("confluent.compute_pool", UNTYPED)
CONNECTOR = Kind("confluent.connector", UNTYPED)

KINDS = (ENVIRONMENT, SCHEMA_REGISTRY, CLUSTER, SERVICE_ACCOUNT, ROLE_BINDING, API_KEY,
         COMPUTE_POOL, CONNECTOR)
