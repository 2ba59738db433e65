"""Whether an API key works yet: one cheap authenticated call where the key is used.

A freshly created key answers 401 until it has synced to the cluster (or Schema Registry);
listing topics (or subjects) is the cheapest call that proves it.
"""

from __future__ import annotations

from typing import cast

from privnet.keys.layout import SCHEMA_REGISTRY, KeyCredentials
from privnet.providers.base import ProviderContext
from privnet.providers.confluent.errors import AuthenticationError
from privnet.providers.confluent.kafka_rest import KafkaRest


def probe_path(resource: str, resource_id: str) -> str:
    if resource == SCHEMA_REGISTRY:
        return "/subjects"
    return f"/kafka/v3/clusters/{resource_id}/topics"


def key_works(ctx: ProviderContext, resource: str, resource_id: str, rest_endpoint: str,
              creds: KeyCredentials) -> bool:
    """True once the key is accepted; False while it is refused (not synced yet).

    :class:`UnreachableError` propagates: "cannot reach" is not "not synced".
    """
    client = cast(KafkaRest, ctx.kafka_rest(rest_endpoint, creds.key, creds.secret))
    try:
        client.get(probe_path(resource, resource_id))
    except AuthenticationError:
        return False
    return True
