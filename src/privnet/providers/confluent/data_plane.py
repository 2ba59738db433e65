"""What data-plane handlers share: the key from Secrets Manager and a Kafka REST client.

State keeps where to call (cluster id, REST endpoint) and which key (id and secret name), so
that delete works from the attributes alone; the secret itself is read when needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from privnet.errors import PrivnetError
from privnet.keys.secrets import KeyCredentials, load_key
from privnet.providers.base import Attributes, ProviderContext
from privnet.providers.confluent.errors import NotFoundError
from privnet.providers.confluent.kafka_rest import KafkaRest

LOCATION = ("cluster_id", "rest_endpoint", "key_id", "secret_name")
"""Properties every data-plane resource carries into its attributes."""


class MissingKeyError(PrivnetError):
    """The API key's secret is not in Secrets Manager (deleted outside privnet?)."""


def credentials(ctx: ProviderContext, secret_name: str, key_id: str) -> KeyCredentials:
    """One key's credentials from Secrets Manager."""
    creds = load_key(ctx.aws("secretsmanager"), secret_name, key_id)
    if creds is None:
        raise MissingKeyError(f"no stored secret for API key {key_id} under {secret_name}; "
                              "re-create the key (privnet apply replaces it)")
    return creds


def rest_client(ctx: ProviderContext, values: Mapping[str, Any]) -> KafkaRest:
    """A Kafka REST client for ``values``' cluster endpoint and key."""
    creds = credentials(ctx, str(values["secret_name"]), str(values["key_id"]))
    return cast(KafkaRest, ctx.kafka_rest(str(values["rest_endpoint"]), creds.key, creds.secret))


def location(values: Mapping[str, Any]) -> Attributes:
    return {name: values.get(name) for name in LOCATION}


def cluster_path(values: Mapping[str, Any], *parts: str) -> str:
    return "/".join(["/kafka/v3/clusters", str(values["cluster_id"]), *parts])


def get_object(ctx: ProviderContext, values: Mapping[str, Any], *parts: str,
               params: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The object at ``cluster_path(values, *parts)``, or None when the cluster says 404."""
    try:
        found = rest_client(ctx, values).get(cluster_path(values, *parts), params)
    except NotFoundError:
        return None
    return found if isinstance(found, dict) else {}


def already_exists(exc: Exception) -> bool:
    """Kafka REST reports duplicates as 400 with an "already exists" message."""
    return "already exists" in str(exc).lower()
