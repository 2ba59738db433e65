"""Can a cluster link be opened? Reachability and credentials, as the real service checks them.

A link whose local side connects out (``connection.mode=OUTBOUND``) needs the remote cluster
to be reachable from the local one and valid remote credentials in ``sasl.jaas.config``;
a private cluster is reachable only from a private cluster in the same region. A public
destination pulling from a private source therefore fails with 401, which is why the
source-initiated pattern (``SOURCE``/``OUTBOUND`` on the source, ``DESTINATION``/``INBOUND``
on the destination) exists.
"""

from __future__ import annotations

import re

from privnet.local.ccloud.auth import usable_key
from privnet.local.ccloud.endpoints import cluster_endpoints
from privnet.local.ccloud.errors import ApiError
from privnet.local.ccloud.store import EmulatorState, Record

JAAS_CREDENTIALS = re.compile(
    r"username\s*=\s*['\"]([^'\"]*)['\"].*password\s*=\s*['\"]([^'\"]*)['\"]"
)
SENSITIVE_MARKERS = ("jaas", "password", "secret")


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
