"""The configs of one cluster-link object, built at call time so secrets never reach state.

Modes: a bidirectional side (``link.mode=BIDIRECTIONAL``, remote credentials); the
destination side of a source-initiated link (``DESTINATION``/``INBOUND``: only the source
bootstrap, the source connects in); its source side (``SOURCE``/``OUTBOUND``: destination
credentials plus ``local.*`` credentials of the source cluster itself); a plain
destination-initiated link (remote credentials, default mode).
"""

from __future__ import annotations

from privnet.keys.layout import KeyCredentials
from privnet.keys.secrets import load_key
from privnet.providers.base import ProviderContext
from privnet.providers.confluent.data_plane import credentials
from privnet.resources.kinds.confluent_data import KeyRef, LinkProperties


def jaas(creds: KeyCredentials) -> str:
    return ("org.apache.kafka.common.security.plain.PlainLoginModule required "
            f"username='{creds.key}' password='{creds.secret}';")


def sasl(prefix: str, creds: KeyCredentials) -> dict[str, str]:
    return {f"{prefix}security.protocol": "SASL_SSL", f"{prefix}sasl.mechanism": "PLAIN",
            f"{prefix}sasl.jaas.config": jaas(creds)}


def _key(ctx: ProviderContext, ref: KeyRef | None) -> KeyCredentials | None:
    if ref is None:
        return None
    exact = load_key(ctx.aws("secretsmanager"), str(ref["secret_name"]), str(ref["key_id"]))
    return exact or credentials(ctx, str(ref["secret_name"]))


def link_configs(ctx: ProviderContext, properties: LinkProperties) -> dict[str, str]:
    """Config name -> value for the create call of this link side."""
    configs: dict[str, str] = {}
    if properties.get("link_mode"):
        configs["link.mode"] = str(properties["link_mode"])
    if properties.get("connection_mode"):
        configs["connection.mode"] = str(properties["connection_mode"])
    if properties.get("remote_bootstrap"):
        configs["bootstrap.servers"] = str(properties["remote_bootstrap"])
    remote = _key(ctx, properties.get("remote_key"))
    if remote is not None:
        configs.update(sasl("", remote))
    local = _key(ctx, properties.get("local_link_key"))
    if local is not None:
        configs.update(sasl("local.", local))
    return configs
