"""Confluent Cloud handlers, one per resource kind, over an httpx control-plane client and a
Kafka REST client (their transport and base URL are all that differ between local and real).
"""

from __future__ import annotations

from privnet.providers.base import AnyHandler, kind_name
from privnet.providers.confluent.access_points import (
    IngressAccessPointHandler,
    PniAccessPointHandler,
)
from privnet.providers.confluent.acl import AclHandler
from privnet.providers.confluent.api_key import ApiKeyHandler
from privnet.providers.confluent.api_key_sync import ApiKeySyncHandler
from privnet.providers.confluent.client import DEFAULT_BASE_URL, ConfluentCloud
from privnet.providers.confluent.cluster import ClusterHandler
from privnet.providers.confluent.compute_pool import ComputePoolHandler
from privnet.providers.confluent.connector import ConnectorHandler
from privnet.providers.confluent.environment import EnvironmentHandler
from privnet.providers.confluent.gateways import IngressGatewayHandler, PniGatewayHandler
from privnet.providers.confluent.kafka_rest import KafkaRest
from privnet.providers.confluent.link import LinkHandler
from privnet.providers.confluent.mirror import MirrorHandler
from privnet.providers.confluent.platt import PlattHandler
from privnet.providers.confluent.platt_connection import PlattConnectionHandler
from privnet.providers.confluent.role_binding import RoleBindingHandler
from privnet.providers.confluent.schema_registry import SchemaRegistryHandler
from privnet.providers.confluent.service_account import ServiceAccountHandler
from privnet.providers.confluent.topic import TopicHandler

_ALL: tuple[AnyHandler, ...] = (
    EnvironmentHandler(),
    SchemaRegistryHandler(),
    PlattHandler(),
    PlattConnectionHandler(),
    IngressGatewayHandler(),
    IngressAccessPointHandler(),
    PniGatewayHandler(),
    PniAccessPointHandler(),
    ClusterHandler(),
    ServiceAccountHandler(),
    RoleBindingHandler(),
    ApiKeyHandler(),
    ApiKeySyncHandler(),
    TopicHandler(),
    AclHandler(),
    ConnectorHandler(),
    LinkHandler(),
    MirrorHandler(),
    ComputePoolHandler(),
)

HANDLERS: dict[str, AnyHandler] = {kind_name(handler): handler for handler in _ALL}
"""Resource kind -> handler, merged with the AWS handlers by the provider registry."""

__all__ = ["DEFAULT_BASE_URL", "HANDLERS", "ConfluentCloud", "KafkaRest"]
