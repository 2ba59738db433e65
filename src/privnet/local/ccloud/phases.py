"""Phase of every asynchronous resource, computed from its creation time when read.

No background thread advances anything: with zero latency every resource is ready the
moment it is created, which keeps tests instant and deterministic.
"""

from __future__ import annotations

from privnet.local.ccloud.clock import elapsed
from privnet.local.ccloud.store import EmulatorState, Record


def _done(state: EmulatorState, record: Record, kind: str) -> bool:
    return elapsed(record.created, state.now(), state.settings.latency(kind))


def cluster_phase(state: EmulatorState, cluster: Record) -> str:
    """PROVISIONING -> PROVISIONED; Dedicated clusters use their own (longer) latency."""
    kind = "cluster_dedicated" if cluster.fields["config"]["kind"] == "Dedicated" else "cluster"
    return "PROVISIONED" if _done(state, cluster, kind) else "PROVISIONING"


def connection_phase(state: EmulatorState, connection: Record) -> str:
    """PrivateLink attachment connection: PROVISIONING -> READY."""
    return "READY" if _done(state, connection, "platt_connection") else "PROVISIONING"


def platt_provisioned(state: EmulatorState, platt: Record) -> bool:
    """Whether the attachment has left PROVISIONING (its service name is known then)."""
    return _done(state, platt, "platt")


def platt_phase(state: EmulatorState, platt: Record) -> str:
    """PROVISIONING -> WAITING_FOR_CONNECTIONS -> READY (only once a connection is READY)."""
    if not platt_provisioned(state, platt):
        return "PROVISIONING"
    connections = state.all(
        "platt_connections", lambda c: c.fields["private_link_attachment"] == platt.id
    )
    if any(connection_phase(state, c) == "READY" for c in connections):
        return "READY"
    return "WAITING_FOR_CONNECTIONS"


def simple_phase(state: EmulatorState, record: Record, kind: str, ready: str = "READY") -> str:
    """PROVISIONING until the latency of ``kind`` has passed, then ``ready``."""
    return ready if _done(state, record, kind) else "PROVISIONING"


def key_synced(state: EmulatorState, key: Record) -> bool:
    """An API key authenticates on the data plane only after it has synced."""
    return _done(state, key, "api_key_sync")


def mirror_pending(state: EmulatorState, topic: Record) -> bool:
    """A new mirror topic reports PENDING_MIRROR until its first fetch."""
    return not _done(state, topic, "mirror")
