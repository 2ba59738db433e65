"""Can a cluster link be opened? Reachability and credentials, as the real service checks them.

A link whose local side connects out (``connection.mode=OUTBOUND``) needs the remote cluster
to be reachable from the local one and valid remote credentials in ``sasl.jaas.config``;
a private cluster is reachable only from a private cluster in the same region. A public
destination pulling from a private source therefore fails with 401, which is why the
source-initiated pattern (``SOURCE``/``OUTBOUND`` on the source, ``DESTINATION``/``INBOUND``
on the destination) exists.

The credentials are checked again whenever the link is read: a link whose stored key was
deleted since (or is not a key of the cluster it authenticates to) cannot authenticate, and
Confluent Cloud reports that in the link itself (``link_state`` UNAVAILABLE, ``link_error``
AUTHENTICATION_ERROR; the ``ListLinksResponseData`` example in kafkarest-v3.yaml) until its
configs are altered to a usable key. Only the key id and a digest of the secret are kept.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from privnet.local.ccloud.auth import secret_digest, usable_key
from privnet.local.ccloud.endpoints import cluster_endpoints
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.phases import key_synced
from privnet.local.ccloud.store import EmulatorState, Record

JAAS_CREDENTIALS = re.compile(
    r"username\s*=\s*['\"]([^'\"]*)['\"].*password\s*=\s*['\"]([^'\"]*)['\"]"
)
SENSITIVE_MARKERS = ("jaas", "password", "secret")
REMOTE_CREDENTIALS = "sasl.jaas.config"
LOCAL_CREDENTIALS = "local.sasl.jaas.config"
CREDENTIAL_CONFIGS = (REMOTE_CREDENTIALS, LOCAL_CREDENTIALS)
AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR"


def is_sensitive(config_name: str) -> bool:
    """Whether a link config holds a credential (never echoed back)."""
    return any(marker in config_name for marker in SENSITIVE_MARKERS)


def jaas_credentials(jaas: str) -> tuple[str, str] | None:
    """The (key, secret) pair inside a PLAIN ``sasl.jaas.config``."""
    match = JAAS_CREDENTIALS.search(jaas)
    return (match.group(1), match.group(2)) if match else None


def reachable(state: EmulatorState, local: Record, remote: Record) -> bool:
    """Whether ``local`` can open a connection to ``remote``."""
    if not cluster_endpoints(state, remote).private:
        return True
    return (
        cluster_endpoints(state, local).private
        and local.fields["region"] == remote.fields["region"]
    )


def check_credentials(
    state: EmulatorState, configs: dict[str, str], name: str, cluster_id: str
) -> None:
    """A 401 unless ``configs[name]`` holds a synced key of ``cluster_id``."""
    credentials = jaas_credentials(configs.get(name, ""))
    if credentials is None or not usable_key(state, credentials[0], credentials[1], cluster_id):
        raise ApiError(
            401,
            f"Authentication to cluster '{cluster_id}' failed: the credentials in '{name}' "
            "are missing, wrong or not yet usable",
        )


def check_outbound(
    state: EmulatorState, local: Record, remote_id: str, configs: dict[str, str]
) -> None:
    """The checks for a link side that connects out to ``remote_id``."""
    if not configs.get("bootstrap.servers"):
        raise ApiError(400, "bootstrap.servers is required for an OUTBOUND link", kafka_code=40002)
    remote = state.get("clusters", remote_id)
    if remote is None:
        raise ApiError(400, f"Unable to connect to remote cluster '{remote_id}'", kafka_code=40002)
    if not reachable(state, local, remote):
        raise ApiError(
            401,
            f"Cluster '{local.id}' cannot reach private cluster '{remote_id}': "
            "authentication with the remote cluster failed. Use a source-initiated link.",
        )
    check_credentials(state, configs, "sasl.jaas.config", remote_id)


def key_reference(jaas: str) -> dict[str, str]:
    """Which key a credential config holds: its id and the secret's digest, never the secret."""
    credentials = jaas_credentials(jaas)
    if credentials is None:
        return {"key_id": "", "secret_digest": ""}
    return {"key_id": credentials[0], "secret_digest": secret_digest(credentials[1])}


def record_credentials(link_fields: dict[str, Any], changes: dict[str, str | None]) -> None:
    """Keep ``credential_keys`` in step with set (a value) or reset (``None``) configs."""
    refs: dict[str, dict[str, str]] = link_fields.setdefault("credential_keys", {})
    for name, value in changes.items():
        if name not in CREDENTIAL_CONFIGS:
            continue
        if value is None:
            refs.pop(name, None)
        else:
            refs[name] = key_reference(value)


def _still_usable(state: EmulatorState, ref: dict[str, str] | None, cluster_id: str) -> bool:
    if ref is None:
        return False
    key = state.get("api_keys", ref["key_id"])
    return (
        key is not None
        and key.fields["resource"] == cluster_id
        and hmac.compare_digest(key.fields["secret_digest"], ref["secret_digest"])
        and key_synced(state, key)
    )


def authentication_failure(state: EmulatorState, link: Record) -> str | None:
    """Why the link cannot authenticate any more, or None; the same credentials creation
    checked (remote ones for an OUTBOUND side, local ones for a SOURCE side)."""
    fields = link.fields
    refs = fields.get("credential_keys")
    if refs is None:
        return None  # a link stored before credentials were recorded: nothing to re-check
    needed: dict[str, str] = {}
    if fields["connection_mode"] == "OUTBOUND":
        needed[REMOTE_CREDENTIALS] = fields["remote_cluster_id"]
    if fields["mode"] == "SOURCE":
        needed[LOCAL_CREDENTIALS] = fields["cluster_id"]
    for name, cluster_id in needed.items():
        if not _still_usable(state, refs.get(name), cluster_id):
            return (f"Authentication to cluster '{cluster_id}' failed with the credentials in "
                    f"'{name}': check the API key and secret")
    return None
