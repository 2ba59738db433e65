"""Where Confluent credentials live in AWS Secrets Manager, and how they are written.

Layout (root path from the topology, ``{stack}`` substituted)::

    <root>/schema_registry_cluster             Schema Registry client properties
    <root>/<cluster>/<account>/java_client     Kafka Java client properties
    <layout name>/keys/<key id>                one key's own credentials (every kept key)

The layout secret always holds the *active* key; the per-key secrets let the active key move
to a newer one once it has synced, without ever holding a secret anywhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

SCHEMA_REGISTRY = "schema_registry"
"""The resource name service accounts use for a Schema Registry key."""


@dataclass(frozen=True)
class KeyCredentials:
    """An API key and its secret; ``repr`` never shows the secret."""

    key: str
    secret: str

    def __repr__(self) -> str:
        return f"KeyCredentials(key={self.key!r}, secret='***')"


def root_path(template: str, stack: str) -> str:
    """The root path with ``{stack}`` replaced and no trailing slash."""
    return template.replace("{stack}", stack).rstrip("/")


def layout_name(root: str, resource: str, account: str) -> str:
    """The layout secret name for ``account``'s key on ``resource`` (a cluster or SR)."""
    if resource == SCHEMA_REGISTRY:
        return f"{root}/schema_registry_cluster"
    return f"{root}/{resource}/{account}/java_client"


def key_secret_name(layout: str, key_id: str) -> str:
    """The secret holding one key's own credentials."""
    return f"{layout}/keys/{key_id}"


def java_client_properties(creds: KeyCredentials, bootstrap: str) -> dict[str, str]:
    jaas = ("org.apache.kafka.common.security.plain.PlainLoginModule required "
            f"username='{creds.key}' password='{creds.secret}';")
    return {"sasl.jaas.config": jaas, "bootstrap.servers": bootstrap}


def schema_registry_properties(creds: KeyCredentials, url: str) -> dict[str, str]:
    return {
        "schema.registry.basic.auth.credentials.source": "USER_INFO",
        "schema.registry.basic.auth.user.info": f"{creds.key}:{creds.secret}",
        "schema.registry.url": url,
    }


def layout_properties(resource: str, creds: KeyCredentials, endpoint: str) -> dict[str, str]:
    """The layout secret's content for a key on ``resource`` (bootstrap or SR URL)."""
    if resource == SCHEMA_REGISTRY:
        return schema_registry_properties(creds, endpoint)
    return java_client_properties(creds, endpoint)


def put_secret(sm: Any, name: str, value: dict[str, str], tags: dict[str, str]) -> None:
    """Create the secret, or store a new version if it exists already."""
    text = json.dumps(value, sort_keys=True)
    try:
        sm.create_secret(Name=name, SecretString=text,
                         Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())])
    except sm.exceptions.ResourceExistsException:
        sm.put_secret_value(SecretId=name, SecretString=text)


def store_key(sm: Any, layout: str, creds: KeyCredentials, tags: dict[str, str]) -> str:
    """Store one key's credentials under its per-key name; returns that name."""
    name = key_secret_name(layout, creds.key)
    put_secret(sm, name, {"key": creds.key, "secret": creds.secret}, tags)
    return name


def load_key(sm: Any, layout: str, key_id: str) -> KeyCredentials | None:
    """One key's credentials, or None when its secret is gone."""
    return load_secret_key(sm, key_secret_name(layout, key_id))


def load_secret_key(sm: Any, name: str) -> KeyCredentials | None:
    """The credentials held by the per-key secret ``name``, or None when it is gone (or
    scheduled for deletion, or not a per-key secret)."""
    try:
        answer = sm.get_secret_value(SecretId=name)
    except (sm.exceptions.ResourceNotFoundException, sm.exceptions.InvalidRequestException):
        return None
    try:
        value = json.loads(answer["SecretString"])
        return KeyCredentials(key=str(value["key"]), secret=str(value["secret"]))
    except (KeyError, TypeError, ValueError):
        return None


def holds(sm: Any, name: str, value: dict[str, str]) -> bool:
    """Whether the secret ``name`` exists and holds exactly ``value``."""
    try:
        answer = sm.get_secret_value(SecretId=name)
    except (sm.exceptions.ResourceNotFoundException, sm.exceptions.InvalidRequestException):
        return False
    try:
        return bool(json.loads(answer["SecretString"]) == value)
    except (KeyError, TypeError, ValueError):
        return False


def delete_secret(sm: Any, name: str) -> None:
    """Delete at once (no recovery window, so the name is free again); gone is success."""
    try:
        sm.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
    except sm.exceptions.ResourceNotFoundException:
        return
