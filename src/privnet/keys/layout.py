"""Where Confluent credentials live in AWS Secrets Manager, and what each secret holds.

Layout (root path from the topology, ``{stack}`` substituted)::

    <root>/<cluster>/<account>/java_client          Kafka Java client properties (seed format)
    <root>/<cluster>/<account>/librdkafka           librdkafka / confluent-kafka properties
    <root>/schema_registry_cluster/<account>        Schema Registry client properties
    <client secret>/vpcs/<vpc>                      one VPC's own, when VPCs differ
    <first client secret>/keys/<key id>             one key's own credentials (every kept key)

Every client secret holds the *active* key (the newest that has synced). A rotation writes a
new version of each, so readers of ``AWSCURRENT`` switch at once and ``AWSPREVIOUS`` holds the
key before, which is kept until the next rotation. A Schema Registry secret is per account:
two accounts never share a name (rule KEYS-004 checks every name of a topology).

Pure functions only; :mod:`privnet.keys.secrets` reads and writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

SCHEMA_REGISTRY = "schema_registry"
"""The resource name service accounts use for a Schema Registry key."""

JAVA_CLIENT = "java_client"
LIBRDKAFKA = "librdkafka"
SCHEMA_REGISTRY_CLIENT = "schema_registry_client"
CLIENT_FORMATS = (JAVA_CLIENT, LIBRDKAFKA, SCHEMA_REGISTRY_CLIENT)


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


def client_secret_names(root: str, resource: str, account: str) -> dict[str, str]:
    """Client format -> secret name for ``account``'s key on ``resource`` (a cluster or SR).
    The first entry is the one privnet itself reads the active key from."""
    if resource == SCHEMA_REGISTRY:
        return {SCHEMA_REGISTRY_CLIENT: f"{root}/schema_registry_cluster/{account}"}
    return {JAVA_CLIENT: f"{root}/{resource}/{account}/{JAVA_CLIENT}",
            LIBRDKAFKA: f"{root}/{resource}/{account}/{LIBRDKAFKA}"}


def layout_name(root: str, resource: str, account: str) -> str:
    """The main client secret of ``account``'s key on ``resource``."""
    return next(iter(client_secret_names(root, resource, account).values()))


def key_secret_name(layout: str, key_id: str) -> str:
    """The secret holding one key's own credentials."""
    return f"{layout}/keys/{key_id}"


def key_secret_prefix(layout: str) -> str:
    return f"{layout}/keys/"


def vpc_secret_name(client_secret: str, vpc: str) -> str:
    """The client secret for clients in ``vpc``."""
    return f"{client_secret}/vpcs/{vpc}"


def vpc_secret_prefix(client_secret: str) -> str:
    return f"{client_secret}/vpcs/"


def client_properties(client_format: str, creds: KeyCredentials,
                      endpoint: str) -> dict[str, str]:
    """What a client secret of ``client_format`` holds for ``creds`` at ``endpoint``."""
    if client_format == SCHEMA_REGISTRY_CLIENT:
        return {
            "schema.registry.basic.auth.credentials.source": "USER_INFO",
            "schema.registry.basic.auth.user.info": f"{creds.key}:{creds.secret}",
            "schema.registry.url": endpoint,
        }
    if client_format == LIBRDKAFKA:
        return {
            "bootstrap.servers": endpoint,
            "security.protocol": "SASL_SSL",
            "sasl.mechanisms": "PLAIN",
            "sasl.username": creds.key,
            "sasl.password": creds.secret,
        }
    jaas = ("org.apache.kafka.common.security.plain.PlainLoginModule required "
            f"username='{creds.key}' password='{creds.secret}';")
    return {"sasl.jaas.config": jaas, "bootstrap.servers": endpoint}


_JAAS = re.compile(r"username='([^']+)' password='([^']+)';")


def credentials_in(value: Mapping[str, object]) -> KeyCredentials | None:
    """The key a client secret holds, whatever its format (None when it holds none)."""
    if isinstance(value.get("sasl.username"), str) and isinstance(value.get("sasl.password"),
                                                                  str):
        return KeyCredentials(str(value["sasl.username"]), str(value["sasl.password"]))
    user_info = value.get("schema.registry.basic.auth.user.info")
    if isinstance(user_info, str) and ":" in user_info:
        key, _, secret = user_info.partition(":")
        return KeyCredentials(key, secret)
    jaas = value.get("sasl.jaas.config")
    found = _JAAS.search(jaas) if isinstance(jaas, str) else None
    return KeyCredentials(found.group(1), found.group(2)) if found else None
